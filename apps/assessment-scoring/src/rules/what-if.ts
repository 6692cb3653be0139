import { CountedFactFilter, Fact, MemberContext } from './facts';
import { Window } from './periods';
import { CounterRequest, Counters, counterRequests, EngineLine, evaluate, matchesCounted } from './rule-engine';
import { SchemeVersion } from './scheme.definition';

/** A ledger line that stays as it is and counts towards caps as the lines scored again do. */
export interface CountedLine {
  ruleId: string;
  indicatorId: string;
  subjectType: 'member' | 'unit';
  subjectId: string;
  carrierId: string | null;
  points: number;
  day: string;
  week: string;
  month: string;
  year: string;
}

const WINDOWS: Window[] = ['day', 'week', 'month', 'year'];

/** Running sums of points per rule and per indicator, subject and window: what the store's ledger sums answer. */
class PointSums {
  private readonly sums = new Map<string, number>();

  add(line: CountedLine): void {
    for (const window of WINDOWS) {
      const key = line[window];
      this.bump(`rule|${line.ruleId}|${line.subjectType}|${line.subjectId}|${window}|${key}|`, line.points);
      if (line.carrierId) this.bump(`rule|${line.ruleId}|${line.subjectType}|${line.subjectId}|${window}|${key}|${line.carrierId}`, line.points);
      this.bump(`indicator|${line.indicatorId}|${line.subjectType}|${line.subjectId}|${window}|${key}`, line.points);
    }
  }

  of(request: Exclude<CounterRequest, { kind: 'prior-facts' }>): number {
    if (request.kind === 'rule-points') return this.sums.get(`rule|${request.ruleId}|${request.subjectType}|${request.subjectId}|${request.window}|${request.windowKey}|${request.carrierId ?? ''}`) ?? 0;
    return this.sums.get(`indicator|${request.indicatorId}|${request.subjectType}|${request.subjectId}|${request.window}|${request.windowKey}`) ?? 0;
  }

  private bump(key: string, points: number): void {
    this.sums.set(key, (this.sums.get(key) ?? 0) + points);
  }
}

/** How many of every stored fact a required count sees: per filter and window, the fact keys of each member's window. */
class FactCounts {
  private readonly byFilter = new Map<string, Map<string, Set<string>>>();

  constructor(private readonly stored: readonly Fact[]) {}

  /** Facts of the member in the window that the filter counts, the fact being scored left out. */
  count(request: Extract<CounterRequest, { kind: 'prior-facts' }>, factKey: string): number {
    const keys = this.index(request.filter, request.window).get(`${request.memberId}|${request.windowKey}`);
    if (!keys) return 0;
    return keys.size - (keys.has(factKey) ? 1 : 0);
  }

  private index(filter: CountedFactFilter, window: Window): Map<string, Set<string>> {
    const id = `${JSON.stringify(filter)}|${window}`;
    let index = this.byFilter.get(id);
    if (!index) {
      index = new Map();
      for (const fact of this.stored) {
        if (!fact.memberId || !matchesCounted(filter, fact)) continue;
        const key = `${fact.memberId}|${fact.keys[window]}`;
        index.set(key, (index.get(key) ?? new Set()).add(fact.factKey));
      }
      this.byFilter.set(id, index);
    }
    return index;
  }
}

/**
 * Scores facts again under one scheme version, in the order given, as a recompute would: caps see the kept lines and
 * the lines scored again so far, required counts see every stored fact. Pure, so a draft can be tried before it is saved.
 */
export function scoreAgain(
  facts: readonly Fact[],
  stored: readonly Fact[],
  scheme: SchemeVersion,
  memberOf: (memberId: string) => MemberContext | null,
  kept: readonly CountedLine[],
): EngineLine[][] {
  const sums = new PointSums();
  for (const line of kept) sums.add(line);
  const counts = new FactCounts(stored);
  return facts.map((fact) => {
    const counters: Counters = Object.fromEntries(
      counterRequests(fact, scheme).map((request) => [request.key, request.kind === 'prior-facts' ? counts.count(request, fact.factKey) : sums.of(request)]),
    );
    const lines = evaluate(fact, scheme, fact.memberId ? memberOf(fact.memberId) : null, counters);
    for (const line of lines) sums.add({ ...line, ...fact.keys });
    return lines;
  });
}
