import { INestApplication, Module } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection, mongo } from 'mongoose';
import { AuthModule } from '@campaign/auth';
import { PersistenceModule } from '@campaign/persistence';
import { serviceEnvSchema, ServiceKitModule } from '@campaign/service-kit';
import { startTestService, testServiceEnv, uniqueDatabase } from '@campaign/testing';
import { Inbox } from './consumer/inbox';
import { InboxPruner } from './consumer/inbox-pruner';
import { MessagingModule } from './messaging.module';
import { deleteOlderThan } from './retention';

interface StoredEntry {
  _id: string;
  handler: string;
  eventId: string;
  status: 'done' | 'processing';
  leaseUntil: Date;
  processedAt?: Date;
}

interface ScratchDocument {
  _id: string;
  kind: string;
  at: Date;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

@Module({
  imports: [
    ServiceKitModule.forRoot({ serviceName: 'inbox-retention-test', envSchema: serviceEnvSchema({}) }),
    PersistenceModule.forRoot(),
    // Publishes only: no durable consumer, so this suite takes no events from the others.
    MessagingModule.forRoot({ publishes: 'org' }),
    AuthModule,
  ],
})
class InboxRetentionTestModule {}

describe('inbox retention on the real store', () => {
  let app: INestApplication;
  const collection = <T extends mongo.Document>(name: string) => app.get<Connection>(getConnectionToken()).collection<T>(name);

  beforeAll(async () => {
    app = await startTestService(InboxRetentionTestModule, testServiceEnv(uniqueDatabase('inbox-retention')));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('prunes done entries and abandoned claims past the default 7 days, and keeps recent and in-progress ones', async () => {
    const inbox = app.get(Inbox);
    const pruner = app.get(InboxPruner);
    // Lets the pass made at start finish first, so only the pass below can delete what this test inserts.
    await pruner.prune();
    const now = Date.now();
    const entry = (eventId: string, status: StoredEntry['status'], leaseUntil: number, processedAt?: number): StoredEntry => ({
      _id: `UnitCreated:${eventId}`,
      handler: 'UnitCreated',
      eventId,
      status,
      leaseUntil: new Date(leaseUntil),
      ...(processedAt === undefined ? {} : { processedAt: new Date(processedAt) }),
    });
    await collection<StoredEntry>('processed_events').insertMany([
      entry('done-8-days-ago', 'done', now - 8 * DAY, now - 8 * DAY),
      entry('done-6-days-ago', 'done', now - 6 * DAY, now - 6 * DAY),
      entry('lease-ended-8-days-ago', 'processing', now - 8 * DAY),
      entry('lease-ended-a-minute-ago', 'processing', now - MINUTE),
      entry('running-now', 'processing', now + MINUTE),
    ]);
    expect(await inbox.claim('UnitCreated', 'done-just-now', MINUTE)).toBe('claimed');
    await inbox.complete('UnitCreated', 'done-just-now');

    expect(await pruner.prune()).toBe(2);

    const kept = await collection<StoredEntry>('processed_events').find({}).sort({ _id: 1 }).toArray();
    expect(kept.map((e) => e.eventId)).toEqual(['done-6-days-ago', 'done-just-now', 'lease-ended-a-minute-ago', 'running-now']);
    // What is kept still turns a late copy away.
    expect(await inbox.claim('UnitCreated', 'done-6-days-ago', MINUTE)).toBe('done');
    expect(await inbox.claim('UnitCreated', 'running-now', MINUTE)).toBe('busy');
  });

  it('deletes in batches, oldest first, until nothing expired is left, and not at all once stopped', async () => {
    const scratch = collection<ScratchDocument>('retention_scratch');
    const now = Date.now();
    await scratch.insertMany([
      ...Array.from({ length: 10 }, (_, i) => ({ _id: `expired-${i}`, kind: 'a', at: new Date(now - DAY - i * MINUTE) })),
      { _id: 'expired-other-kind', kind: 'b', at: new Date(now - 2 * DAY) },
      { _id: 'recent', kind: 'a', at: new Date(now - MINUTE) },
    ]);
    const cutoff = new Date(now - DAY + MINUTE);

    const stopped = new AbortController();
    stopped.abort();
    expect(await deleteOlderThan(scratch, { kind: 'a' }, 'at', cutoff, { signal: stopped.signal, batchSize: 3 })).toBe(0);
    expect(await scratch.countDocuments({})).toBe(12);

    expect(await deleteOlderThan(scratch, { kind: 'a' }, 'at', cutoff, { batchSize: 3 })).toBe(10);
    expect((await scratch.find({}).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(['expired-other-kind', 'recent']);
  });
});
