import { Lru } from '../common/lru';
import { compareScored, Scored } from '../rules/ranking';
import type { ScoreChange } from '../live/live-scores.service';

/** What a ranking lists: a unit's member standings (`member`, by `unitId`) or the district's unit standings (`unit`). */
export interface RankingKey {
  district: string;
  campaignId: string;
  period: string;
  scope: 'member' | 'unit';
  unitId: string | null;
}

/** A standing as a ranking reads it from the store. */
export interface ListedStanding {
  subjectId: string;
  points: number;
  leftOn?: string | null;
}

export interface RankingViewOptions {
  /** Standings held across all rankings: the least recently read rankings go beyond it. */
  maxStandings: number;
  /** A ranking is read again from the store after this long, whatever it heard meanwhile. */
  maxAgeMs: number;
  now?: () => number;
}

/**
 * How far the clocks of two replicas may disagree: an event stamped earlier than this before what a ranking holds is
 * older than it; one closer is judged by its points alone.
 */
const CLOCK_MARGIN_MS = 1_000;

interface Held {
  points: number;
  left: boolean;
  /** The time what is held was true at: the fill's start, or the stamp of the change that set it. */
  asOf: number;
}

/** One standing a score change reports, with the ranking it belongs to. */
interface ReportedStanding {
  key: string;
  /** The rankings of one district, campaign, period and scope (a member may move between them). */
  group: string;
  /** Where the subject is held, whichever ranking of the group holds it. */
  subject: string;
  subjectId: string;
  points: number;
  delta: number;
  at: number;
}

interface Fill {
  group: string;
  /** Changes heard while the store was read: applied once the ranking is in. */
  heard: ReportedStanding[];
  sorted: Promise<Scored[]>;
}

const cents = (points: number) => Math.round(points * 100);
const groupOf = (key: RankingKey) => JSON.stringify([key.district, key.campaignId, key.period, key.scope]);
const keyOf = (key: RankingKey) => JSON.stringify([key.district, key.campaignId, key.period, key.scope, key.unitId ?? '']);

class Ranking {
  private order?: Scored[];

  constructor(
    readonly group: string,
    readonly held: Map<string, Held>,
    readonly filledAt: number,
  ) {}

  sorted(): Scored[] {
    this.order ??= [...this.held].filter(([, held]) => !held.left).map(([subjectId, held]) => ({ subjectId, points: held.points })).sort(compareScored);
    return this.order;
  }

  /**
   * A change is taken only when it follows from what is held (held points + delta = new points), or is already held;
   * a new standing (from 0) is added. Anything else (a change missed, or heard out of order) is a conflict.
   */
  apply(change: ReportedStanding): 'unchanged' | 'applied' | 'added' | 'conflict' {
    const held = this.held.get(change.subjectId);
    const [after, before] = [cents(change.points), cents(change.points) - cents(change.delta)];
    if (change.at < (held?.asOf ?? this.filledAt) - CLOCK_MARGIN_MS) return 'unchanged';
    if (!held) {
      if (before !== 0) return 'conflict';
      this.held.set(change.subjectId, { points: change.points, left: false, asOf: change.at });
      this.order = undefined;
      return 'added';
    }
    if (cents(held.points) === after) {
      held.asOf = Math.max(held.asOf, change.at);
      return 'unchanged';
    }
    if (cents(held.points) !== before) return 'conflict';
    Object.assign(held, { points: change.points, asOf: change.at });
    this.order = undefined;
    return 'applied';
  }
}

/**
 * Sorted rankings held in this replica's memory, filled from the store on first read and kept current by the
 * `scoring.score.changed` events it hears: a change that follows from what is held is applied, anything else (a
 * member moved or left, delta 0; a change missed or out of order) drops the rankings it touches, to be read again.
 * While the view does not follow the events it holds nothing and every read goes to the store.
 */
export class RankingView {
  private readonly rankings: Lru<string, Ranking>;
  /** Which ranking of its group holds each subject: a subject reported in another one has moved. */
  private readonly holders = new Map<string, string>();
  private readonly filling = new Map<string, Fill>();
  private following = false;
  private readonly now: () => number;

  constructor(private readonly options: RankingViewOptions) {
    this.now = options.now ?? Date.now;
    this.rankings = new Lru<string, Ranking>(
      options.maxStandings,
      (ranking) => Math.max(1, ranking.held.size),
      (key, ranking) => this.forgetHolders(key, ranking),
    );
  }

  /** Whether the view hears every score change from now on: when it starts or stops, whatever it held goes. */
  follow(following: boolean): void {
    this.following = following;
    this.clear();
  }

  /** Drops everything held, fills under way included (they must not store what they read). */
  clear(): void {
    this.rankings.clear();
    this.holders.clear();
    this.filling.clear();
  }

  get standingsHeld(): number {
    return this.rankings.weight;
  }

  holds(key: RankingKey): boolean {
    return this.rankings.peek(keyOf(key)) !== undefined;
  }

  /** A ranking, sorted, leavers left out: from memory, else from `load` (one load at a time per ranking). */
  async sorted(key: RankingKey, load: () => Promise<ListedStanding[]>): Promise<Scored[]> {
    if (!this.following) return listedRanking(groupOf(key), await load(), 0).sorted();
    const id = keyOf(key);
    const held = this.rankings.get(id);
    if (held && this.now() - held.filledAt <= this.options.maxAgeMs) return held.sorted();
    const fill = this.filling.get(id) ?? this.fill(id, groupOf(key), load);
    return fill.sorted;
  }

  /** Applies a score change to the rankings held, or drops those it cannot be applied to. */
  apply(change: ScoreChange): void {
    if (!this.following) return;
    for (const reported of reportedStandings(change)) {
      for (const fill of this.filling.values()) if (fill.group === reported.group) fill.heard.push(reported);
      this.applyOne(reported);
    }
  }

  private fill(id: string, group: string, load: () => Promise<ListedStanding[]>): Fill {
    this.drop(id);
    const startedAt = this.now();
    const sorted = load().then(
      (listed) => {
        const ranking = listedRanking(group, listed, startedAt);
        // Dropped meanwhile (cleared, or a change it may have missed): what was read is answered, not kept.
        if (this.filling.get(id) !== fill) return ranking.sorted();
        this.filling.delete(id);
        this.rankings.set(id, ranking);
        for (const subjectId of ranking.held.keys()) this.holders.set(subjectKey(group, subjectId), id);
        for (const reported of fill.heard) this.applyOne(reported);
        return (this.rankings.peek(id) ?? ranking).sorted();
      },
      (error: unknown) => {
        if (this.filling.get(id) === fill) this.filling.delete(id);
        throw error;
      },
    );
    const fill: Fill = { group, heard: [], sorted };
    this.filling.set(id, fill);
    return fill;
  }

  private applyOne(reported: ReportedStanding): void {
    const holder = this.holders.get(reported.subject);
    if (holder !== undefined && holder !== reported.key) {
      this.drop(holder);
      this.drop(reported.key);
      return;
    }
    const ranking = this.rankings.peek(reported.key);
    if (!ranking) return;
    // Points unchanged: the standing moved to another unit or off the rankings (a transfer, a leave), or was healed.
    const outcome = reported.delta === 0 ? 'conflict' : ranking.apply(reported);
    if (outcome === 'conflict') this.drop(reported.key);
    else if (outcome === 'added') {
      this.holders.set(reported.subject, reported.key);
      this.rankings.set(reported.key, ranking);
    }
  }

  private drop(id: string): void {
    this.rankings.delete(id);
    // A fill under way may have read the store before what made this ranking drop: it must not be kept either.
    this.filling.delete(id);
  }

  private forgetHolders(id: string, ranking: Ranking): void {
    for (const subjectId of ranking.held.keys()) {
      const subject = subjectKey(ranking.group, subjectId);
      if (this.holders.get(subject) === id) this.holders.delete(subject);
    }
  }
}

function subjectKey(group: string, subjectId: string): string {
  return `${group}${JSON.stringify(subjectId)}`;
}

function listedRanking(group: string, listed: ListedStanding[], filledAt: number): Ranking {
  return new Ranking(group, new Map(listed.map(({ subjectId, points, leftOn }) => [subjectId, { points, left: Boolean(leftOn), asOf: filledAt }])), filledAt);
}

/** The ranked standings a score change reports: a member's own (in the ranking of its unit), a unit's own (in the district's). */
function reportedStandings(change: ScoreChange): ReportedStanding[] {
  const { campaignId, subjectType, subjectId, unitId } = change.payload;
  const at = Date.parse(change.occurredAt);
  return change.payload.standings
    .filter((standing) => standing.scope === subjectType)
    .map(({ period, points, delta }) => {
      const key: RankingKey = { district: change.district, campaignId, period, scope: subjectType, unitId: subjectType === 'member' ? unitId : null };
      const group = groupOf(key);
      return { key: keyOf(key), group, subject: subjectKey(group, subjectId), subjectId, points, delta, at };
    });
}
