import { DirectoryMember } from '../directory/member.schema';
import { audienceQuery, AudienceScope, inAudience } from './audiences';
import { Audience } from './triggers';

const TOWN = 'u-town';
const BRANCH = 'u-branch';
const OTHER = 'u-other-branch';

type Person = Pick<DirectoryMember, 'memberId' | 'unitPath' | 'status' | 'roles'>;
const person = (memberId: string, unitPath: string[], roles: DirectoryMember['roles'] = [], status: DirectoryMember['status'] = 'active'): Person => ({ memberId, unitPath, roles, status });

/** A township, one of its branches and another branch: ordinary members, office holders, and a leaver. */
const people: Person[] = [
  person('ordinary', ['root', TOWN, BRANCH]),
  person('ordinary-with-post-title', ['root', TOWN, BRANCH]),
  person('branch-secretary', ['root', TOWN, BRANCH], [{ role: 'secretary', unitId: BRANCH }]),
  person('branch-deputy', ['root', TOWN, BRANCH], [{ role: 'deputy-secretary', unitId: BRANCH }]),
  person('branch-admin', ['root', TOWN], [{ role: 'unit-admin', unitId: BRANCH }]),
  person('town-leader', ['root', TOWN], [{ role: 'leading-group-leader', unitId: TOWN }]),
  person('town-group-member', ['root', TOWN, BRANCH], [{ role: 'leading-group-member', unitId: TOWN }]),
  person('other-secretary', ['root', TOWN, OTHER], [{ role: 'secretary', unitId: OTHER }]),
  person('retired-secretary', ['root', TOWN, BRANCH], [{ role: 'secretary', unitId: BRANCH }], 'retired'),
];

const audience = (name: Audience, scope: AudienceScope) => people.filter((member) => inAudience(member, audienceQuery(name, scope))).map((member) => member.memberId);

describe('audiences come from explicit roles only', () => {
  it('unit-admins: the holders of a unit admin grant for the unit, not everyone holding a post', () => {
    expect(audience('unit-admins', { unitIds: [BRANCH] })).toEqual(['branch-admin']);
  });

  it('secretaries: the unit’s active secretaries, not its deputies nor another unit’s', () => {
    expect(audience('secretaries', { unitIds: [BRANCH] })).toEqual(['branch-secretary']);
  });

  it('leading-group: every seat of the unit’s leading group, wherever the member belongs', () => {
    expect(audience('leading-group', { unitIds: [TOWN] })).toEqual(['town-leader', 'town-group-member']);
  });

  it('member: the member the event is about; a unit’s own obligation goes to its secretaries', () => {
    expect(audience('member', { unitIds: [BRANCH], memberId: 'ordinary' })).toEqual(['ordinary']);
    expect(audience('member', { unitIds: [BRANCH], memberId: null })).toEqual(['branch-secretary']);
  });

  it('member-and-secretary: the member and the secretaries of the unit the obligation belongs to', () => {
    expect(audience('member-and-secretary', { unitIds: [BRANCH], memberId: 'ordinary' })).toEqual(['ordinary', 'branch-secretary']);
    expect(audience('member-and-secretary', { unitIds: [OTHER], memberId: null })).toEqual(['other-secretary']);
  });

  it('invited-members: every active member of the organising and invited subtrees', () => {
    expect(audience('invited-members', { unitIds: [BRANCH] })).toEqual(['ordinary', 'ordinary-with-post-title', 'branch-secretary', 'branch-deputy', 'town-group-member']);
  });

  it('concerned: an appraised member, or an appraised unit’s admins and secretaries', () => {
    expect(audience('concerned', { unitIds: [BRANCH], memberId: 'ordinary' })).toEqual(['ordinary']);
    expect(audience('concerned', { unitIds: [BRANCH] })).toEqual(['branch-secretary', 'branch-admin']);
  });

  it('never addresses someone who is no longer active, even when named', () => {
    expect(audience('member', { unitIds: [BRANCH], memberId: 'retired-secretary' })).toEqual([]);
  });
});
