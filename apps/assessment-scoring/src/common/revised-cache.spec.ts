import { RevisedCache } from './revised-cache';

describe('RevisedCache', () => {
  it('reads a value again once it is older than its maximum age', () => {
    let now = 1_000;
    const cache = new RevisedCache<{ leftOn: string | null }>(10, 60_000, () => now);
    cache.follow(true);
    cache.put(cache.epoch, 'm-1', { leftOn: null }, 3);
    now += 60_000;
    expect(cache.get('m-1')).toEqual({ leftOn: null });
    now += 1;
    expect(cache.get('m-1')).toBeUndefined();
  });

  it('takes a value read again after an announcement as fresh from then on', () => {
    let now = 0;
    const cache = new RevisedCache<string>(10, 1_000, () => now);
    cache.follow(true);
    cache.put(cache.epoch, 'm-1', 'before', 1);
    cache.announced('m-1', 2);
    now = 5_000;
    cache.put(cache.epoch, 'm-1', 'after', 2);
    expect(cache.get('m-1')).toBe('after');
  });
});
