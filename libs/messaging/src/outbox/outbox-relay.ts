import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { EventEnvelope } from '@campaign/contracts';
import { acrossDistricts, withFreeDocumentLocks } from '@campaign/persistence';
import { EventPublisher } from '../event-publisher';
import { hasOutbox, OutboxFields } from './outbox.plugin';

const BATCH_SIZE = 500;

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
      // Clears only documents no write appended to since they were read (compare-and-set on `_outboxSeq`) and that
      // no other writer holds right now; the next pass sends the rest again. One multi-document update: FerretDB 1.x
      // scans the collection once per command.
      await withFreeDocumentLocks(
        this.connection,
        model.collection.name,
        documents.map((document) => String(document._id)),
        async (lockedIds) => {
          const locked = new Set(lockedIds);
          const idsBySeq = new Map<number, unknown[]>();
          for (const document of documents.filter((candidate) => locked.has(String(candidate._id)))) {
            const seq = document._outboxSeq ?? 0;
            idsBySeq.set(seq, [...(idsBySeq.get(seq) ?? []), document._id]);
          }
          if (idsBySeq.size === 0) return;
          await acrossDistricts(
            model.updateMany(
              { $or: [...idsBySeq].map(([seq, ids]) => ({ _id: { $in: ids }, _outboxSeq: seq })) },
              { $set: { _outbox: [], _outboxAt: null } },
            ),
          ).exec();
        },
      );
      if (documents.length < BATCH_SIZE) return published;
    }
  }
}
