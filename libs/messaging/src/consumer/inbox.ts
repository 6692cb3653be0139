import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, mongo } from 'mongoose';

interface InboxEntry {
  _id: string;
  handler: string;
  eventId: string;
  processedAt: Date;
}

const DUPLICATE_KEY = 11000;

/** Which handler has completed which event: keyed by `_id` so uniqueness needs no extra index. */
@Injectable()
export class Inbox {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection(): mongo.Collection<InboxEntry> {
    return this.connection.collection<InboxEntry>('processed_events');
  }

  async hasProcessed(handler: string, eventId: string): Promise<boolean> {
    return (await this.collection.countDocuments({ _id: `${handler}:${eventId}` }, { limit: 1 })) > 0;
  }

  async recordProcessed(handler: string, eventId: string): Promise<void> {
    try {
      await this.collection.insertOne({ _id: `${handler}:${eventId}`, handler, eventId, processedAt: new Date() });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
  }
}
