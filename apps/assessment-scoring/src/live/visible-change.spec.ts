import { createEnvelope, ScoreChanged } from '@campaign/contracts';
import { Principal } from '@campaign/auth';
import { visibleChange } from './visible-change';

const change = (subjectType: 'member' | 'unit', subjectId: string) =>
  createEnvelope(
    ScoreChanged,
    { ledgerEntryId: 'l-1', campaignId: 'c-1', subjectType, subjectId, unitId: 'u-school', points: 2, indicatorId: 'study', sourceEventId: null },
    { district: 'd-1', source: 'test' },
  );
const principal = (extra: Partial<Principal>): Principal => ({ sub: 'x', district: 'd-1', roles: ['member'], units: [], ...extra });

describe('visibleChange', () => {
  it('tells a district admin whose points changed and by how much', () => {
    expect(visibleChange(principal({ roles: ['district-admin'] }), change('member', 'm-2'))).toMatchObject({ subjectId: 'm-2', points: 2, unitId: 'u-school' });
  });

  it('tells a member of their own change', () => {
    expect(visibleChange(principal({ memberId: 'm-1' }), change('member', 'm-1'))).toMatchObject({ subjectId: 'm-1', points: 2 });
  });

  it('tells another member only that the unit moved', () => {
    const seen = visibleChange(principal({ memberId: 'm-1' }), change('member', 'm-2'));
    expect(seen).toEqual({ campaignId: 'c-1', subjectType: 'member', unitId: 'u-school', occurredAt: expect.any(String) });
  });

  it('shows a unit’s own points to anyone of the district (the unit ranking is open)', () => {
    expect(visibleChange(principal({ roles: ['unit-admin'], units: ['u-other'] }), change('unit', 'u-school'))).toMatchObject({ subjectId: 'u-school', points: 2 });
  });
});
