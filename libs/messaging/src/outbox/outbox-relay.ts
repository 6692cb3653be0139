import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { EventEnvelope } from '@campaign/contracts';
import { acrossDistricts, isFerretDb, withFreeDocumentLocks } from '@campaign/persistence';
import { EventPublisher } from '../event-publisher';
import { hasOutbox, OutboxFields } from './outbox.plugin';

const BATCH_SIZE = 500;
/** Documents cleared at once on FerretDB, within the driver's pool (MONGO_MAX_POOL_SIZE, 10 by default). */
const CLEAR_CONCURRENCY = 8;

/**
 * Publishes events waiting in documents' embedded outboxes, then removes them. Every replica may run it:
 * a twice-published event is dropped by JetStream's de-duplication on the event id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private rerun = false;
  private stopped = false;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly publisher: EventPublisher,
    private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.getOrThrow<number>('OUTBOX_POLL_MS');
    this.timer = setInterval(() => this.kick(), interval);
    this.kick();
  }

  /** Waits for the pass in progress and makes a last one, within the shutdown budget: what is left stays in the outbox. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stopped = true;
    const budget = new Promise<void>((resolve) => setTimeout(resolve, this.config.getOrThrow<number>('SHUTDOWN_TIMEOUT_MS') / 2).unref());
    const lastPass = (async () => {
      await this.running;
      await this.flush();
    })().catch((error: Error) => this.logger.warn(`final outbox flush failed: ${error.message}`));
    await Promise.race([lastPass, budget]);
  }

  /** Asks for a relay pass soon; call it after a write so events leave without waiting for the poll. */
  kick(): void {
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = this.flush()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`outbox relay pass failed, will retry: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.rerun && !this.stopped) {
          this.rerun = false;
          this.kick();
        }
      });
  }

  /** One pass over every model with an outbox; returns how many events were published. */
  async flush(): Promise<number> {
    let published = 0;
    for (const model of this.modelsWithOutbox()) published += await this.flushModel(model);
    return published;
  }

  private modelsWithOutbox(): Model<OutboxFields>[] {
    return Object.values(this.connection.models).filter((model) => hasOutbox(model.schema)) as Model<OutboxFields>[];
  }

  private async flushModel(model: Model<OutboxFields>): Promise<number> {
    let published = 0;
    for (;;) {
      const documents = await acrossDistricts(
        model.find({ _outboxAt: { $ne: null } }).select('+_outbox +_outboxAt +_outboxSeq').sort({ _outboxAt: 1 }).limit(BATCH_SIZE)
          // One batch holds the whole result, so the store closes the cursor at once (FerretDB 1.x keeps a cursor stopped at a limit open).
          .batchSize(BATCH_SIZE + 1)
          .lean(),
      );
      if (documents.length === 0) return published;
      const events = documents.flatMap((document) => document._outbox ?? []);
      await Promise.all(events.map((event) => this.publisher.publish(JSON.parse(event.envelope) as EventEnvelope)));
      published += events.length;
      await this.clear(model, documents);
      if (documents.length < BATCH_SIZE) return published;
    }
  }

  /**
   * Clears the outboxes of documents no write appended to since they were read (compare-and-set on `_outboxSeq`);
   * the next pass sends the rest again. On MongoDB one atomic `updateMany`. On FerretDB 1.x, which scans the whole
   * collection for any filter but `{_id}` and holds its write lock meanwhile, each document is checked and cleared
   * by `_id` alone while the relay holds its lock, skipping those another writer holds.
   */
  private async clear(model: Model<OutboxFields>, documents: (OutboxFields & { _id: unknown })[]): Promise<void> {
    if (!(await isFerretDb(this.connection))) {
      const idsBySeq = new Map<number, unknown[]>();
      for (const document of documents) idsBySeq.set(document._outboxSeq ?? 0, [...(idsBySeq.get(document._outboxSeq ?? 0) ?? []), document._id]);
      await acrossDistricts(
        model.updateMany({ $or: [...idsBySeq].map(([seq, ids]) => ({ _id: { $in: ids }, _outboxSeq: seq })) }, { $set: { _outbox: [], _outboxAt: null } }),
      ).exec();
      return;
    }
    const seqOf = new Map(documents.map((document) => [String(document._id), { id: document._id, seq: document._outboxSeq ?? 0 }]));
    await withFreeDocumentLocks(this.connection, model.collection.name, [...seqOf.keys()], async (lockedIds) => {
      // The raw collection: the model's update hooks would wait for the lock held here.
      const collection = model.collection;
      for (let i = 0; i < lockedIds.length; i += CLEAR_CONCURRENCY) {
        await Promise.all(
          lockedIds.slice(i, i + CLEAR_CONCURRENCY).map(async (lockedId) => {
            const { id, seq } = seqOf.get(lockedId) as { id: unknown; seq: number };
            const current = await collection.findOne({ _id: id as never }, { projection: { _outboxSeq: 1 } });
            if ((current?._outboxSeq ?? 0) === seq) await collection.updateOne({ _id: id as never }, { $set: { _outbox: [], _outboxAt: null } });
          }),
        );
      }
    });
  }
}
