import { Logger } from '@nestjs/common';
import { PeriodicJob, workWhileClaimed } from './periodic-job';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const quiet = { log: jest.fn(), warn: jest.fn() } as unknown as Logger;

describe('PeriodicJob', () => {
  it('runs one pass at a time, and one more after the pass in progress for any number of kicks during it', async () => {
    let passes = 0;
    let running = 0;
    const job = new PeriodicJob(
      'test',
      async () => {
        running += 1;
        expect(running).toBe(1);
        await tick();
        passes += 1;
        running -= 1;
      },
      quiet,
    );
    job.kick();
    await tick();
    job.kick();
    job.kick();
    await job.run();
    expect(passes).toBe(3);
  });

  it('drops a kicked pass still waiting when it stops, and waits for the one in progress', async () => {
    let passes = 0;
    const job = new PeriodicJob(
      'test',
      async () => {
        await tick();
        passes += 1;
      },
      quiet,
    );
    job.kick();
    await tick();
    job.kick();
    await job.stop();
    expect(passes).toBe(1);
  });

  it('queues a pass on demand and resolves to its result; ignores kicks once stopped', async () => {
    const pass = jest.fn(async () => 3);
    const job = new PeriodicJob('test', pass, quiet);
    await expect(job.run()).resolves.toBe(3);
    await job.stop();
    job.kick();
    await tick();
    expect(pass).toHaveBeenCalledTimes(1);
  });
});

describe('workWhileClaimed', () => {
  it('works claimed jobs in turn until none is due, or until the signal aborts', async () => {
    const due = ['a', 'b', 'c'];
    const worked: string[] = [];
    await workWhileClaimed(async () => due.shift() ?? null, async (job) => void worked.push(job), new AbortController().signal);
    expect(worked).toEqual(['a', 'b', 'c']);

    const stopping = new AbortController();
    const more = ['d', 'e'];
    await workWhileClaimed(async () => more.shift() ?? null, async (job) => (worked.push(job), stopping.abort()), stopping.signal);
    expect(worked).toEqual(['a', 'b', 'c', 'd']);
  });
});
