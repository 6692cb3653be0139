import { schemeErrorView } from '../schemes/scheme-errors';
import { validateScheme, versionInForce } from './scheme.definition';

const valid = {
  effectiveFrom: '2026-01-01',
  reason: '区委考核评价制度 2026',
  indicators: [
    {
      id: 'study',
      name: '学习',
      subject: 'member',
      weight: 1,
      caps: { week: 20 },
      rules: [
        { id: 'collective-study', kind: 'attendance', activityKinds: ['collective-study'], present: 2, unexcusedAbsencePenalty: 2, strict: { roles: ['leader'], penaltyMultiplier: 2 } },
        { id: 'record-book', kind: 'study-hours', pointsPerHour: 1, caps: { day: 3, week: 10 } },
        { id: 'yearly-reflection', kind: 'required-count', counts: { type: 'submission', submissionKinds: ['reflection'] }, period: 'year', required: 1, pointsWhenMet: 10, missedPenalty: 5, obligationKind: 'reflection' },
      ],
    },
    {
      id: 'unit-work',
      name: '单位工作',
      subject: 'unit',
      rules: [
        { id: 'plan', kind: 'plan-approval', points: 10, timeliness: { onTimeBonus: 2, latePenaltyPerDay: 1 } },
        { id: 'met-share', kind: 'unit-member-rate', measure: 'requirements-met-share', period: 'year', maxPoints: 20, requirementRuleIds: ['yearly-reflection'] },
      ],
    },
  ],
};

/** The errors as an English reader sees them. */
function errorsOf(input: unknown) {
  const result = validateScheme(input);
  if (result.ok) throw new Error('expected the scheme to be refused');
  return result.errors.map((error) => schemeErrorView(error, 'en'));
}

const clone = () => JSON.parse(JSON.stringify(valid)) as typeof valid & { indicators: Array<{ rules: Array<Record<string, unknown>> } & Record<string, unknown>> };

describe('scheme validation', () => {
  it('accepts a complete scheme and fills defaults', () => {
    const result = validateScheme(valid);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.scheme.indicators[1].weight).toBe(1);
  });

  it('names the JSON path of a bad value', () => {
    const scheme = clone();
    scheme.indicators[0].rules[1].pointsPerHour = -1;
    expect(errorsOf(scheme)).toEqual([{ path: 'indicators[0].rules[1].pointsPerHour', message: expect.stringMatching(/>0|greater than 0/i) }]);
  });

  it('bounds its texts and lists, and refuses bidi and zero-width marks in names', () => {
    const huge = clone();
    huge.reason = '制'.repeat(1024 * 1024);
    expect(errorsOf(huge)).toEqual([{ path: 'reason', message: 'must be at most 5000' }]);
    const hidden = clone();
    hidden.indicators[0].name = '学\u202E习';
    hidden.indicators[0].rules[0].name = '集中\u200B学习';
    expect(errorsOf(hidden).map((error) => error.path)).toEqual(['indicators[0].name', 'indicators[0].rules[0].name']);
    const crowded = clone();
    crowded.indicators = Array.from({ length: 101 }, (_, i) => ({ ...valid.indicators[0], id: `study-${i}` })) as typeof crowded.indicators;
    expect(errorsOf(crowded)).toEqual([{ path: 'indicators', message: 'must be at most 100' }]);
  });

  it('refuses an unknown rule kind and unknown fields', () => {
    const scheme = clone();
    scheme.indicators[0].rules[0].kind = 'lottery';
    expect(errorsOf(scheme)[0].path).toBe('indicators[0].rules[0].kind');
    const extra = clone();
    extra.indicators[0].rules[1].script = 'return 100';
    expect(errorsOf(extra)).toEqual([expect.objectContaining({ path: 'indicators[0].rules[1]', message: expect.stringContaining('script') })]);
  });

  it('refuses duplicate ids', () => {
    const scheme = clone();
    scheme.indicators[1].rules[0].id = 'record-book';
    scheme.indicators[1].id = 'study';
    expect(errorsOf(scheme).map((e) => e.path)).toEqual(['indicators[1].id', 'indicators[1].rules[0].id']);
  });

  it('refuses a rule that scores the wrong subject for its indicator', () => {
    const scheme = clone();
    scheme.indicators[1].rules.push({ id: 'unit-study', kind: 'study-hours', pointsPerHour: 1 });
    expect(errorsOf(scheme)).toEqual([{ path: 'indicators[1].rules[2].kind', message: expect.stringContaining("indicator's subject is unit") }]);
  });

  it('refuses caps out of order, a penalty without its obligation, and dangling references', () => {
    const scheme = clone();
    scheme.indicators[0].rules[1].caps = { day: 30, week: 10 };
    delete scheme.indicators[0].rules[2].obligationKind;
    scheme.indicators[1].rules[1].requirementRuleIds = ['record-book'];
    expect(errorsOf(scheme).map((e) => e.path)).toEqual([
      'indicators[0].rules[1].caps.day',
      'indicators[0].rules[2].obligationKind',
      'indicators[1].rules[1].requirementRuleIds[0]',
    ]);
  });

  it('refuses stricter rules on a unit indicator and a required count on another kind', () => {
    const scheme = clone();
    scheme.indicators[1].rules[0].strict = { roles: ['leader'] };
    scheme.indicators[0].rules[0].strict = { roles: ['leader'], required: 2 };
    expect(errorsOf(scheme).map((e) => e.path)).toEqual(['indicators[0].rules[0].strict.required', 'indicators[1].rules[0].strict']);
  });

  it('needs an effective-from date, a reason and at least one indicator', () => {
    expect(errorsOf({ effectiveFrom: '1 Jan', indicators: [] }).map((e) => e.path)).toEqual(['effectiveFrom', 'reason', 'indicators']);
  });
});

describe('scheme version in force', () => {
  const versions = [
    { version: 1, effectiveFrom: '2026-01-01' },
    { version: 2, effectiveFrom: '2026-07-01' },
  ];

  it('is the latest version effective on the day', () => {
    expect(versionInForce(versions, '2025-12-31')).toBeUndefined();
    expect(versionInForce(versions, '2026-06-30')?.version).toBe(1);
    expect(versionInForce(versions, '2026-07-01')?.version).toBe(2);
  });
});
