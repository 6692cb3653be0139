import { createEnvelope, EventDefinition } from '@campaign/contracts';
import { postRoleLookup } from '../post-dictionary/post-roles';
import { EnvelopeFactory, fieldsOf, newMemberDocument, planMemberChange } from './member-changes';
import { MemberDocument } from './member.schema';

const envelopeOf: EnvelopeFactory = <P>(definition: EventDefinition<P>, payload: P) => createEnvelope(definition, payload, { district: 'd1', source: 'test' });

const dictionary = postRoleLookup([
  { title: '书记', role: 'secretary' },
  { title: '支部书记', role: 'secretary' },
  { title: '组织委员', role: 'organiser' },
  { title: '党员', role: null },
]);

const member: MemberDocument = {
  _id: 'm1',
  district: 'd1',
  externalId: 'E1',
  name: '刘洋',
  unitId: 'u1',
  unitPath: ['root', 'u1'],
  unitSince: '2020-01-01',
  posts: ['书记'],
  isLeader: true,
  isKeyPost: false,
  status: 'active',
  contacts: { email: 'a@b.cn' },
  history: [],
  roles: [
    { role: 'secretary', unitId: 'u1', source: 'post', ref: '书记' },
    { role: 'leading-group-leader', unitId: 'root', source: 'seat', ref: 'g1' },
  ],
  revision: 4,
};

describe('member changes', () => {
  it('plans nothing, and no event, when nothing differs', () => {
    const plan = planMemberChange(member, { ...fieldsOf(member), contacts: { email: 'a@b.cn', phone: '' } }, '2026-11-25', envelopeOf, dictionary);
    expect(plan).toMatchObject({ outcome: 'unchanged' });
    expect(plan.update).toBeUndefined();
    expect(plan.envelope).toBeUndefined();
  });

  it('a unit change is a transfer: new path in the event, the old placement pushed to history, revision + 1', () => {
    const plan = planMemberChange(member, { ...fieldsOf(member), unitId: 'u2', unitPath: ['root', 'u2'] }, '2026-11-25', envelopeOf, dictionary);
    expect(plan.outcome).toBe('moved');
    expect(plan.envelope).toMatchObject({ type: 'org.member.transferred', payload: { fromUnitId: 'u1', toUnitId: 'u2', member: { unitPath: ['root', 'u2'], revision: 5 } } });
    expect(plan.update).toEqual({
      $set: {
        unitId: 'u2',
        unitPath: ['root', 'u2'],
        unitSince: '2026-11-25',
        roles: [
          { role: 'secretary', unitId: 'u2', source: 'post', ref: '书记' },
          { role: 'leading-group-leader', unitId: 'root', source: 'seat', ref: 'g1' },
        ],
      },
      $inc: { revision: 1 },
      $push: { history: { unitId: 'u1', unitPath: ['root', 'u1'], from: '2020-01-01', to: '2026-11-25' } },
    });
  });

  it('moves the roles a post gives with the member to the new unit, and keeps seat roles where the group is', () => {
    const plan = planMemberChange(member, { ...fieldsOf(member), unitId: 'u2', unitPath: ['root', 'u2'] }, '2026-11-25', envelopeOf, dictionary);
    expect(plan.envelope?.payload).toMatchObject({
      member: {
        roles: [
          { role: 'leading-group-leader', unitId: 'root' },
          { role: 'secretary', unitId: 'u2' },
        ],
      },
    });
  });

  it('gives the role of a post through the district dictionary and none to an ordinary 党员', () => {
    const secretary = planMemberChange(member, { ...fieldsOf(member), posts: ['支部书记', '组织委员'] }, '2026-11-25', envelopeOf, dictionary);
    expect((secretary.envelope?.payload as { member: { roles: unknown[] } }).member.roles).toEqual([
      { role: 'organiser', unitId: 'u1' },
      { role: 'secretary', unitId: 'u1' },
      { role: 'leading-group-leader', unitId: 'root' },
    ].sort((a, b) => a.unitId.localeCompare(b.unitId) || a.role.localeCompare(b.role)));
    const ordinary = planMemberChange(member, { ...fieldsOf(member), posts: ['党员'] }, '2026-11-25', envelopeOf, dictionary);
    expect((ordinary.envelope?.payload as { member: { roles: unknown[] } }).member.roles).toEqual([{ role: 'leading-group-leader', unitId: 'root' }]);
    const unknownTitle = planMemberChange(member, { ...fieldsOf(member), posts: ['secretary'] }, '2026-11-25', envelopeOf, dictionary);
    expect((unknownTitle.envelope?.payload as { member: { roles: unknown[] } }).member.roles).toEqual([{ role: 'leading-group-leader', unitId: 'root' }]);
  });

  it('becoming inactive is leaving, dated the effective day', () => {
    const plan = planMemberChange(member, { ...fieldsOf(member), status: 'retired' }, '2026-11-25', envelopeOf, dictionary);
    expect(plan.envelope).toMatchObject({ type: 'org.member.left', payload: { reason: 'retired', member: { status: 'retired', leftAt: '2026-11-25' } } });
  });

  it('returning to active clears the leaving date and is an update', () => {
    const gone: MemberDocument = { ...member, status: 'left', leftAt: '2025-01-01' };
    const plan = planMemberChange(gone, { ...fieldsOf(gone), status: 'active' }, '2026-11-25', envelopeOf, dictionary);
    expect(plan.envelope).toMatchObject({ type: 'org.member.updated', payload: { member: { status: 'active' } } });
    expect((plan.envelope?.payload as { member: object }).member).not.toHaveProperty('leftAt');
  });

  it('keeps the user name’s case-insensitive key with the user name', () => {
    expect(newMemberDocument('d1', { ...fieldsOf(member), userName: 'Ada@Contoso.Example' }, 'm2', '2026-11-25', dictionary)).toMatchObject({ userName: 'Ada@Contoso.Example', userNameKey: 'ada@contoso.example', revision: 1, history: [] });
    const renamed = planMemberChange(member, { ...fieldsOf(member), userName: 'LIU@XZ.cn' }, '2026-11-25', envelopeOf, dictionary);
    expect(renamed.update).toMatchObject({ $set: { userName: 'LIU@XZ.cn', userNameKey: 'liu@xz.cn' } });
    const cleared = planMemberChange({ ...member, userName: 'liu@xz.cn', userNameKey: 'liu@xz.cn' }, { ...fieldsOf(member), userName: undefined }, '2026-11-25', envelopeOf, dictionary);
    expect(cleared.update).toMatchObject({ $set: { userName: null, userNameKey: null } });
  });

  it('a change of the directory profile alone is an update with a new revision', () => {
    const plan = planMemberChange(member, { ...fieldsOf(member), directory: { phoneNumbers: [{ value: '138', type: 'mobile' }] } }, '2026-11-25', envelopeOf, dictionary);
    expect(plan.outcome).toBe('updated');
    expect(plan.update).toEqual({ $set: { directory: { phoneNumbers: [{ value: '138', type: 'mobile' }] } }, $inc: { revision: 1 } });
  });

  it('deletion by the identity provider leaves, releases the identifiers and keeps them on record', () => {
    const directoryDeletion = { at: '2026-11-25T08:00:00.000Z', externalId: 'E1' };
    const plan = planMemberChange(member, { ...fieldsOf(member), status: 'left', externalId: undefined, directoryDeletion }, '2026-11-25', envelopeOf, dictionary);
    expect(plan.envelope).toMatchObject({ type: 'org.member.left', payload: { reason: 'left', member: { leftAt: '2026-11-25' } } });
    expect((plan.envelope?.payload as { member: object }).member).not.toHaveProperty('externalId');
    expect(plan.update).toMatchObject({ $set: { externalId: null, directoryDeletion } });
  });
});
