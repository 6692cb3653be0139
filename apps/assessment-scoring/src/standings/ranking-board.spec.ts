import { rankAll } from '../rules/ranking';
import { BoardStanding, boardChanges, boardId, buildBoards, loadEntries, storeEntries, updateBoard } from './ranking-board';

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('ranking boards', () => {
  it('keys a board by district, campaign, period and board', () => {
    expect(boardId('d-1', 'c-1', '2026-W48', 'unit-members:u-1')).toBe('d-1|c-1|2026-W48|unit-members:u-1');
  });

  it('stores entries as one string and loads them back exactly, in order', () => {
    const entries = [
      { subjectId: 'm-"1"|, 王', points: 0.1 + 0.2 },
      { subjectId: 'm-2', points: -1e-9 },
      { subjectId: 'm-3', points: 0 },
    ];
    expect(typeof storeEntries(entries)).toBe('string');
    expect(loadEntries(storeEntries(entries))).toEqual(entries);
    expect(loadEntries(storeEntries([]))).toEqual([]);
  });

  it('sets changed subjects to their absolute points, takes off removed ones and sorts by points desc, then id', () => {
    const entries = [
      { subjectId: 'm-a', points: 9 },
      { subjectId: 'm-b', points: 5 },
      { subjectId: 'm-c', points: 1 },
    ];
    const changes = new Map<string, number | null>([
      ['m-c', 9],
      ['m-b', null],
      ['m-d', 3],
    ]);
    const updated = updateBoard(entries, changes);
    expect(updated).toEqual([
      { subjectId: 'm-a', points: 9 },
      { subjectId: 'm-c', points: 9 },
      { subjectId: 'm-d', points: 3 },
    ]);
    expect(updateBoard(updated, changes)).toEqual(updated);
    expect(entries.map((entry) => entry.subjectId)).toEqual(['m-a', 'm-b', 'm-c']);
  });

  it('lists units on the district board and members on their unit board, and nothing else', () => {
    const standing = { period: 'campaign', subjectId: 's', points: 4 };
    expect(boardChanges(null, { ...standing, scope: 'unit' })).toEqual([{ period: 'campaign', board: 'district-units', subjectId: 's', points: 4 }]);
    expect(boardChanges(null, { ...standing, scope: 'member', unitId: 'u-1' })).toEqual([{ period: 'campaign', board: 'unit-members:u-1', subjectId: 's', points: 4 }]);
    for (const scope of ['unit-members', 'system', 'district']) expect(boardChanges(null, { ...standing, scope })).toEqual([]);
  });

  it('moves a transferred member from its old unit board to the new one; a redo of a written standing only sets its points', () => {
    const before = { period: '2026-11', scope: 'member', subjectId: 'm-1', unitId: 'u-old', points: 4 };
    const after = { ...before, unitId: 'u-new', points: 6 };
    expect(boardChanges(before, after)).toEqual([
      { period: '2026-11', board: 'unit-members:u-old', subjectId: 'm-1', points: null },
      { period: '2026-11', board: 'unit-members:u-new', subjectId: 'm-1', points: 6 },
    ]);
    expect(boardChanges(after, after)).toEqual([{ period: '2026-11', board: 'unit-members:u-new', subjectId: 'm-1', points: 6 }]);
  });

  it('builds every board of a campaign from its standings, sorted', () => {
    const boards = buildBoards([
      { period: 'campaign', scope: 'member', subjectId: 'm-2', unitId: 'u-1', points: 3 },
      { period: 'campaign', scope: 'member', subjectId: 'm-1', unitId: 'u-1', points: 3 },
      { period: 'campaign', scope: 'unit', subjectId: 'u-1', unitId: null, points: 2 },
      { period: '2026-W48', scope: 'member', subjectId: 'm-1', unitId: 'u-1', points: 1 },
      { period: 'campaign', scope: 'district', subjectId: 'd-1', unitId: null, points: 8 },
    ]);
    expect(boards).toEqual([
      {
        period: 'campaign',
        board: 'unit-members:u-1',
        entries: [
          { subjectId: 'm-1', points: 3 },
          { subjectId: 'm-2', points: 3 },
        ],
      },
      { period: 'campaign', board: 'district-units', entries: [{ subjectId: 'u-1', points: 2 }] },
      { period: '2026-W48', board: 'unit-members:u-1', entries: [{ subjectId: 'm-1', points: 1 }] },
    ]);
    expect(buildBoards([])).toEqual([]);
  });

  it('property: boards updated change by change, transfers and redone changes included, equal the boards built from the standings', () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const random = seeded(seed);
      const standings = new Map<string, BoardStanding>();
      const boards = new Map<string, ReturnType<typeof updateBoard>>();
      for (let step = 0; step < 60; step += 1) {
        const member = random() < 0.7;
        const subjectId = member ? `m-${Math.floor(random() * 8)}` : `u-${Math.floor(random() * 3)}`;
        const period = random() < 0.5 ? 'campaign' : '2026-W48';
        const key = `${period}|${subjectId}`;
        const before = standings.get(key) ?? null;
        const after = { period, scope: member ? 'member' : 'unit', subjectId, unitId: member ? `u-${Math.floor(random() * 3)}` : null, points: (before?.points ?? 0) + Math.round(random() * 10) - 3 };
        const changes = boardChanges(before, after);
        // A redo applies the same changes again.
        for (const change of random() < 0.2 ? [...changes, ...changes] : changes) {
          const id = `${change.period}|${change.board}`;
          boards.set(id, updateBoard(boards.get(id) ?? [], new Map([[change.subjectId, change.points]])));
        }
        standings.set(key, after);
      }
      const built = new Map(buildBoards(standings.values()).map((board) => [`${board.period}|${board.board}`, board.entries]));
      const nonEmpty = new Map([...boards].filter(([, entries]) => entries.length > 0));
      expect(nonEmpty).toEqual(built);
      for (const entries of built.values()) expect(entries).toEqual(rankAll(entries).map(({ subjectId, points }) => ({ subjectId, points })));
    }
  });
});
