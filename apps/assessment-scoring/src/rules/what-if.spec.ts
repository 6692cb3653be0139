import { Fact } from './facts';
import { periodKeys } from './periods';
import { SchemeVersion, schemeDefinitionSchema } from './scheme.definition';
import { CountedLine, scoreAgain } from './what-if';

function scheme(rules: unknown[]): SchemeVersion {
  const parsed = schemeDefinitionSchema.parse({ effectiveFrom: '2026-11-20', reason: '提高集中学习分值', indicators: [{ id: 'study', name: '学习', subject: 'member', rules }] });
  return { ...parsed, campaignId: 'c-1', version: 2 };
}

const fact = (index: number, at: string, extra: Partial<Fact> = {}): Fact =>
  ({ eventId: `e-${index}`, factKey: `attendance:${index}`, campaignId: 'c-1', memberId: 'm-1', unitId: 'u-1', at, keys: periodKeys(at, 480), type: 'attendance', activityKind: 'collective-study', status: 'present', ...extra }) as Fact;

const plain = () => ({ isLeader: false, isKeyPost: false });

describe('scoring facts again under a draft scheme', () => {
  it('scores each fact as the engine does', () => {
    const lines = scoreAgain([fact(1, '2026-11-24T01:00:00Z')], [], scheme([{ id: 'collective-study', kind: 'attendance', activityKinds: ['collective-study'], present: 4 }]), plain, []);
    expect(lines).toEqual([[expect.objectContaining({ ruleId: 'collective-study', subjectId: 'm-1', points: 4 })]]);
  });

  it('caps with the kept lines and the lines scored again so far, per window', () => {
    const capped = scheme([{ id: 'collective-study', kind: 'attendance', activityKinds: ['collective-study'], present: 4, caps: { week: 10 } }]);
    const kept: CountedLine[] = [{ ruleId: 'collective-study', indicatorId: 'study', subjectType: 'member', subjectId: 'm-1', carrierId: null, points: 3, ...periodKeys('2026-11-23T01:00:00Z', 480) }];
    const facts = [fact(1, '2026-11-24T01:00:00Z'), fact(2, '2026-11-25T01:00:00Z'), fact(3, '2026-12-01T01:00:00Z')];
    expect(scoreAgain(facts, facts, capped, plain, kept).map((lines) => lines.map((line) => line.points))).toEqual([[4], [3], [4]]);
  });

  it('counts every stored fact for a required count, not only those scored again', () => {
    const weekly = scheme([{ id: 'weekly-study', kind: 'required-count', counts: { type: 'attendance', activityKinds: ['collective-study'] }, period: 'week', required: 2, pointsWhenMet: 5 }]);
    const earlier = fact(1, '2026-11-23T01:00:00Z');
    const later = fact(2, '2026-11-24T01:00:00Z');
    expect(scoreAgain([later], [earlier, later], weekly, plain, [])).toEqual([[expect.objectContaining({ points: 5 })]]);
    expect(scoreAgain([later], [later], weekly, plain, [])).toEqual([[]]);
  });

  it('judges leaders more strictly, as the member context says', () => {
    const strict = scheme([{ id: 'collective-study', kind: 'attendance', activityKinds: ['collective-study'], present: 2, unexcusedAbsencePenalty: 3, strict: { roles: ['leader'], penaltyMultiplier: 2 } }]);
    const absent = fact(1, '2026-11-24T01:00:00Z', { status: 'absent' } as Partial<Fact>);
    expect(scoreAgain([absent], [absent], strict, () => ({ isLeader: true, isKeyPost: false }), [])[0][0].points).toBe(-6);
  });
});
