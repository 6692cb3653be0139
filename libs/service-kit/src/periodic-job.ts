import { Logger } from '@nestjs/common';

/**
 * Runs a worker's passes one at a time in this process: every `intervalMs` once started, on a kick, and on demand.
 * A kick during a pass asks for one pass after it (one already waiting serves every kick); a tick during a pass is
 * dropped, so a pass outlasting the interval gets no other queued behind it. stop() aborts the passes' signal and
 * waits for them; a pass checks the signal between its steps.
 */
export class PeriodicJob<R = void> {
  private readonly stopping = new AbortController();
  private timer?: NodeJS.Timeout;
  private previous: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private kickWaiting = false;

  constructor(
    private readonly name: string,
    private readonly pass: (signal: AbortSignal) => Promise<R>,
    private readonly logger: Logger,
    /** What a pass started by a tick or a kick did, worth a log line; undefined when nothing is. */
    private readonly outcome: (result: R) => string | undefined = () => undefined,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    await this.previous;
  }

  /** A pass after the one in progress, if any; resolves to its result. */
  run(): Promise<R> {
    const pass = this.after(() => this.pass(this.stopping.signal));
    this.previous = pass.catch(() => undefined);
    return pass;
  }

  /** Asks for a pass soon, failures logged, not thrown; a kicked pass still waiting when the job stops is dropped. */
  kick(): void {
    if (this.stopping.signal.aborted || this.kickWaiting) return;
    this.kickWaiting = true;
    this.previous = this.after(async () => {
      this.kickWaiting = false;
      if (this.stopping.signal.aborted) return;
      const outcome = this.outcome(await this.pass(this.stopping.signal));
      if (outcome) this.logger.log(`${this.name}: ${outcome}`);
    }).catch((error: Error) => this.logger.warn(`${this.name} pass failed, will retry: ${error.message}`));
  }

  private tick(): void {
    if (this.queued === 0) this.kick();
  }

  private after<T>(work: () => Promise<T>): Promise<T> {
    this.queued += 1;
    return this.previous.then(work).finally(() => (this.queued -= 1));
  }
}

/** One pass of a claim worker: claims the next due job and works it, until none is due or the worker stops. */
export async function workWhileClaimed<T>(claimNext: () => Promise<T | null>, work: (job: T) => Promise<void>, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const job = await claimNext();
    if (!job) return;
    await work(job);
  }
}
