import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, mongo } from 'mongoose';
import { isDuplicateKey } from '@campaign/persistence';
import { deleteOlderThan } from '../retention';

interface InboxEntry {
  _id: string;
  handler: string;
  eventId: string;
  status: 'processing' | 'done';
  leaseUntil: Date;
  processedAt?: Date;
}

export type Claim = 'claimed' | 'done' | 'busy';

/**
 * Which handler has completed which event, keyed by `_id` (`handler:eventId`) so uniqueness needs no extra
 * index. A handler claims the event before running, so two copies delivered at once never both run; a claim
 * whose lease ran out (its process died) can be taken over.
 */
@Injectable()
export class Inbox {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection(): mongo.Collection<InboxEntry> {
    return this.connection.collection<InboxEntry>('processed_events');
  }

  async claim(handler: string, eventId: string, leaseMs: number): Promise<Claim> {
    const _id = `${handler}:${eventId}`;
    const now = new Date();
    const leaseUntil = new Date(now.getTime() + leaseMs);
    try {
      await this.collection.insertOne({ _id, handler, eventId, status: 'processing', leaseUntil });
      return 'claimed';
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const takenOver = await this.collection.updateOne({ _id, status: 'processing', leaseUntil: { $lt: now } }, { $set: { leaseUntil } });
    if (takenOver.modifiedCount === 1) return 'claimed';
    const entry = await this.collection.findOne({ _id });
    return entry?.status === 'done' ? 'done' : 'busy';
  }

  async complete(handler: string, eventId: string): Promise<void> {
    await this.collection.updateOne({ _id: `${handler}:${eventId}` }, { $set: { status: 'done', processedAt: new Date() } });
  }

  /** Gives the event back after a failure so the redelivery can claim it at once. */
  async release(handler: string, eventId: string): Promise<void> {
    await this.collection.deleteOne({ _id: `${handler}:${eventId}`, status: 'processing' });
  }

  /**
   * Deletes what no redelivery can need any more: entries done before `cutoff`, and claims whose lease ended before it
   * (a process died on the last delivery); claim() takes over an expired claim exactly as if it were absent.
   */
  async prune(cutoff: Date, signal?: AbortSignal): Promise<number> {
    const done = await deleteOlderThan(this.collection, { status: 'done' }, 'processedAt', cutoff, { signal });
    const abandoned = await deleteOlderThan(this.collection, { status: 'processing' }, 'leaseUntil', cutoff, { signal });
    return done + abandoned;
  }
}
