import { movers, rankAll, rankPage } from './ranking';

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
  it('lists who climbed and who fell, treating an absent subject as 0 points', () => {
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
});
