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
  fromRank: number;
  toRank: number;
  fromPoints: number;
  toPoints: number;
  /** Places climbed (positive) or fallen (negative). */
  change: number;
}

/** Compares two rankings of the same subjects; a subject absent from one period counts there with 0 points. */
export function movers(from: readonly Scored[], to: readonly Scored[]): { climbed: Mover[]; fell: Mover[]; unchanged: Mover[] } {
  const subjects = new Set([...from, ...to].map((entry) => entry.subjectId));
  const complete = (entries: readonly Scored[]) => {
    const present = new Map(entries.map((entry) => [entry.subjectId, entry.points]));
    return rankAll([...subjects].map((subjectId) => ({ subjectId, points: present.get(subjectId) ?? 0 })));
  };
  const before = new Map(complete(from).map((entry) => [entry.subjectId, entry]));
  const after = complete(to);
  const all = after.map((entry) => {
    const earlier = before.get(entry.subjectId) as Ranked;
    return { subjectId: entry.subjectId, fromRank: earlier.rank, toRank: entry.rank, fromPoints: earlier.points, toPoints: entry.points, change: earlier.rank - entry.rank };
  });
  const byRankThenId = (a: Mover, b: Mover) => a.toRank - b.toRank || a.subjectId.localeCompare(b.subjectId);
  return {
    climbed: all.filter((m) => m.change > 0).sort((a, b) => b.change - a.change || byRankThenId(a, b)),
    fell: all.filter((m) => m.change < 0).sort((a, b) => a.change - b.change || byRankThenId(a, b)),
    unchanged: all.filter((m) => m.change === 0),
  };
}
