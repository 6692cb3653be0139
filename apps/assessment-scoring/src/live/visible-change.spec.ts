import { createEnvelope, PayloadOf, ScoreChanged } from '@campaign/contracts';
import { Principal } from '@campaign/auth';
import { visibleChange } from './visible-change';

/** The fields of both versions of the event (v1 per line, v2 per subject and batch): the signal reads only the common ones. */
const change = (subjectType: 'member' | 'unit', subjectId: string) => {
  const payload = {
    campaignId: 'c-1',
    subjectType,
    subjectId,
    unitId: 'u-school',
    ledgerEntryId: 'l-1',
    points: 2,
    indicatorId: 'study',
    sourceEventId: null,
    standings: [{ scope: subjectType, period: 'campaign', points: 2, delta: 2 }],
    lines: 1,
    sourceEventIds: ['e-1'],
  };
  return createEnvelope(ScoreChanged, payload as PayloadOf<typeof ScoreChanged>, { district: 'd-1', source: 'test' });
};
const principal = (extra: Partial<Principal>): Principal => ({ sub: 'x', district: 'd-1', roles: ['member'], units: [], ...extra });

describe('visibleChange', () => {
  it('tells a district admin whose score changed', () => {
    expect(visibleChange(principal({ roles: ['district-admin'] }), change('member', 'm-2'))).toMatchObject({ subjectId: 'm-2', unitId: 'u-school', campaignId: 'c-1' });
  });

  it('tells a member of their own change', () => {
    expect(visibleChange(principal({ memberId: 'm-1' }), change('member', 'm-1'))).toMatchObject({ subjectId: 'm-1' });
  });

  it('tells another member only that the unit moved', () => {
    const seen = visibleChange(principal({ memberId: 'm-1' }), change('member', 'm-2'));
    expect(seen).toEqual({ campaignId: 'c-1', subjectType: 'member', unitId: 'u-school', occurredAt: expect.any(String) });
  });

  it('names a unit whose own score changed to anyone of the district (the unit ranking is open)', () => {
    expect(visibleChange(principal({ roles: ['unit-admin'], units: ['u-other'] }), change('unit', 'u-school'))).toMatchObject({ subjectId: 'u-school' });
  });
});
