import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { Connection, Model } from 'mongoose';
import { STREAMS } from '@campaign/contracts';
import { eventually } from './test-service';

const CORRELATION_HEADER = 'x-correlation-id';

/**
 * What the fuzzed requests leave in the service's store and on the event streams, to tell a rejected request that
 * wrote from one that did not:
 * - documents: after every request but a refused GET the fuzz counts the district's documents in every collection of
 *   the service; a refused POST, PUT, PATCH or DELETE may not have grown any count since the count before it (an
 *   answered request, a read that seeds the district's defaults included, becomes the next baseline). Refused reads
 *   are not counted (they are most requests and write nothing by design);
 * - events: every request carries a correlation id of its own, which the service stamps on the events it causes; once
 *   the district's outbox is empty, no message published on the domain streams since the start may carry the
 *   correlation id of a rejected request (however late its relay published it).
 * Rewrites of existing documents are not counted: a rejected request that changed a stored document in place without
 * announcing it goes unseen.
 */
export class FuzzFootprint {
  private readonly rejected = new Map<string, string>();

  private constructor(
    private readonly models: Model<unknown>[],
    private readonly district: string,
    private readonly nc: NatsConnection,
    private readonly startSequences: Record<string, number>,
  ) {}

  static async start(app: INestApplication, district: string): Promise<FuzzFootprint> {
    const connection = app.get<Connection>(getConnectionToken());
    const models = Object.values(connection.models).filter((model) => model.schema.path('district'));
    const nc = await connect({ servers: process.env.TEST_NATS_URL as string });
    return new FuzzFootprint(models, district, nc, await lastSequences(nc));
  }

  /** Documents of the district per collection (the count command: FerretDB answers it without an aggregation). */
  async counts(): Promise<Record<string, number>> {
    const counted = await Promise.all(this.models.map(async (model) => [model.collection.name, ((await model.db.db?.command({ count: model.collection.name, query: { district: this.district } })) as { n: number }).n] as const));
    return Object.fromEntries(counted);
  }


  /** The collections a rejected request grew, between the counts before and after it. */
  static grown(before: Record<string, number>, after: Record<string, number>): string[] {
    return Object.keys(after)
      .filter((collection) => after[collection] > before[collection])
      .map((collection) => `${collection} +${after[collection] - before[collection]}`);
  }

  rejectedRequest(correlationId: string, description: string): void {
    this.rejected.set(correlationId, description);
  }

  /** Rejected requests whose correlation id is on an event, once the district's outbox has been relayed. */
  async announcedRejections(): Promise<string[]> {
    await eventually(
      async () => {
        const waiting = await Promise.all(this.models.filter((model) => model.schema.path('_outboxPending')).map((model) => model.countDocuments({ district: this.district, _outboxPending: true })));
        expect(waiting.reduce((sum, count) => sum + count, 0)).toBe(0);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const js = jetstream(this.nc);
    const endSequences = await lastSequences(this.nc);
    const found: string[] = [];
    for (const [stream, start] of Object.entries(this.startSequences)) {
      if (endSequences[stream] <= start) continue;
      const consumer = await js.consumers.get(stream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start + 1 });
      for (let seen = start; seen < endSequences[stream]; ) {
        const batch = await consumer.fetch({ max_messages: 1_000, expires: 2_000 });
        let received = 0;
        for await (const message of batch) {
          received += 1;
          seen = message.seq;
          const request = this.rejected.get(message.headers?.get(CORRELATION_HEADER) ?? '');
          if (request) found.push(`${request} was rejected, yet ${message.subject} carries its correlation id`);
          if (seen >= endSequences[stream]) break;
        }
        if (received === 0) break;
      }
    }
    return found;
  }

  async close(): Promise<void> {
    await this.nc.drain();
  }
}

async function lastSequences(nc: NatsConnection): Promise<Record<string, number>> {
  const manager = await jetstreamManager(nc);
  // A stream the services have not provisioned yet counts from its beginning.
  const entries = await Promise.all(Object.values(STREAMS).map(async ({ name }) => [name, await manager.streams.info(name).then((info) => info.state.last_seq, () => 0)] as const));
  return Object.fromEntries(entries);
}
