import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { EventEnvelope } from '@campaign/contracts';
import { acrossDistricts, storeProfile, withFreeDocumentLocks } from '@campaign/persistence';
import { EventPublisher } from '../event-publisher';
import { hasOutbox, OutboxFields } from './outbox.plugin';
import { StagedOutbox } from './staged-outbox';

const BATCH_SIZE = 500;
/** Clears in flight on a store whose driver pool is its own default (MongoDB). */
const RELAY_CLEARS_IN_FLIGHT = 16;

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
  private pollMs = 0;
  private pollMaxMs = 0;
  /** Until the next poll: doubled after each pass that found nothing, up to OUTBOX_POLL_MAX_MS; back to OUTBOX_POLL_MS after one that published. */
  private waitMs = 0;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly publisher: EventPublisher,
    private readonly staged: StagedOutbox,
    private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    this.pollMs = this.config.getOrThrow<number>('OUTBOX_POLL_MS');
    this.pollMaxMs = Math.max(this.pollMs, this.config.getOrThrow<number>('OUTBOX_POLL_MAX_MS'));
    this.waitMs = this.pollMs;
    this.kick();
    this.pollLater();
  }

  /** Waits for the pass in progress and makes a last one, within the shutdown budget: what is left stays in the outbox. */
  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
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
      .then((published) => {
        this.waitMs = published > 0 ? this.pollMs : Math.min(this.waitMs * 2, this.pollMaxMs);
      })
      .catch((error: Error) => this.logger.warn(`outbox relay pass failed, will retry: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.rerun && !this.stopped) {
          this.rerun = false;
          this.kick();
        }
      });
  }

  /** The safety net: a pass after `waitMs`, then the next once it is done. */
  private pollLater(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.kick();
      void (this.running ?? Promise.resolve()).finally(() => this.pollLater());
    }, this.waitMs);
    this.timer.unref();
  }

  /**
   * Publishes the outboxes of documents just written, without waiting for a pass over every model, then clears them as
   * a pass would; on failure they stay for the next pass. For writes whose events someone waits for (live scores).
   */
  async publishNow<T>(model: Model<T>, documents: (OutboxFields & { _id: unknown })[]): Promise<void> {
    try {
      const events = documents.flatMap((document) => document._outbox ?? []);
      await Promise.all(events.map((event) => this.publisher.publish(JSON.parse(event.envelope) as EventEnvelope)));
      await this.clear(model, documents);
    } catch (error) {
      this.logger.warn(`events left for the next relay pass: ${(error as Error).message}`);
      this.kick();
    }
  }

  /** One pass over every model with an outbox and over bulk writes left staged; returns how many events were published. */
  async flush(): Promise<number> {
    let published = await this.staged.recover();
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
        // Unsorted: FerretDB sorts every pending document in memory (7.6 s a page at 50,000, 0.6 s without); consumers order by revision.
        model.find({ _outboxPending: true }).select('+_outbox +_outboxAt +_outboxSeq').limit(BATCH_SIZE)
          // One batch holds the whole result, so the store closes the cursor at once (FerretDB 1.x keeps a cursor stopped at a limit open).
          .batchSize(BATCH_SIZE + 1)
          .lean(),
      );
      if (documents.length === 0) return published;
      const events = documents.flatMap((document) => document._outbox ?? []);
      // Pipelined: every publish of the batch in flight at once, as JetStream's raw limit is measured.
      await Promise.all(events.map((event) => this.publisher.publish(JSON.parse(event.envelope) as EventEnvelope)));
      published += events.length;
      await this.clear(model, documents);
      if (documents.length < BATCH_SIZE) return published;
    }
  }

  /**
   * Clears the published outboxes, each by `_id` (what every store finds from an index) and only if no write appended
   * to it since it was read (compare-and-set on `_outboxSeq`), skipping documents another writer holds right now: the
   * next pass sends those again, and JetStream drops the repeats by event id.
   */
  private async clear(model: Pick<Model<unknown>, 'collection'>, documents: (OutboxFields & { _id: unknown })[]): Promise<void> {
    const { maxPoolSize } = await storeProfile(this.connection);
    const byId = new Map(documents.map((document) => [String(document._id), document]));
    await withFreeDocumentLocks(this.connection, model.collection.name, [...byId.keys()], async (lockedIds) => {
      const queue = lockedIds.map((id) => byId.get(id) as OutboxFields & { _id: unknown });
      const clearNext = async (): Promise<void> => {
        for (let document = queue.shift(); document; document = queue.shift()) {
          await model.collection.updateOne(
            { _id: document._id as never, _outboxSeq: document._outboxSeq ?? 0 },
            { $set: { _outbox: [], _outboxAt: null, _outboxPending: false } },
          );
        }
      };
      await Promise.all(Array.from({ length: Math.min(queue.length, maxPoolSize ?? RELAY_CLEARS_IN_FLIGHT) }, clearNext));
    });
  }
}
