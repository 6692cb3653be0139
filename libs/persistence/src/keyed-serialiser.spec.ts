import { KeyedSerialiser } from './keyed-serialiser';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('keyed serialiser', () => {
  it('runs work of one key in order, even when one fails, and other keys alongside', async () => {
    const serialiser = new KeyedSerialiser();
    const log: string[] = [];
    const slow = serialiser.run('m-1', async () => {
      await tick();
      log.push('m-1 first');
      throw new Error('boom');
    });
    const second = serialiser.run('m-1', async () => log.push('m-1 second'));
    const other = serialiser.run('m-2', async () => log.push('m-2'));
    await expect(slow).rejects.toThrow('boom');
    await Promise.all([second, other]);
    expect(log).toEqual(['m-2', 'm-1 first', 'm-1 second']);
  });
});
