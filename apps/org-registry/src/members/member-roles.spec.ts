import { postRoleLookup } from '../post-dictionary/post-roles';
import { HeldRole, publishedRoles, replaceRoles, sameRoles, withPostRoles } from './member-roles';

const held: HeldRole[] = [
  { role: 'secretary', unitId: 'branch', source: 'post', ref: '支部书记' },
  { role: 'leading-group-deputy', unitId: 'town', source: 'seat', ref: 'g-town' },
  { role: 'leading-group-member', unitId: 'bureau', source: 'seat', ref: 'g-bureau' },
];

describe('member roles', () => {
  it('replaces the roles of one seat and keeps the others', () => {
    const next = replaceRoles(held, 'seat', 'g-town', [{ role: 'leading-group-leader', unitId: 'town', ref: 'g-town' }]);
    expect(next.filter((role) => role.source === 'seat').map((role) => role.role).sort()).toEqual(['leading-group-leader', 'leading-group-member']);
    expect(replaceRoles(held, 'seat', undefined, []).map((role) => role.source)).toEqual(['post']);
  });

  it('recomputes post roles from the posts, leaving seats and grants alone', () => {
    const lookup = postRoleLookup([{ title: '组织委员', role: 'organiser' }]);
    const next = withPostRoles([...held, { role: 'unit-admin', unitId: 'branch', source: 'grant', ref: 'gr-1' }], ['组织委员'], 'town', lookup);
    expect(publishedRoles(next)).toEqual([
      { role: 'unit-admin', unitId: 'branch' },
      { role: 'leading-group-member', unitId: 'bureau' },
      { role: 'leading-group-deputy', unitId: 'town' },
      { role: 'organiser', unitId: 'town' },
    ]);
  });

  it('publishes each role in a unit once, whatever gave it, and compares regardless of order', () => {
    const twice: HeldRole[] = [...held, { role: 'secretary', unitId: 'branch', source: 'post', ref: '书记' }];
    expect(publishedRoles(twice).filter((role) => role.role === 'secretary')).toEqual([{ role: 'secretary', unitId: 'branch' }]);
    expect(sameRoles(held, [...held].reverse())).toBe(true);
    expect(sameRoles(held, held.slice(1))).toBe(false);
  });
});
