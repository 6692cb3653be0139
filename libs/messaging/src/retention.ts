import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { mongo } from 'mongoose';
import { PeriodicJob } from '@campaign/service-kit';

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

const HOUR_MS = 60 * 60_000;

/**
 * Runs a retention pass at start, every `intervalMs`, and on demand, one pass at a time. Every replica may run one:
 * two passes at once delete the same documents, which is harmless. stop() ends the pass in progress after its batch.
 */
export class RetentionJob extends PeriodicJob<number> {
  constructor(name: string, pass: (signal: AbortSignal) => Promise<number>, logger: Logger) {
    super(name, pass, logger, (deleted) => (deleted > 0 ? `deleted ${deleted} expired entries` : undefined));
  }
}

/** Prunes at start and hourly in every replica (FerretDB has no TTL index), and on demand; stops with the application. */
export abstract class HourlyPruner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: RetentionJob;

  protected constructor(name: string, pass: (signal: AbortSignal) => Promise<number>, logger: Logger) {
    this.job = new RetentionJob(name, pass, logger);
  }

  onApplicationBootstrap(): void {
    this.job.start(HOUR_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** One pass after any in progress; resolves to how many entries it deleted. */
  prune(): Promise<number> {
    return this.job.run();
  }
}
