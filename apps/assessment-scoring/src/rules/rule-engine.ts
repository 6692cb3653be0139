import { CountedFactFilter, Fact, MemberContext } from './facts';
import { Window } from './periods';
import { Reason, reason } from './reasons';
import { Caps, Indicator, Rule, RuleOf, SchemeVersion, Timeliness } from './scheme.definition';

/**
 * The rule engine: pure. Given a fact, the scheme version in force, the member's context and the counters the
 * store has, it returns ledger lines with their reasons. It asks for counters with `counterRequests` first.
 */

export type SubjectType = 'member' | 'unit';

export type CounterRequest =
  | { key: string; kind: 'rule-points'; ruleId: string; subjectType: SubjectType; subjectId: string; window: Window; windowKey: string; carrierId?: string }
  | { key: string; kind: 'indicator-points'; indicatorId: string; subjectType: SubjectType; subjectId: string; window: Window; windowKey: string }
  | { key: string; kind: 'prior-facts'; ruleId: string; memberId: string; window: Window; windowKey: string; filter: CountedFactFilter };

/** Values of the requested counters, by request key; all exclude the fact being scored (so redelivery scores the same). */
export type Counters = Readonly<Record<string, number>>;

export interface EngineLine {
  ruleId: string;
  indicatorId: string;
  subjectType: SubjectType;
  subjectId: string;
  /** The unit the point is attributed to: the member's unit at the time, or the unit itself. */
  unitId: string;
  carrierId: string | null;
  points: number;
  /** Why, in order: what the rule gave, then multipliers, weights and caps. */
  reasons: Reason[];
}

const WINDOWS: Window[] = ['day', 'week', 'month', 'year'];
const DAY_MS = 86_400_000;

export const round2 = (value: number): number => Math.round(value * 100) / 100;

interface Draft {
  points: number;
  because: Reason[];
}

function subjectOf(fact: Fact, indicator: Indicator): { subjectType: SubjectType; subjectId: string } | null {
  if (indicator.subject === 'member') return fact.memberId ? { subjectType: 'member', subjectId: fact.memberId } : null;
  return fact.memberId ? null : { subjectType: 'unit', subjectId: fact.unitId };
}

/** Whether a required count counts the fact: what the store's fact filter selects. */
export function matchesCounted(filter: CountedFactFilter, fact: Fact): boolean {
  if (filter.type === 'attendance') return fact.type === 'attendance' && fact.status === 'present' && filter.activityKinds.includes(fact.activityKind);
  if (filter.type === 'submission') return fact.type === 'submission' && fact.outcome === 'accepted' && filter.submissionKinds.includes(fact.submissionKind);
  return fact.type === 'study';
}

function strictApplies(rule: Rule, member: MemberContext | null): string | null {
  if (!rule.strict || !member) return null;
  if (member.isLeader && rule.strict.roles.includes('leader')) return 'leader';
  if (member.isKeyPost && rule.strict.roles.includes('key-post')) return 'key-post';
  return null;
}

function requiredCount(rule: RuleOf<'required-count'>, member: MemberContext | null): number {
  return strictApplies(rule, member) && rule.strict?.required ? rule.strict.required : rule.required;
}

function timeliness(settings: Timeliness | undefined, dueAt: string, doneAt: string): Draft {
  if (!settings) return { points: 0, because: [] };
  const lateMs = new Date(doneAt).getTime() - new Date(dueAt).getTime();
  if (lateMs <= 0) return settings.onTimeBonus > 0 ? { points: settings.onTimeBonus, because: [reason('reason.on-time', { points: settings.onTimeBonus })] } : { points: 0, because: [] };
  const daysLate = Math.ceil(lateMs / DAY_MS);
  const raw = settings.latePenalty + settings.latePenaltyPerDay * daysLate;
  const penalty = settings.maxLatePenalty === undefined ? raw : Math.min(raw, settings.maxLatePenalty);
  return penalty > 0 ? { points: -penalty, because: [reason('reason.late', { days: daysLate, points: round2(penalty) })] } : { points: 0, because: [] };
}

function countersKey(...parts: string[]): string {
  return parts.join('|');
}

function carrierOf(rule: Rule, fact: Fact): string | undefined {
  return rule.kind === 'activity-held' && rule.capPerCarrier && fact.type === 'activity-held' && fact.carrierId ? fact.carrierId : undefined;
}

/** Whether a rule can score a fact at all (its kind, activity or submission kinds), whatever the counters say. */
export function applies(rule: Rule, fact: Fact): boolean {
  switch (rule.kind) {
    case 'attendance':
      return fact.type === 'attendance' && rule.activityKinds.includes(fact.activityKind as never);
    case 'study-hours':
      return fact.type === 'study';
    case 'submission':
      return fact.type === 'submission' && fact.outcome === 'accepted' && rule.submissionKinds.includes(fact.submissionKind as never);
    case 'target-completion':
      return fact.type === 'target';
    case 'plan-approval':
      return fact.type === 'plan';
    case 'activity-held':
      return fact.type === 'activity-held' && (!rule.activityKinds || rule.activityKinds.includes(fact.activityKind as never)) && (!rule.requireCarrier || Boolean(fact.carrierId));
    case 'required-count':
      return fact.type === 'obligation-missed' ? Boolean(rule.obligationKind) && fact.obligationKind === rule.obligationKind : matchesCounted(rule.counts, fact);
    case 'unit-member-rate':
      return false;
  }
}

/** The raw points of one rule for one fact, before multipliers and caps; null when the rule does not apply. */
function draft(rule: Rule, fact: Fact, member: MemberContext | null, counters: Counters): Draft | null {
  if (!applies(rule, fact)) return null;
  // The type checks below only narrow the fact's type: `applies` has decided.
  switch (rule.kind) {
    case 'attendance': {
      if (fact.type !== 'attendance') return null;
      if (fact.status === 'present') return { points: rule.present, because: [reason('reason.present', { activityKind: fact.activityKind, points: rule.present })] };
      if (fact.status === 'excused') return { points: rule.excused, because: [reason('reason.excused', { activityKind: fact.activityKind, points: rule.excused })] };
      return { points: -rule.unexcusedAbsencePenalty, because: [reason('reason.absent', { activityKind: fact.activityKind, points: rule.unexcusedAbsencePenalty })] };
    }
    case 'study-hours':
      if (fact.type !== 'study') return null;
      return { points: fact.hours * rule.pointsPerHour, because: [reason('reason.study-hours', { hours: fact.hours, perHour: rule.pointsPerHour })] };
    case 'submission': {
      if (fact.type !== 'submission') return null;
      const timing = timeliness(rule.timeliness, fact.dueAt, fact.doneAt);
      return { points: rule.acceptedPoints + timing.points, because: [reason('reason.submission-accepted', { submissionKind: fact.submissionKind, points: rule.acceptedPoints }), ...timing.because] };
    }
    case 'target-completion': {
      if (fact.type !== 'target') return null;
      const base = fact.strict && rule.strictTargetPoints !== undefined ? rule.strictTargetPoints : rule.points;
      const timing = timeliness(rule.timeliness, fact.dueAt, fact.doneAt);
      return { points: base + timing.points, because: [reason(fact.strict ? 'reason.strict-target-completed' : 'reason.target-completed', { points: base }), ...timing.because] };
    }
    case 'plan-approval': {
      if (fact.type !== 'plan') return null;
      const timing = timeliness(rule.timeliness, fact.dueAt, fact.doneAt);
      return { points: rule.points + timing.points, because: [reason('reason.plan-approved', { points: rule.points }), ...timing.because] };
    }
    case 'activity-held': {
      if (fact.type !== 'activity-held') return null;
      const held = fact.carrierId
        ? reason('reason.activity-held-under-carrier', { activityKind: fact.activityKind, carrierId: fact.carrierId, points: rule.pointsPerActivity })
        : reason('reason.activity-held', { activityKind: fact.activityKind, points: rule.pointsPerActivity });
      return { points: rule.pointsPerActivity, because: [held] };
    }
    case 'required-count': {
      if (fact.type === 'obligation-missed') {
        if (!rule.obligationKind || fact.obligationKind !== rule.obligationKind || rule.missedPenalty === 0) return null;
        return { points: -rule.missedPenalty, because: [reason('reason.obligation-missed', { obligationKind: fact.obligationKind, points: rule.missedPenalty })] };
      }
      if (!matchesCounted(rule.counts, fact)) return null;
      const required = requiredCount(rule, member);
      const before = counters[countersKey('prior', rule.id)] ?? 0;
      if (before + 1 !== required) return null;
      return { points: rule.pointsWhenMet, because: [reason('reason.requirement-met', { required, window: rule.period, count: before + 1, points: rule.pointsWhenMet })] };
    }
    case 'unit-member-rate':
      return null;
  }
}

/** The counters the engine needs to score this fact: the cap windows and prior counts of the rules that can score it. */
export function counterRequests(fact: Fact, scheme: SchemeVersion): CounterRequest[] {
  const requests: CounterRequest[] = [];
  for (const indicator of scheme.indicators) {
    const subject = subjectOf(fact, indicator);
    if (!subject) continue;
    const rules = indicator.rules.filter((rule) => applies(rule, fact));
    if (rules.length === 0) continue;
    for (const window of WINDOWS) {
      if (indicator.caps?.[window] !== undefined) {
        requests.push({ key: countersKey('indicator', indicator.id, window), kind: 'indicator-points', indicatorId: indicator.id, ...subject, window, windowKey: fact.keys[window] });
      }
    }
    for (const rule of rules) {
      const carrierId = carrierOf(rule, fact);
      for (const window of WINDOWS) {
        if (rule.caps?.[window] === undefined) continue;
        requests.push({ key: countersKey('rule', rule.id, window), kind: 'rule-points', ruleId: rule.id, ...subject, window, windowKey: fact.keys[window], ...(carrierId ? { carrierId } : {}) });
      }
      if (rule.kind === 'required-count' && fact.memberId && matchesCounted(rule.counts, fact)) {
        requests.push({ key: countersKey('prior', rule.id), kind: 'prior-facts', ruleId: rule.id, memberId: fact.memberId, window: rule.period, windowKey: fact.keys[rule.period], filter: rule.counts });
      }
    }
  }
  return requests;
}

interface CapState {
  cap: number;
  used: number;
  capOf: 'rule' | 'indicator';
  window: Window;
}

function capStates(caps: Caps | undefined, capOf: 'rule' | 'indicator', id: string, counters: Counters, granted: Map<string, number>): CapState[] {
  return WINDOWS.filter((window) => caps?.[window] !== undefined).map((window) => {
    const key = countersKey(capOf, id, window);
    return { cap: caps?.[window] as number, used: (counters[key] ?? 0) + (granted.get(key) ?? 0), capOf, window };
  });
}

/** Scores one fact under one scheme version: one line per rule that applies (zero-point results are left out). */
export function evaluate(fact: Fact, scheme: SchemeVersion, member: MemberContext | null, counters: Counters): EngineLine[] {
  const lines: EngineLine[] = [];
  const grantedNow = new Map<string, number>();
  for (const indicator of scheme.indicators) {
    const subject = subjectOf(fact, indicator);
    if (!subject) continue;
    for (const rule of indicator.rules) {
      const result = draft(rule, fact, member, counters);
      if (!result || result.points === 0) continue;
      let points = result.points;
      const because = [...result.because];
      const strictRole = strictApplies(rule, member);
      if (strictRole && rule.strict) {
        const multiplier = points > 0 ? rule.strict.pointsMultiplier : rule.strict.penaltyMultiplier;
        if (multiplier !== 1) {
          points *= multiplier;
          because.push(reason('reason.strict-multiplier', { multiplier, role: strictRole }));
        }
      }
      if (indicator.weight !== 1) {
        points *= indicator.weight;
        because.push(reason('reason.weight', { weight: indicator.weight }));
      }
      points = round2(points);
      if (points > 0) {
        const states = [
          ...capStates(rule.caps, 'rule', rule.id, counters, grantedNow),
          ...capStates(indicator.caps, 'indicator', indicator.id, counters, grantedNow),
        ];
        for (const state of states) {
          const room = Math.max(0, round2(state.cap - state.used));
          if (points > room) {
            because.push(reason('reason.capped', { room, capOf: state.capOf, window: state.window, cap: state.cap, used: round2(state.used) }));
            points = room;
          }
        }
        for (const window of WINDOWS) {
          for (const key of [countersKey('rule', rule.id, window), countersKey('indicator', indicator.id, window)]) {
            grantedNow.set(key, (grantedNow.get(key) ?? 0) + points);
          }
        }
      }
      if (points === 0) continue;
      const carrierId = fact.type === 'activity-held' ? fact.carrierId : null;
      lines.push({ ruleId: rule.id, indicatorId: indicator.id, ...subject, unitId: fact.unitId, carrierId, points, reasons: because });
    }
  }
  return lines;
}

/** A unit's points from its members' aggregate: the rate (0..1) times the rule's maximum. */
export function derivedUnitPoints(rule: RuleOf<'unit-member-rate'>, numerator: number, denominator: number): { points: number; reasons: Reason[] } {
  if (denominator === 0) return { points: 0, reasons: [reason(rule.measure === 'attendance-rate' ? 'reason.no-attendance-records' : 'reason.no-members')] };
  const rate = numerator / denominator;
  const points = round2(rate * rule.maxPoints);
  const key = rule.measure === 'attendance-rate' ? 'reason.attendance-rate' : 'reason.requirements-share';
  return { points, reasons: [reason(key, { numerator, denominator, percent: round2(rate * 100), maxPoints: rule.maxPoints })] };
}
