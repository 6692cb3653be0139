import { z } from 'zod';
import { ACTIVITY_KINDS, OBLIGATION_KINDS, SUBMISSION_KINDS } from '@campaign/contracts';
import { NO_CONTROL_OR_FORMAT, TEXT_MAX_LENGTH } from '@campaign/service-kit';

const ruleId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'scheme-error.id-format');
const displayName = z.string().min(1).max(TEXT_MAX_LENGTH.name).regex(NO_CONTROL_OR_FORMAT, 'scheme-error.control-characters');
/** Far more indicators, and rules per indicator, than any assessment scheme has; bounds what one save costs. */
export const SCHEME_MAX_ITEMS = 100;
const nonNegative = z.number().nonnegative();
const positive = z.number().positive();

/** Most points a rule or indicator may grant a subject per window; penalties are never capped. */
export const capsSchema = z
  .object({ day: positive.optional(), week: positive.optional(), month: positive.optional(), year: positive.optional() })
  .strict();

/** Stricter treatment of leaders (领导干部) and key posts (重点岗位): larger multipliers, a higher required count. */
export const strictSchema = z
  .object({
    roles: z.array(z.enum(['leader', 'key-post'])).min(1),
    pointsMultiplier: positive.default(1),
    penaltyMultiplier: positive.default(1),
    required: z.number().int().positive().optional(),
  })
  .strict();

/** On-time bonus, or a late penalty (flat plus per started day late, optionally bounded), against the due date. */
export const timelinessSchema = z
  .object({
    onTimeBonus: nonNegative.default(0),
    latePenalty: nonNegative.default(0),
    latePenaltyPerDay: nonNegative.default(0),
    maxLatePenalty: nonNegative.optional(),
  })
  .strict();

const ruleBase = { id: ruleId, name: displayName.optional(), caps: capsSchema.optional(), strict: strictSchema.optional() };

const attendanceRule = z
  .object({
    ...ruleBase,
    kind: z.literal('attendance'),
    activityKinds: z.array(z.enum(ACTIVITY_KINDS)).min(1),
    present: nonNegative,
    excused: nonNegative.default(0),
    unexcusedAbsencePenalty: nonNegative.default(0),
  })
  .strict();

const studyHoursRule = z.object({ ...ruleBase, kind: z.literal('study-hours'), pointsPerHour: positive }).strict();

const submissionRule = z
  .object({
    ...ruleBase,
    kind: z.literal('submission'),
    submissionKinds: z.array(z.enum(SUBMISSION_KINDS)).min(1),
    acceptedPoints: nonNegative,
    timeliness: timelinessSchema.optional(),
  })
  .strict();

const targetCompletionRule = z
  .object({
    ...ruleBase,
    kind: z.literal('target-completion'),
    points: nonNegative,
    strictTargetPoints: nonNegative.optional(),
    timeliness: timelinessSchema.optional(),
  })
  .strict();

const planApprovalRule = z
  .object({ ...ruleBase, kind: z.literal('plan-approval'), points: nonNegative, timeliness: timelinessSchema.optional() })
  .strict();

const activityHeldRule = z
  .object({
    ...ruleBase,
    kind: z.literal('activity-held'),
    activityKinds: z.array(z.enum(ACTIVITY_KINDS)).min(1).optional(),
    pointsPerActivity: positive,
    requireCarrier: z.boolean().default(false),
    capPerCarrier: z.boolean().default(false),
  })
  .strict();

export const countedFactSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('attendance'), activityKinds: z.array(z.enum(ACTIVITY_KINDS)).min(1) }).strict(),
  z.object({ type: z.literal('submission'), submissionKinds: z.array(z.enum(SUBMISSION_KINDS)).min(1) }).strict(),
  z.object({ type: z.literal('study') }).strict(),
]);

const requiredCountRule = z
  .object({
    ...ruleBase,
    kind: z.literal('required-count'),
    counts: countedFactSchema,
    period: z.enum(['week', 'month', 'year']),
    required: z.number().int().positive(),
    pointsWhenMet: nonNegative,
    missedPenalty: nonNegative.default(0),
    /** The obligation (from activity-records) whose `missed` event triggers the penalty. */
    obligationKind: z.enum(OBLIGATION_KINDS).optional(),
  })
  .strict();

const unitMemberRateRule = z
  .object({
    ...ruleBase,
    kind: z.literal('unit-member-rate'),
    measure: z.enum(['attendance-rate', 'requirements-met-share']),
    period: z.enum(['week', 'month', 'year']),
    maxPoints: positive,
    activityKinds: z.array(z.enum(ACTIVITY_KINDS)).min(1).optional(),
    /** For `requirements-met-share`: the member `required-count` rules a member must have met in the period. */
    requirementRuleIds: z.array(ruleId).min(1).optional(),
  })
  .strict();

export const ruleSchema = z.discriminatedUnion('kind', [
  attendanceRule,
  studyHoursRule,
  submissionRule,
  targetCompletionRule,
  planApprovalRule,
  activityHeldRule,
  requiredCountRule,
  unitMemberRateRule,
]);

export const RULE_KINDS = ['attendance', 'study-hours', 'submission', 'target-completion', 'plan-approval', 'activity-held', 'required-count', 'unit-member-rate'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** Which subject each rule kind scores: members' own records, or a unit's own records and its members' aggregates. */
export const SUBJECT_OF_RULE: Record<RuleKind, 'member' | 'unit'> = {
  attendance: 'member',
  'study-hours': 'member',
  submission: 'member',
  'target-completion': 'member',
  'required-count': 'member',
  'plan-approval': 'unit',
  'activity-held': 'unit',
  'unit-member-rate': 'unit',
};

export const indicatorSchema = z
  .object({
    id: ruleId,
    name: displayName,
    subject: z.enum(['member', 'unit']),
    /** Multiplies every point of the indicator's rules. */
    weight: positive.default(1),
    caps: capsSchema.optional(),
    rules: z.array(ruleSchema).min(1).max(SCHEME_MAX_ITEMS),
  })
  .strict();

export const schemeDefinitionSchema = z
  .object({
    effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'scheme-error.day-format'),
    /** Why this version: kept in the audit trail. */
    reason: z.string().min(1).max(TEXT_MAX_LENGTH.text),
    indicators: z.array(indicatorSchema).min(1).max(SCHEME_MAX_ITEMS),
  })
  .strict();

export type Caps = z.infer<typeof capsSchema>;
export type Timeliness = z.infer<typeof timelinessSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type SchemeDefinition = z.infer<typeof schemeDefinitionSchema>;

/** A saved version of a campaign's scheme: what the engine evaluates. */
export interface SchemeVersion extends SchemeDefinition {
  campaignId: string;
  version: number;
}

/** What is wrong with a scheme, as a catalogue key and its values: the service words it in the reader's language. */
export type SchemeProblemKey =
  | 'scheme-error.required'
  | 'scheme-error.invalid-type'
  | 'scheme-error.greater-than'
  | 'scheme-error.at-least'
  | 'scheme-error.at-least-items'
  | 'scheme-error.at-most'
  | 'scheme-error.one-of'
  | 'scheme-error.unknown-fields'
  | 'scheme-error.unknown-kind'
  | 'scheme-error.id-format'
  | 'scheme-error.control-characters'
  | 'scheme-error.day-format'
  | 'scheme-error.invalid'
  | 'scheme-error.cap-order'
  | 'scheme-error.duplicate-indicator'
  | 'scheme-error.duplicate-rule'
  | 'scheme-error.rule-subject'
  | 'scheme-error.strict-on-unit'
  | 'scheme-error.strict-required'
  | 'scheme-error.missed-penalty-kind'
  | 'scheme-error.requirement-rules'
  | 'scheme-error.not-required-count'
  | 'scheme-error.effective-before-latest';

export interface SchemeError {
  /** JSON path of the offending value, e.g. `indicators[0].rules[1].present`. */
  path: string;
  key: SchemeProblemKey;
  params: Record<string, string | number>;
}

export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), '') || '(root)';
}

const WINDOW_ORDER = ['day', 'week', 'month', 'year'] as const;

function capErrors(caps: Caps | undefined, path: string): SchemeError[] {
  if (!caps) return [];
  const errors: SchemeError[] = [];
  const set = WINDOW_ORDER.filter((window) => caps[window] !== undefined);
  for (let i = 1; i < set.length; i += 1) {
    const [smaller, larger] = [set[i - 1], set[i]];
    if ((caps[smaller] as number) > (caps[larger] as number)) {
      errors.push({ path: `${path}.${smaller}`, key: 'scheme-error.cap-order', params: { smaller, smallerCap: caps[smaller] as number, larger, largerCap: caps[larger] as number } });
    }
  }
  return errors;
}

/** Checks what a schema cannot: unique ids, rule kinds matching the indicator's subject, references, cap order. */
function crossCheck(scheme: SchemeDefinition): SchemeError[] {
  const errors: SchemeError[] = [];
  const indicatorIds = new Map<string, number>();
  const ruleIds = new Map<string, string>();
  const memberRequiredCountIds = new Set(
    scheme.indicators.filter((i) => i.subject === 'member').flatMap((i) => i.rules.filter((r) => r.kind === 'required-count').map((r) => r.id)),
  );
  scheme.indicators.forEach((indicator, i) => {
    const at = `indicators[${i}]`;
    if (indicatorIds.has(indicator.id)) errors.push({ path: `${at}.id`, key: 'scheme-error.duplicate-indicator', params: { id: indicator.id, also: `indicators[${indicatorIds.get(indicator.id)}]` } });
    indicatorIds.set(indicator.id, i);
    errors.push(...capErrors(indicator.caps, `${at}.caps`));
    indicator.rules.forEach((rule, r) => {
      const ruleAt = `${at}.rules[${r}]`;
      if (ruleIds.has(rule.id)) errors.push({ path: `${ruleAt}.id`, key: 'scheme-error.duplicate-rule', params: { id: rule.id, also: ruleIds.get(rule.id) as string } });
      ruleIds.set(rule.id, ruleAt);
      if (SUBJECT_OF_RULE[rule.kind] !== indicator.subject) {
        errors.push({ path: `${ruleAt}.kind`, key: 'scheme-error.rule-subject', params: { kind: rule.kind, ruleSubject: SUBJECT_OF_RULE[rule.kind], indicatorSubject: indicator.subject } });
      }
      errors.push(...capErrors(rule.caps, `${ruleAt}.caps`));
      if (rule.strict && indicator.subject === 'unit') errors.push({ path: `${ruleAt}.strict`, key: 'scheme-error.strict-on-unit', params: {} });
      if (rule.strict?.required !== undefined && rule.kind !== 'required-count') errors.push({ path: `${ruleAt}.strict.required`, key: 'scheme-error.strict-required', params: {} });
      if (rule.kind === 'required-count' && rule.missedPenalty > 0 && !rule.obligationKind) {
        errors.push({ path: `${ruleAt}.obligationKind`, key: 'scheme-error.missed-penalty-kind', params: {} });
      }
      if (rule.kind === 'unit-member-rate') {
        if (rule.measure === 'requirements-met-share' && !rule.requirementRuleIds) {
          errors.push({ path: `${ruleAt}.requirementRuleIds`, key: 'scheme-error.requirement-rules', params: {} });
        }
        rule.requirementRuleIds?.forEach((id, k) => {
          if (!memberRequiredCountIds.has(id)) errors.push({ path: `${ruleAt}.requirementRuleIds[${k}]`, key: 'scheme-error.not-required-count', params: { id } });
        });
      }
    });
  });
  return errors;
}

type Issue = z.core.$ZodIssue;

/** A schema issue as a problem: its code and bounds, or the catalogue key given as the schema's message. */
function problemOf(issue: Issue): SchemeError {
  const path = jsonPath(issue.path);
  if (issue.message.startsWith('scheme-error.')) return { path, key: issue.message as SchemeProblemKey, params: {} };
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.endsWith('received undefined') ? { path, key: 'scheme-error.required', params: {} } : { path, key: 'scheme-error.invalid-type', params: { expected: issue.expected } };
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'set') return { path, key: 'scheme-error.at-least-items', params: { minimum: Number(issue.minimum) } };
      return { path, key: issue.inclusive ? 'scheme-error.at-least' : 'scheme-error.greater-than', params: { minimum: Number(issue.minimum) } };
    case 'too_big':
      return { path, key: 'scheme-error.at-most', params: { maximum: Number(issue.maximum) } };
    case 'invalid_value':
      return { path, key: 'scheme-error.one-of', params: { values: issue.values.map(String).join(', ') } };
    case 'unrecognized_keys':
      return { path, key: 'scheme-error.unknown-fields', params: { keys: issue.keys.join(', ') } };
    case 'invalid_union':
      return { path, key: 'scheme-error.unknown-kind', params: {} };
    default:
      return { path, key: 'scheme-error.invalid', params: { detail: issue.message } };
  }
}

export type SchemeValidation = { ok: true; scheme: SchemeDefinition } | { ok: false; errors: SchemeError[] };

/** Validates a scheme as saved by a district admin; every error names the JSON path of what is wrong. */
export function validateScheme(input: unknown): SchemeValidation {
  const parsed = schemeDefinitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map(problemOf) };
  const errors = crossCheck(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, scheme: parsed.data };
}

/** The version in force on a day: the latest whose effective-from date is not after it. */
export function versionInForce<V extends { effectiveFrom: string; version: number }>(versions: readonly V[], day: string): V | undefined {
  return [...versions].filter((v) => v.effectiveFrom <= day).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.version - a.version)[0];
}
