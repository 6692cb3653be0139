import { districtKey } from '@campaign/persistence';
import { compareScored, Scored } from '../rules/ranking';

/** The board of every unit's own standing in the district. */
export const DISTRICT_UNITS_BOARD = 'district-units';

/** The board of the member standings attributed to one unit. */
export function unitMembersBoard(unitId: string): string {
  return `unit-members:${unitId}`;
}

/** A ranking board's `_id`: its natural key, read and written by `_id` alone (the one filter FerretDB 1.x evaluates in SQL). */
export function boardId(district: string, campaignId: string, period: string, board: string): string {
  return districtKey(district, campaignId, period, board);
}

/** What of a standing a board lists. */
export interface BoardStanding {
  period: string;
  scope: string;
  subjectId: string;
  unitId?: string | null;
  points: number;
}

/** A subject's new absolute points on one board of a period, or `null` to take it off. */
export interface BoardChange {
  period: string;
  board: string;
  subjectId: string;
  points: number | null;
}

export interface Board {
  period: string;
  board: string;
  entries: Scored[];
}

/**
 * A board's entries as stored: one JSON string of `[subjectId, points]` pairs, in order. FerretDB 1.24 on SQLite
 * evaluates even a by-`_id` filter on every document's JSON, at a cost per JSON node: 200 boards of 500 members read
 * with p99 ~7 ms this way, ~140 ms as arrays of objects.
 */
export function storeEntries(entries: readonly Scored[]): string {
  return JSON.stringify(entries.map(({ subjectId, points }) => [subjectId, points]));
}

export function loadEntries(stored: string): Scored[] {
  return (JSON.parse(stored) as Array<[string, number]>).map(([subjectId, points]) => ({ subjectId, points }));
}

/** The board a standing is listed on: a unit's on the district's, a member's on its unit's; other scopes on none. */
export function boardOf(standing: { scope: string; unitId?: string | null }): string | null {
  if (standing.scope === 'unit') return DISTRICT_UNITS_BOARD;
  if (standing.scope === 'member' && standing.unitId) return unitMembersBoard(standing.unitId);
  return null;
}

/** What a standing going from `before` to `after` does to the boards: lists its points, and leaves the board of a unit it transferred out of. */
export function boardChanges(before: BoardStanding | null, after: BoardStanding): BoardChange[] {
  const changes: BoardChange[] = [];
  const left = before ? boardOf(before) : null;
  const board = boardOf(after);
  if (left && left !== board) changes.push({ period: after.period, board: left, subjectId: after.subjectId, points: null });
  if (board) changes.push({ period: after.period, board, subjectId: after.subjectId, points: after.points });
  return changes;
}

/** Sets each changed subject to its absolute points (or takes it off) and sorts as rankings do: applying changes twice equals once. */
export function updateBoard(entries: readonly Scored[], changes: ReadonlyMap<string, number | null>): Scored[] {
  const updated = entries.filter((entry) => !changes.has(entry.subjectId)).map(({ subjectId, points }) => ({ subjectId, points }));
  for (const [subjectId, points] of changes) if (points !== null) updated.push({ subjectId, points });
  return updated.sort(compareScored);
}

/** Every board of a set of standings (one campaign), entries sorted: a rebuild. */
export function buildBoards(standings: Iterable<BoardStanding>): Board[] {
  const boards = new Map<string, Board>();
  for (const standing of standings) {
    const board = boardOf(standing);
    if (!board) continue;
    const key = `${standing.period}|${board}`;
    const built = boards.get(key) ?? { period: standing.period, board, entries: [] };
    built.entries.push({ subjectId: standing.subjectId, points: standing.points });
    boards.set(key, built);
  }
  for (const built of boards.values()) built.entries.sort(compareScored);
  return [...boards.values()];
}
