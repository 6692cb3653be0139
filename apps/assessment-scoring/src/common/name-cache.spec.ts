import { NameCache } from './name-cache';
import { recordKey } from './revised-cache';

describe('NameCache', () => {
  let cache: NameCache;

  beforeEach(() => {
    cache = new NameCache(3);
    cache.follow(true);
  });

  it('holds a name read from the read model', () => {
    cache.put(cache.epoch, recordKey('member', 'd-1', 'm-1'), '张伟', 1);
    expect(cache.get(recordKey('member', 'd-1', 'm-1'))).toBe('张伟');
    expect([cache.get(recordKey('member', 'd-2', 'm-1')), cache.get(recordKey('unit', 'd-1', 'm-1'))]).toEqual([undefined, undefined]);
  });

  it('reads a name again once an org event announces a newer revision, until the read model has it', () => {
    cache.put(cache.epoch, recordKey('member', 'd-1', 'm-1'), '张伟', 1);
    cache.announced(recordKey('member', 'd-1', 'm-1'), 2);
    expect(cache.get(recordKey('member', 'd-1', 'm-1'))).toBeUndefined();
    // The read model had not stored revision 2 yet when it was read again.
    cache.put(cache.epoch, recordKey('member', 'd-1', 'm-1'), '张伟', 1);
    expect(cache.get(recordKey('member', 'd-1', 'm-1'))).toBeUndefined();
    cache.put(cache.epoch, recordKey('member', 'd-1', 'm-1'), '张伟伟', 2);
    expect(cache.get(recordKey('member', 'd-1', 'm-1'))).toBe('张伟伟');
  });

  it('remembers a revision announced before the name was ever read (the read model may still hold the old one)', () => {
    cache.announced(recordKey('unit', 'd-1', 'u-1'), 3);
    cache.put(cache.epoch, recordKey('unit', 'd-1', 'u-1'), '城北', 2);
    expect(cache.get(recordKey('unit', 'd-1', 'u-1'))).toBeUndefined();
  });

  it('keeps a newer name than a slower read brings', () => {
    cache.put(cache.epoch, recordKey('system', 'd-1', 's-1'), '教育系统', 4);
    cache.put(cache.epoch, recordKey('system', 'd-1', 's-1'), '教育', 3);
    expect(cache.get(recordKey('system', 'd-1', 's-1'))).toBe('教育系统');
  });

  it('holds at most its capacity of names', () => {
    ['m-1', 'm-2', 'm-3', 'm-4'].forEach((id, revision) => cache.put(cache.epoch, recordKey('member', 'd-1', id), id, revision));
    expect(cache.size).toBe(3);
    expect(cache.get(recordKey('member', 'd-1', 'm-1'))).toBeUndefined();
  });

  it('holds nothing while it does not follow the org events, nor what a read begun before it followed again brings', () => {
    const epoch = cache.epoch;
    cache.put(epoch, recordKey('member', 'd-1', 'm-1'), '张伟', 1);
    cache.follow(false);
    expect(cache.get(recordKey('member', 'd-1', 'm-1'))).toBeUndefined();
    cache.put(cache.epoch, recordKey('member', 'd-1', 'm-1'), '张伟', 1);
    cache.follow(true);
    cache.put(epoch, recordKey('member', 'd-1', 'm-1'), '张伟', 1);
    expect(cache.get(recordKey('member', 'd-1', 'm-1'))).toBeUndefined();
  });
});
