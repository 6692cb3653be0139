import { Ranked, rankPage, Scored } from '../rules/ranking';

/** A page of a sorted ranking, ranked as `rankAll` ranks the whole of it: a tie that spans pages shares its rank. */
export function pageOfSorted(sorted: readonly Scored[], offset: number, pageSize: number): Ranked[] {
  return rankPage(sorted.slice(0, offset + pageSize), 0, 1).slice(offset);
}
