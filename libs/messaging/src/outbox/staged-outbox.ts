import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, mongo } from 'mongoose';
import { EventEnvelope } from '@campaign/contracts';
import { EventPublisher } from '../event-publisher';
import { PendingEvent, pendingEvent } from './outbox.plugin';

/** How often, per recovery delay, the staged writes are scanned for abandoned ones. */
const RECOVERY_SCANS_PER_DELAY = 4;

/** Where bulk writes stage their events: a collection that stays nearly empty, each entry deleted once published. */
export const STAGED_OUTBOX_COLLECTION = 'outbox_staged';

/** The events of one bulk write, staged before it is made. */
export interface StagedWrite {
  /** The write's id, which every document it writes carries in its `writeId`. */
  _id: string;
  district: string;
  /** The collection the write goes to: after a crash, its documents carrying the write's id are the ones written. */
  collection: string;
  events: Array<PendingEvent & { documentId: string }>;
  stagedAt: Date;
}

/**
 * A transactional outbox for bulk writes, at two store commands per write instead of an update per document: the
 * events are staged (one insert) before the write, published by the writer for the documents it wrote, then dropped
 * (one delete). A write whose process died or could not publish is finished by the relay after
 * `OUTBOX_RECOVERY_AFTER_MS`: the events of the documents that carry the write's id go out. A document written again
 * since by another write carries that write's id and events, which supersede the lost ones (consumers keep the newest
 * revision).
 */
@Injectable()
export class StagedOutbox {
  private readonly logger = new Logger(StagedOutbox.name);
  private readonly recoveryAfterMs: number;
  private lastRecoveryScan = 0;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly publisher: EventPublisher,
    config: ConfigService,
  ) {
    this.recoveryAfterMs = config.getOrThrow<number>('OUTBOX_RECOVERY_AFTER_MS');
  }

  private get staged(): mongo.Collection<StagedWrite> {
    return this.connection.collection<StagedWrite>(STAGED_OUTBOX_COLLECTION);
  }

  /** Stages a bulk write's events, each with the id of the document it announces; call before writing any of them. */
  async stage(district: string, collection: string, writeId: string, events: Array<{ documentId: string; envelope: EventEnvelope }>): Promise<StagedWrite> {
    const staged: StagedWrite = { _id: writeId, district, collection, events: events.map(({ documentId, envelope }) => ({ documentId, ...pendingEvent(envelope) })), stagedAt: new Date() };
    if (staged.events.length > 0) await this.staged.insertOne(staged);
    return staged;
  }

  /**
   * After the write: publishes the events of the documents it wrote and drops the staged entry. A failure is logged,
   * not thrown (the write is done): the relay publishes them later.
   */
  async publish(staged: StagedWrite, written: ReadonlySet<string>): Promise<void> {
    if (staged.events.length === 0) return;
    try {
      await this.send(staged, written);
    } catch (error) {
      this.logger.warn(`events of write ${staged._id} stay staged for the relay: ${(error as Error).message}`);
    }
  }

  /**
   * Finishes the writes staged longer than the recovery delay; returns how many events were published. Scans at most
   * a few times per delay (a write becomes abandoned only after it, so a scan more often finds nothing new): a range is
   * filtered after a scan on FerretDB, and a scan reads in full every write in progress (an HR import's thousand
   * events each), so scanning on every relay pass cost org-registry more than the import's inserts.
   */
  async recover(): Promise<number> {
    const now = Date.now();
    if (now - this.lastRecoveryScan < this.recoveryAfterMs / RECOVERY_SCANS_PER_DELAY) return 0;
    this.lastRecoveryScan = now;
    const abandoned = await this.staged.find({ stagedAt: { $lt: new Date(now - this.recoveryAfterMs) } }).limit(100).toArray();
    let published = 0;
    for (const staged of abandoned) {
      const documents = await this.connection
        .collection<{ _id: string }>(staged.collection)
        .find({ district: staged.district, writeId: staged._id }, { projection: { _id: 1 } })
        .toArray();
      published += await this.send(staged, new Set(documents.map((document) => String(document._id))));
      this.logger.warn(`published ${published} events of write ${staged._id} in ${staged.collection}, which its writer left staged`);
    }
    return published;
  }

  private async send(staged: StagedWrite, written: ReadonlySet<string>): Promise<number> {
    const events = staged.events.filter((event) => written.has(event.documentId));
    await Promise.all(events.map((event) => this.publisher.publish(JSON.parse(event.envelope) as EventEnvelope)));
    await this.staged.deleteOne({ _id: staged._id });
    return events.length;
  }
}
