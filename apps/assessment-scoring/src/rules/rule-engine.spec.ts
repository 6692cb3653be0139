import { explanationOf } from '../common/explanations';
import { Fact, MemberContext } from './facts';
import { periodKeys } from './periods';
import { Reason } from './reasons';
import { counterRequests, Counters, derivedUnitPoints, evaluate } from './rule-engine';
import { Indicator, RuleOf, SchemeVersion, schemeDefinitionSchema } from './scheme.definition';

const at = '2026-11-25T02:00:00.000Z';
const inEnglish = (line: { reasons: Reason[]; points: number }) => explanationOf(line.reasons, line.points, 'en');
const keys = periodKeys(at, 480);
const plainMember: MemberContext = { isLeader: false, isKeyPost: false };
const leader: MemberContext = { isLeader: true, isKeyPost: false };
const keyPost: MemberContext = { isLeader: false, isKeyPost: true };

function scheme(...indicators: unknown[]): SchemeVersion {
  const parsed = schemeDefinitionSchema.parse({ effectiveFrom: '2026-01-01', reason: 'test', indicators });
  return { ...parsed, campaignId: 'c-1', version: 1 };
}

function memberIndicator(rules: unknown[], extra: Record<string, unknown> = {}): unknown {
  return { id: 'participation', name: '参与', subject: 'member', rules, ...extra };
}

function unitIndicator(rules: unknown[]): unknown {
  return { id: 'organisation', name: '组织', subject: 'unit', rules };
}

const base = { eventId: 'e-1', factKey: 'record-1', campaignId: 'c-1', memberId: 'm-1', unitId: 'u-school', at, keys };
const attendance = (status: 'present' | 'absent' | 'excused', activityKind = 'collective-study'): Fact => ({ ...base, type: 'attendance', activityKind, status });
const study = (hours: number): Fact => ({ ...base, type: 'study', hours });
const submission = (doneAt: string, outcome: 'accepted' | 'returned' = 'accepted'): Fact => ({
  ...base,
  type: 'submission',
  submissionKind: 'reflection',
  outcome,
  dueAt: '2026-11-20T16:00:00.000Z',
  doneAt,
});

const attendanceRule = { id: 'study-attendance', kind: 'attendance', activityKinds: ['collective-study'], present: 2, excused: 0.5, unexcusedAbsencePenalty: 3 };

describe('rule engine: attendance', () => {
  const attendanceScheme = scheme(memberIndicator([attendanceRule]));

  it('gives points for presence, a little for an excused absence, and a penalty for an unexcused one', () => {
    expect(evaluate(attendance('present'), attendanceScheme, plainMember, {})).toEqual([
      expect.objectContaining({ ruleId: 'study-attendance', indicatorId: 'participation', subjectType: 'member', subjectId: 'm-1', unitId: 'u-school', points: 2 }),
    ]);
    expect(evaluate(attendance('excused'), attendanceScheme, plainMember, {})[0].points).toBe(0.5);
    const [penalty] = evaluate(attendance('absent'), attendanceScheme, plainMember, {});
    expect(penalty.points).toBe(-3);
    expect(inEnglish(penalty)).toBe('unexcused absence from collective study -3 = -3');
    expect(explanationOf(penalty.reasons, penalty.points, 'zh-CN')).toBe('集中学习无故缺席 -3 = -3');
  });

  it('ignores activity kinds the rule does not name', () => {
    expect(evaluate(attendance('present', 'volunteer-service'), attendanceScheme, plainMember, {})).toEqual([]);
  });

  it('applies the indicator weight', () => {
    const weighted = scheme(memberIndicator([attendanceRule], { weight: 1.5 }));
    const [line] = evaluate(attendance('present'), weighted, plainMember, {});
    expect(line.points).toBe(3);
    expect(inEnglish(line)).toBe('present at collective study +2, × weight 1.5 = 3');
  });
});

describe('rule engine: leaders and key posts are judged more strictly', () => {
  const strictScheme = scheme(
    memberIndicator([{ ...attendanceRule, strict: { roles: ['leader', 'key-post'], pointsMultiplier: 1.5, penaltyMultiplier: 2 } }]),
  );

  it('multiplies penalties and points for a leader', () => {
    const [strictPenalty] = evaluate(attendance('absent'), strictScheme, leader, {});
    expect(strictPenalty.points).toBe(-6);
    expect(inEnglish(strictPenalty)).toContain('× 2 (leader)');
    expect(evaluate(attendance('present'), strictScheme, leader, {})[0].points).toBe(3);
  });

  it('applies to key posts and not to ordinary members', () => {
    expect(evaluate(attendance('absent'), strictScheme, keyPost, {})[0].points).toBe(-6);
    expect(evaluate(attendance('absent'), strictScheme, plainMember, {})[0].points).toBe(-3);
  });

  it('raises the required count for leaders', () => {
    const rule = { id: 'weekly-study', kind: 'required-count', counts: { type: 'attendance', activityKinds: ['collective-study'] }, period: 'week', required: 1, pointsWhenMet: 5, strict: { roles: ['leader'], required: 2 } };
    const requiredScheme = scheme(memberIndicator([rule]));
    expect(evaluate(attendance('present'), requiredScheme, plainMember, { 'prior|weekly-study': 0 })[0].points).toBe(5);
    expect(evaluate(attendance('present'), requiredScheme, leader, { 'prior|weekly-study': 0 })).toEqual([]);
    expect(evaluate(attendance('present'), requiredScheme, leader, { 'prior|weekly-study': 1 })[0].points).toBe(5);
  });
});

describe('rule engine: study hours and caps', () => {
  const studyScheme = scheme(memberIndicator([{ id: 'record-book', kind: 'study-hours', pointsPerHour: 1, caps: { day: 3, week: 10, year: 100 } }]));

  it('gives points per hour', () => {
    const [studied] = evaluate(study(2), studyScheme, plainMember, {});
    expect(studied.points).toBe(2);
    expect(inEnglish(studied)).toContain('2 h of study × 1/h');
  });

  it('caps per day, week and year against what the subject already has', () => {
    expect(evaluate(study(5), studyScheme, plainMember, {})[0].points).toBe(3);
    const [weekCapped] = evaluate(study(3), studyScheme, plainMember, { 'rule|record-book|week': 9 });
    expect(weekCapped.points).toBe(1);
    expect(inEnglish(weekCapped)).toMatch(/capped to 1 by the rule week cap 10 \(9 already\)/);
    expect(explanationOf(weekCapped.reasons, weekCapped.points, 'zh-CN')).toContain('受规则每周上限10分限制，计1分（已得9分）');
    expect(evaluate(study(3), studyScheme, plainMember, { 'rule|record-book|year': 100 })).toEqual([]);
  });

  it('asks for one counter per capped window, keyed by the fact period', () => {
    const requests = counterRequests(study(1), studyScheme);
    expect(requests.map((r) => [r.key, r.window, r.windowKey])).toEqual([
      ['rule|record-book|day', 'day', '2026-11-25'],
      ['rule|record-book|week', 'week', '2026-W48'],
      ['rule|record-book|year', 'year', '2026'],
    ]);
  });

  it('caps an indicator across its rules, including points granted by the same fact', () => {
    const twoRules = scheme(
      memberIndicator(
        [
          { id: 'record-book', kind: 'study-hours', pointsPerHour: 1 },
          { id: 'record-book-bonus', kind: 'study-hours', pointsPerHour: 1 },
        ],
        { caps: { day: 5 } },
      ),
    );
    const lines = evaluate(study(4), twoRules, plainMember, { 'indicator|participation|day': 0 });
    expect(lines.map((l) => l.points)).toEqual([4, 1]);
  });

  it('never caps a penalty', () => {
    const capped = scheme(memberIndicator([{ ...attendanceRule, caps: { day: 1 } }]));
    expect(evaluate(attendance('absent'), capped, plainMember, { 'rule|study-attendance|day': 5 })[0].points).toBe(-3);
  });
});

describe('rule engine: required count per period', () => {
  const reflection = { id: 'yearly-reflection', kind: 'required-count', counts: { type: 'submission', submissionKinds: ['reflection'] }, period: 'year', required: 1, pointsWhenMet: 10, missedPenalty: 5, obligationKind: 'reflection' };
  const requiredScheme = scheme(memberIndicator([reflection]));

  it('awards once, on the fact that meets the requirement', () => {
    expect(evaluate(submission('2026-11-19T00:00:00.000Z'), requiredScheme, plainMember, { 'prior|yearly-reflection': 0 })[0].points).toBe(10);
    expect(evaluate(submission('2026-11-19T00:00:00.000Z'), requiredScheme, plainMember, { 'prior|yearly-reflection': 1 })).toEqual([]);
  });

  it('does not count a returned submission', () => {
    expect(evaluate(submission('2026-11-19T00:00:00.000Z', 'returned'), requiredScheme, plainMember, {})).toEqual([]);
    expect(counterRequests(submission('2026-11-19T00:00:00.000Z', 'returned'), requiredScheme)).toEqual([]);
  });

  it('asks for the prior count in the rule period', () => {
    expect(counterRequests(submission('2026-11-19T00:00:00.000Z'), requiredScheme)).toEqual([
      { key: 'prior|yearly-reflection', kind: 'prior-facts', ruleId: 'yearly-reflection', memberId: 'm-1', window: 'year', windowKey: '2026', filter: { type: 'submission', submissionKinds: ['reflection'] } },
    ]);
  });

  it('penalises a missed obligation of its kind', () => {
    const missed: Fact = { ...base, type: 'obligation-missed', obligationKind: 'reflection' };
    const [missedLine] = evaluate(missed, requiredScheme, plainMember, {});
    expect(missedLine.points).toBe(-5);
    expect(inEnglish(missedLine)).toContain('reflection missed -5');
    expect(evaluate({ ...missed, obligationKind: 'research-report' }, requiredScheme, plainMember, {})).toEqual([]);
  });
});

describe('rule engine: deadlines, targets and unit records', () => {
  const timeliness = { onTimeBonus: 2, latePenalty: 1, latePenaltyPerDay: 1, maxLatePenalty: 4 };
  const submissionScheme = scheme(memberIndicator([{ id: 'reflection-quality', kind: 'submission', submissionKinds: ['reflection'], acceptedPoints: 5, timeliness }]));

  it('adds an on-time bonus and subtracts a bounded late penalty', () => {
    expect(evaluate(submission('2026-11-20T15:00:00.000Z'), submissionScheme, plainMember, {})[0].points).toBe(7);
    const [lateTwoDays] = evaluate(submission('2026-11-22T10:00:00.000Z'), submissionScheme, plainMember, {});
    expect(lateTwoDays.points).toBe(2);
    expect(inEnglish(lateTwoDays)).toContain('2 day(s) late -3');
    expect(evaluate(submission('2026-12-20T10:00:00.000Z'), submissionScheme, plainMember, {})[0].points).toBe(1);
  });

  it('scores target completion, with other points for a strict target', () => {
    const targetScheme = scheme(memberIndicator([{ id: 'targets', kind: 'target-completion', points: 5, strictTargetPoints: 8 }]));
    const target = (strict: boolean): Fact => ({ ...base, type: 'target', strict, dueAt: '2026-12-31T00:00:00.000Z', doneAt: at });
    expect(evaluate(target(false), targetScheme, plainMember, {})[0].points).toBe(5);
    expect(evaluate(target(true), targetScheme, plainMember, {})[0].points).toBe(8);
  });

  const unitBase = { ...base, memberId: null, unitId: 'u-town' };

  it('scores a unit for its plan approved on time, and only the unit', () => {
    const planScheme = scheme(unitIndicator([{ id: 'plan', kind: 'plan-approval', points: 10, timeliness: { latePenalty: 5 } }]), memberIndicator([attendanceRule]));
    const plan = (doneAt: string): Fact => ({ ...unitBase, type: 'plan', dueAt: '2026-03-01T00:00:00.000Z', doneAt });
    expect(evaluate(plan('2026-02-27T00:00:00.000Z'), planScheme, null, {})).toEqual([expect.objectContaining({ subjectType: 'unit', subjectId: 'u-town', points: 10 })]);
    expect(evaluate(plan('2026-03-05T00:00:00.000Z'), planScheme, null, {})[0].points).toBe(5);
  });

  it('scores activities held per carrier with a cap per carrier', () => {
    const heldScheme = scheme(unitIndicator([{ id: 'carriers', kind: 'activity-held', pointsPerActivity: 2, requireCarrier: true, capPerCarrier: true, caps: { month: 4 } }]));
    const held = (carrierId: string | null): Fact => ({ ...unitBase, type: 'activity-held', activityKind: 'carrier-activity', carrierId });
    expect(evaluate(held(null), heldScheme, null, {})).toEqual([]);
    expect(evaluate(held('carrier-service'), heldScheme, null, {})[0]).toEqual(expect.objectContaining({ points: 2, carrierId: 'carrier-service' }));
    expect(counterRequests(held('carrier-service'), heldScheme)).toEqual([expect.objectContaining({ kind: 'rule-points', carrierId: 'carrier-service', window: 'month', windowKey: '2026-11' })]);
    expect(evaluate(held('carrier-service'), heldScheme, null, { 'rule|carriers|month': 4 })).toEqual([]);
  });

  it('derives unit points from the members aggregate', () => {
    const rule = { id: 'rate', kind: 'unit-member-rate', measure: 'attendance-rate', period: 'week', maxPoints: 10 } as RuleOf<'unit-member-rate'>;
    const derived = derivedUnitPoints(rule, 3, 4);
    expect(derived.points).toBe(7.5);
    expect(explanationOf(derived.reasons, derived.points, 'en')).toBe('attendance rate 3/4 (75%) × 10 = 7.5');
    expect(derivedUnitPoints(rule, 0, 0).points).toBe(0);
  });

  it('gives a member fact nothing from a unit indicator and vice versa', () => {
    const unitOnly = scheme(unitIndicator([{ id: 'plan', kind: 'plan-approval', points: 10 }]));
    expect(evaluate({ ...base, type: 'plan', dueAt: at, doneAt: at }, unitOnly, plainMember, {})).toEqual([]);
    const memberOnly = scheme(memberIndicator([attendanceRule]) as Indicator);
    expect(evaluate({ ...unitBase, type: 'attendance', activityKind: 'collective-study', status: 'present' }, memberOnly, null, {})).toEqual([]);
  });
});

describe('rule engine: determinism', () => {
  it('returns the same lines for the same inputs (redelivery scores identically)', () => {
    const s = scheme(memberIndicator([attendanceRule, { id: 'record-book', kind: 'study-hours', pointsPerHour: 1, caps: { week: 3 } }]));
    const counters: Counters = { 'rule|record-book|week': 1 };
    expect(evaluate(study(5), s, plainMember, counters)).toEqual(evaluate(study(5), s, plainMember, counters));
  });
});

describe('counters asked for', () => {
  const mixed = scheme(
    memberIndicator([
      { id: 'meetings', kind: 'attendance', activityKinds: ['special-meeting'], present: 1, unexcusedAbsencePenalty: 1 },
      { id: 'record-book', kind: 'study-hours', pointsPerHour: 1, caps: { day: 3, week: 10 } },
    ]),
  );
  const attendance = (activityKind: string) =>
    ({ type: 'attendance', factKey: 'attendance:a-1', eventId: 'e-1', campaignId: 'c-1', memberId: 'm-1', unitId: 'u-1', at, keys, activityKind, status: 'present' }) as Fact;

  it('asks nothing for a fact no capped rule can score: a meeting is not a record-book entry', () => {
    expect(counterRequests(attendance('special-meeting'), mixed)).toEqual([]);
  });

  it('scores the fact the same as before', () => {
    expect(evaluate(attendance('special-meeting'), mixed, plainMember, {}).map((line) => [line.ruleId, line.points])).toEqual([['meetings', 1]]);
    expect(evaluate(attendance('collective-study'), mixed, plainMember, {})).toEqual([]);
  });
});
