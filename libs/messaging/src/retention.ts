import { Logger } from '@nestjs/common';
import { mongo } from 'mongoose';

/** FerretDB 1.24 fails a delete matching more than 32,766 documents (one SQLite variable each), so batches stay well below. */
const DELETE_BATCH = 10_000;

export interface DeleteOptions {
  /** Stops between batches once aborted. */
  signal?: AbortSignal;
  batchSize?: number;
}

/**
 * Deletes the documents matching `filter` whose `field` is before `cutoff`, oldest first and at most `batchSize` per
 * command, until none is left or `signal` aborts; returns how many it deleted. A batch ends just before the
 * (batchSize+1)-th oldest document: a range, not an `$in` list of ids, which FerretDB checks against every document.
 */
export async function deleteOlderThan<T extends mongo.Document>(
  collection: mongo.Collection<T>,
  filter: mongo.Filter<T>,
  field: keyof T & string,
  cutoff: Date,
  { signal, batchSize = DELETE_BATCH }: DeleteOptions = {},
): Promise<number> {
  const olderThan = (instant: Date) => ({ ...filter, [field]: { $lt: instant } }) as mongo.Filter<T>;
  let deleted = 0;
  while (!signal?.aborted) {
    const boundary = await collection.findOne(olderThan(cutoff), { sort: { [field]: 1 }, skip: batchSize, projection: { [field]: 1 } });
    const result = await collection.deleteMany(olderThan(boundary ? (boundary[field] as Date) : cutoff));
    deleted += result.deletedCount;
    // No boundary: nothing expired is left. Nothing deleted: more than a batch share one instant, which no writer here produces.
    if (!boundary || result.deletedCount === 0) break;
  }
  return deleted;
}

/**
 * Runs a retention pass at start, every `intervalMs`, and on demand, one pass at a time. Every replica may run one:
 * two passes at once delete the same documents, which is harmless. stop() ends the pass in progress after its batch.
 */
export class RetentionJob {
  private readonly stopping = new AbortController();
  private timer?: NodeJS.Timeout;
  private previous: Promise<unknown> = Promise.resolve();
  private queued = 0;

  constructor(
    private readonly name: string,
    private readonly pass: (signal: AbortSignal) => Promise<number>,
    private readonly logger: Logger,
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

  /** A pass after the one in progress, if any, with its own cutoff; resolves to how many documents it deleted. */
  run(): Promise<number> {
    this.queued += 1;
    const pass = this.previous.then(() => this.pass(this.stopping.signal)).finally(() => (this.queued -= 1));
    this.previous = pass.catch(() => undefined);
    return pass;
  }

  private tick(): void {
    // A pass outlasting the interval gets no other queued behind it.
    if (this.queued > 0) return;
    this.run()
      .then((deleted) => deleted > 0 && this.logger.log(`${this.name}: deleted ${deleted} expired entries`))
      .catch((error: Error) => this.logger.warn(`${this.name} pass failed, will retry: ${error.message}`));
  }
}
