import { Lru } from './lru';

describe('Lru', () => {
  it('evicts the least recently used beyond its capacity, by weight, and tells of each entry it drops', () => {
    const dropped: string[] = [];
    const lru = new Lru<string, number[]>(4, (value) => value.length, (key) => dropped.push(key));
    lru.set('a', [1, 2]);
    lru.set('b', [1]);
    lru.get('a');
    lru.set('c', [1, 2]);
    expect([lru.peek('a'), lru.peek('b'), lru.peek('c')]).toEqual([[1, 2], undefined, [1, 2]]);
    expect(lru.weight).toBe(4);
    lru.delete('a');
    lru.set('d', [1, 2, 3, 4, 5]);
    expect(dropped).toEqual(['b', 'a', 'c', 'd']);
    expect([lru.size, lru.weight]).toEqual([0, 0]);
  });
});
