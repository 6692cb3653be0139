import { INestApplication, Module } from '@nestjs/common';
import { getModelToken, MongooseModule } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model, Schema } from 'mongoose';
import { connect } from '@nats-io/transport-node';
import { NatsConnection, Subscription } from '@nats-io/nats-core';
import { createEnvelope, EventEnvelope, UnitCreated } from '@campaign/contracts';
import { AuthModule } from '@campaign/auth';
import { PersistenceModule, tenantPlugin } from '@campaign/persistence';
import { serviceEnvSchema, ServiceKitModule } from '@campaign/service-kit';
import { eventually, startTestService, testServiceEnv, uniqueDatabase } from '@campaign/testing';
import { EventPublisher, MessagingModule, STAGED_OUTBOX_COLLECTION, StagedOutbox } from './index';

const district = `d-${randomUUID()}`;

interface Unit {
  _id: string;
  district: string;
  name: string;
  writeId: string;
}
const unitSchema = new Schema<Unit>({ _id: String, name: String, writeId: String }, { collection: 'staged_units' });
unitSchema.plugin(tenantPlugin);

@Module({
  imports: [
    ServiceKitModule.forRoot({ serviceName: 'staged-outbox-test', envSchema: serviceEnvSchema({}) }),
    PersistenceModule.forRoot(),
    MongooseModule.forFeature([{ name: 'Unit', schema: unitSchema }]),
    MessagingModule.forRoot({ publishes: 'org', consumes: [] }),
    AuthModule,
  ],
})
class StagedOutboxTestModule {}

function created(unitId: string, name: string): EventEnvelope {
  return createEnvelope(
    UnitCreated,
    { unit: { unitId, name, kind: 'school', parentId: 'u-root', path: ['u-root', unitId], systemIds: [], status: 'active', revision: 1 } },
    { district, source: 'staged-outbox-test' },
  );
}

/** A bulk write of schools: the documents, each with its event, all carrying the write's id. */
function schools(count: number) {
  const writeId = randomUUID();
  const units = Array.from({ length: count }, (_, i) => ({ _id: `u-${randomUUID()}`, district, name: `区第${i + 1}小学`, writeId }));
  return { writeId, units, events: units.map((unit) => ({ documentId: unit._id, envelope: created(unit._id, unit.name) })) };
}

describe('staged outbox: a bulk write’s events at two store commands', () => {
  const env = testServiceEnv(uniqueDatabase('staged_outbox'), { OUTBOX_RECOVERY_AFTER_MS: '1000' });
  let app: INestApplication;
  let nc: NatsConnection;
  let subscription: Subscription;
  const published = new Map<string, number>();

  beforeAll(async () => {
    app = await startTestService(StagedOutboxTestModule, env);
    nc = await connect({ servers: env.NATS_URL });
    subscription = nc.subscribe(UnitCreated.subject, {
      callback: (_error, message) => {
        const event = JSON.parse(message.string()) as EventEnvelope;
        if (event.district === district) published.set(event.eventId, (published.get(event.eventId) ?? 0) + 1);
      },
    });
    await nc.flush();
  });

  afterAll(async () => {
    subscription?.unsubscribe();
    await nc?.close();
    await app?.close();
  });

  const units = () => app.get<Model<Unit>>(getModelToken('Unit'));
  const stagedCount = () => app.get<Model<Unit>>(getModelToken('Unit')).db.collection(STAGED_OUTBOX_COLLECTION).countDocuments({ district });

  it('publishes the events of the documents the write wrote, not of those it lost, and keeps nothing staged', async () => {
    const outbox = app.get(StagedOutbox);
    const write = schools(30);
    const staged = await outbox.stage(district, units().collection.name, write.writeId, write.events);
    const [lost, ...won] = write.units;
    await units().insertMany(won);

    await outbox.publish(staged, new Set(won.map((unit) => unit._id)));

    const wonEvents = write.events.filter((event) => event.documentId !== lost._id).map((event) => event.envelope.eventId);
    await eventually(async () => expect(wonEvents.filter((eventId) => published.has(eventId))).toHaveLength(won.length), { timeoutMs: 10_000, intervalMs: 100 });
    expect(await stagedCount()).toBe(0);
    expect(published.has(write.events[0].envelope.eventId)).toBe(false);
  });

  it('has the relay publish, after the recovery delay, the events of what a writer that died wrote, and only those', async () => {
    const outbox = app.get(StagedOutbox);
    const write = schools(20);
    await outbox.stage(district, units().collection.name, write.writeId, write.events);
    // The writer died after writing half: it never published.
    const written = write.units.slice(0, 10);
    await units().insertMany(written);

    await eventually(async () => expect(await stagedCount()).toBe(0), { timeoutMs: 20_000, intervalMs: 250 });
    const eventIdOf = new Map(write.events.map((event) => [event.documentId, event.envelope.eventId]));
    await eventually(async () => expect(written.filter((unit) => published.has(eventIdOf.get(unit._id) as string))).toHaveLength(written.length), { timeoutMs: 10_000, intervalMs: 100 });
    expect(write.units.slice(10).filter((unit) => published.has(eventIdOf.get(unit._id) as string))).toEqual([]);
  });

  it('leaves the events staged when publishing fails, and the relay sends them all later', async () => {
    const outbox = app.get(StagedOutbox);
    const publisher = app.get(EventPublisher);
    const write = schools(5);
    const staged = await outbox.stage(district, units().collection.name, write.writeId, write.events);
    await units().insertMany(write.units);
    const failing = jest.spyOn(publisher, 'publish').mockRejectedValueOnce(new Error('NATS went away'));

    await outbox.publish(staged, new Set(write.units.map((unit) => unit._id)));
    failing.mockRestore();
    expect(await stagedCount()).toBe(1);

    await eventually(async () => expect(await stagedCount()).toBe(0), { timeoutMs: 20_000, intervalMs: 250 });
    // Those that went out the first time go out again: JetStream drops the repeats by event id.
    await eventually(async () => expect(write.events.filter((event) => published.has(event.envelope.eventId))).toHaveLength(write.events.length), { timeoutMs: 10_000, intervalMs: 100 });
  });
});
