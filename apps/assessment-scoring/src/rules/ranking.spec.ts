import { movers, rankAll, rankPage, Scored } from './ranking';

describe('ranking with ties', () => {
  it('gives equal points the same rank and skips the next ranks (1, 2, 2, 4)', () => {
    const ranked = rankAll([
      { subjectId: 'u-d', points: 5 },
      { subjectId: 'u-b', points: 8 },
      { subjectId: 'u-a', points: 8 },
      { subjectId: 'u-c', points: 10 },
    ]);
    expect(ranked.map((r) => [r.subjectId, r.rank])).toEqual([
      ['u-c', 1],
      ['u-a', 2],
      ['u-b', 2],
      ['u-d', 4],
    ]);
  });

  it('orders ties deterministically by id whatever the input order', () => {
    const entries = [
      { subjectId: 'x', points: 1 },
      { subjectId: 'a', points: 1 },
      { subjectId: 'm', points: 1 },
    ];
    expect(rankAll(entries).map((r) => r.subjectId)).toEqual(['a', 'm', 'x']);
    expect(rankAll([...entries].reverse())).toEqual(rankAll(entries));
    expect(rankAll(entries).every((r) => r.rank === 1)).toBe(true);
  });

  it('ranks a later page from its offset and the rank of its first entry', () => {
    const page = [
      { subjectId: 'e', points: 7 },
      { subjectId: 'f', points: 7 },
      { subjectId: 'g', points: 6 },
    ];
    expect(rankPage(page, 4, 3).map((r) => r.rank)).toEqual([3, 3, 7]);
  });

  it('handles an empty ranking', () => {
    expect(rankAll([])).toEqual([]);
  });
});

describe('movers between two periods', () => {
  it('lists who climbed and who fell among subjects on both rankings', () => {
    const result = movers(
      [
        { subjectId: 'u-a', points: 10 },
        { subjectId: 'u-b', points: 5 },
        { subjectId: 'u-c', points: 1 },
      ],
      [
        { subjectId: 'u-c', points: 12 },
        { subjectId: 'u-a', points: 9 },
        { subjectId: 'u-b', points: 9 },
      ],
    );
    expect(result.climbed).toEqual([{ subjectId: 'u-c', fromRank: 3, toRank: 1, fromPoints: 1, toPoints: 12, change: 2 }]);
    expect(result.fell.map((m) => [m.subjectId, m.change])).toEqual([['u-a', -1]]);
    expect(result.unchanged.map((m) => m.subjectId)).toEqual(['u-b']);
  });

  it('has everyone who scored climb from a period in which nobody had points (0 → 9, 7, 4, 2)', () => {
    const result = movers(
      [],
      [
        { subjectId: '城北街道', points: 9 },
        { subjectId: '盈口乡', points: 7 },
        { subjectId: '黄金坳镇', points: 4 },
        { subjectId: '杨村乡', points: 2 },
      ],
    );
    expect(result.fell).toEqual([]);
    expect(result.unchanged).toEqual([]);
    expect(result.climbed).toEqual([
      { subjectId: '城北街道', fromRank: null, toRank: 1, fromPoints: 0, toPoints: 9, change: 4 },
      { subjectId: '盈口乡', fromRank: null, toRank: 2, fromPoints: 0, toPoints: 7, change: 3 },
      { subjectId: '黄金坳镇', fromRank: null, toRank: 3, fromPoints: 0, toPoints: 4, change: 2 },
      { subjectId: '杨村乡', fromRank: null, toRank: 4, fromPoints: 0, toPoints: 2, change: 1 },
    ]);
  });

  it('places a subject that joins or leaves a ranking past its last place, not level with the leader', () => {
    const result = movers(
      [
        { subjectId: 'u-a', points: 10 },
        { subjectId: 'u-b', points: 5 },
      ],
      [
        { subjectId: 'u-b', points: 6 },
        { subjectId: 'u-c', points: 3 },
      ],
    );
    expect(result.climbed.map((m) => [m.subjectId, m.fromRank, m.toRank, m.change])).toEqual([
      ['u-c', null, 2, 2],
      ['u-b', 2, 1, 1],
    ]);
    expect(result.fell).toEqual([{ subjectId: 'u-a', fromRank: 1, toRank: null, fromPoints: 10, toPoints: 0, change: -3 }]);
  });

  it('property: the change is the places gained, 1 + subjects with more points, absentees one past the last place', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round += 1) {
      const period = () => ['a', 'b', 'c', 'd', 'e'].filter(() => random() < 0.6).map((subjectId) => ({ subjectId, points: Math.floor(random() * 4) - 1 }));
      const [from, to] = [period(), period()];
      const compared = new Set([...from, ...to].map((entry) => entry.subjectId));
      const place = (entries: Scored[], subjectId: string) => {
        const own = entries.find((entry) => entry.subjectId === subjectId);
        return own ? 1 + entries.filter((entry) => entry.points > own.points).length : compared.size + 1;
      };
      const result = movers(from, to);
      const all = [...result.climbed, ...result.fell, ...result.unchanged];
      expect(all.map((mover) => mover.subjectId).sort()).toEqual([...compared].sort());
      for (const mover of all) expect(mover.change).toBe(place(from, mover.subjectId) - place(to, mover.subjectId));
      expect(result.climbed.every((mover) => mover.change > 0) && result.fell.every((mover) => mover.change < 0)).toBe(true);
    }
  });
});
