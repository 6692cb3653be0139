import { ReadWriteLock } from './read-write-lock';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ReadWriteLock', () => {
  it('runs shared work side by side and exclusive work alone, in arrival order', async () => {
    const lock = new ReadWriteLock();
    const log: string[] = [];
    let releaseFirst!: () => void;
    const first = lock.shared(async () => {
      log.push('member-1 start');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      log.push('member-1 end');
    });
    const second = lock.shared(async () => {
      log.push('member-2');
    });
    const unit = lock.exclusive(async () => {
      log.push('unit');
    });
    const third = lock.shared(async () => {
      log.push('member-3');
    });
    await tick();
    expect(log).toEqual(['member-1 start', 'member-2']);
    releaseFirst();
    await Promise.all([first, second, unit, third]);
    expect(log).toEqual(['member-1 start', 'member-2', 'member-1 end', 'unit', 'member-3']);
    expect(lock.idle).toBe(true);
  });

  it('releases the lock when the work fails', async () => {
    const lock = new ReadWriteLock();
    await expect(lock.exclusive(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.exclusive(async () => 'ok')).resolves.toBe('ok');
  });
});
