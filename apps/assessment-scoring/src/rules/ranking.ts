/** Ranking rules of 比学赶超, pure: equal points share a rank, the next rank skips (1, 2, 2, 4), ties list by id. */

export interface Scored {
  subjectId: string;
  points: number;
}

export interface Ranked extends Scored {
  rank: number;
}

const EPSILON = 1e-9;

export function compareScored(a: Scored, b: Scored): number {
  return b.points - a.points || (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0);
}

/** Ranks a sorted page that starts at `offset`; its first entry has `firstRank` (1 + how many have more points). */
export function rankPage(sortedPage: readonly Scored[], offset: number, firstRank: number): Ranked[] {
  const ranked: Ranked[] = [];
  sortedPage.forEach((entry, index) => {
    const previous = ranked[index - 1];
    const rank = !previous ? firstRank : Math.abs(previous.points - entry.points) < EPSILON ? previous.rank : offset + index + 1;
    ranked.push({ ...entry, rank });
  });
  return ranked;
}

export function rankAll(entries: readonly Scored[]): Ranked[] {
  return rankPage([...entries].sort(compareScored), 0, 1);
}

export interface Mover {
  subjectId: string;
  /** Null when the subject had no standing in the period (it was not on that ranking). */
  fromRank: number | null;
  toRank: number | null;
  fromPoints: number;
  toPoints: number;
  /** Places climbed (positive) or fallen (negative); a subject not on a ranking counts one place past its last. */
  change: number;
}

/**
 * Compares the rankings of two periods. A subject without a standing in a period is not on that ranking: it counts
 * one place past the last of every subject compared, never tied with the leaders (0 points shared by everyone would
 * otherwise rank them all first, and everyone who then scored would appear to fall).
 */
export function movers(from: readonly Scored[], to: readonly Scored[]): { climbed: Mover[]; fell: Mover[]; unchanged: Mover[] } {
  const before = new Map(rankAll(from).map((entry) => [entry.subjectId, entry]));
  const after = new Map(rankAll(to).map((entry) => [entry.subjectId, entry]));
  const subjects = [...new Set([...before.keys(), ...after.keys()])];
  const offRanking = subjects.length + 1;
  const all: Mover[] = subjects.map((subjectId) => {
    const [earlier, later] = [before.get(subjectId), after.get(subjectId)];
    return {
      subjectId,
      fromRank: earlier?.rank ?? null,
      toRank: later?.rank ?? null,
      fromPoints: earlier?.points ?? 0,
      toPoints: later?.points ?? 0,
      change: (earlier?.rank ?? offRanking) - (later?.rank ?? offRanking),
    };
  });
  const byRankThenId = (a: Mover, b: Mover) => (a.toRank ?? offRanking) - (b.toRank ?? offRanking) || a.subjectId.localeCompare(b.subjectId);
  return {
    climbed: all.filter((m) => m.change > 0).sort((a, b) => b.change - a.change || byRankThenId(a, b)),
    fell: all.filter((m) => m.change < 0).sort((a, b) => a.change - b.change || byRankThenId(a, b)),
    unchanged: all.filter((m) => m.change === 0).sort(byRankThenId),
  };
}
