import { rankAll } from '../rules/ranking';
import { pageOfSorted } from './ranking-page';

describe('a page of a sorted ranking', () => {
  const sorted = [
    { subjectId: 'u-a', points: 10 },
    { subjectId: 'u-b', points: 8 },
    { subjectId: 'u-c', points: 8 },
    { subjectId: 'u-d', points: 8 },
    { subjectId: 'u-e', points: 5 },
  ];

  it('ranks a page whose first entry ties with the page before as the whole ranking does', () => {
    expect(pageOfSorted(sorted, 2, 2)).toEqual([
      { subjectId: 'u-c', points: 8, rank: 2 },
      { subjectId: 'u-d', points: 8, rank: 2 },
    ]);
    expect(pageOfSorted(sorted, 4, 2)).toEqual([{ subjectId: 'u-e', points: 5, rank: 5 }]);
  });

  it('is empty past the end', () => {
    expect(pageOfSorted(sorted, 10, 2)).toEqual([]);
    expect(pageOfSorted([], 0, 20)).toEqual([]);
  });

  it('property: every page equals the same slice of the whole ranking', () => {
    for (let size = 0; size <= 30; size += 1) {
      const entries = rankAll(Array.from({ length: size }, (_, i) => ({ subjectId: `s-${i}`, points: (i * 7) % 4 })));
      for (const pageSize of [1, 2, 3, 7]) {
        for (let offset = 0; offset <= size; offset += pageSize) expect(pageOfSorted(entries, offset, pageSize)).toEqual(entries.slice(offset, offset + pageSize));
      }
    }
  });
});
