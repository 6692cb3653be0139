import { Controller, INestApplication, Module } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { InjectModel, MongooseModule } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model, Schema } from 'mongoose';
import { connect } from '@nats-io/transport-node';
import { NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { createEnvelope, EventEnvelope, PayloadOf, UnitUpdated } from '@campaign/contracts';
import { AuthModule } from '@campaign/auth';
import { insertNew, onlyDuplicateKeys, PersistenceModule } from '@campaign/persistence';
import { serviceEnvSchema, ServiceKitModule } from '@campaign/service-kit';
import { eventually, startTestService, testServiceEnv, uniqueDatabase } from '@campaign/testing';
import request from 'supertest';
import { BatchOutcome, GroupCommitEventPattern, MessagingModule } from './index';

const district = `d-${randomUUID()}`;
const POISON = '毒丸单位';

interface Applied {
  _id: string;
  unitName: string;
}
const appliedSchema = new Schema<Applied>({ _id: String, unitName: String });

/** Every call of the group-commit handler: how many events it was given. */
const calls: number[] = [];

@Controller()
class UnitRenames {
  constructor(@InjectModel('Applied') private readonly applied: Model<Applied>) {}

  /** One insert for the whole batch, keyed by event id: a redelivered batch inserts nothing twice, and says so. */
  @GroupCommitEventPattern(UnitUpdated)
  async apply(@Payload() events: EventEnvelope<PayloadOf<typeof UnitUpdated>>[]): Promise<BatchOutcome> {
    calls.push(events.length);
    if (events.some((event) => event.payload.unit.name === POISON)) throw new Error('a unit nobody can rename');
    const { duplicates } = await insertNew(this.applied, events.map((event) => ({ _id: event.eventId, unitName: event.payload.unit.name })));
    return { repeated: new Set(duplicates.map((duplicate) => duplicate._id)) };
  }
}

const SLOW = '慢批次单位';
/** Set when another batch was handled while the batch holding the slow event waited: the batches overlapped. */
let overlapped = false;
let anotherBatchHandled: () => void = () => undefined;

@Controller()
class SlowUnitRenames {
  constructor(@InjectModel('Applied') private readonly applied: Model<Applied>) {}

  /** The batch with the slow event waits until another batch is handled, or gives up after a while. */
  @GroupCommitEventPattern(UnitUpdated)
  async apply(@Payload() events: EventEnvelope<PayloadOf<typeof UnitUpdated>>[]): Promise<void> {
    if (events.some((event) => event.payload.unit.name === SLOW)) {
      overlapped = await Promise.race([
        new Promise<boolean>((resolve) => (anotherBatchHandled = () => resolve(true))),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000)),
      ]);
    }
    await this.applied.insertMany(events.map((event) => ({ _id: event.eventId, unitName: event.payload.unit.name })), { ordered: false }).catch((error) => {
      if (!onlyDuplicateKeys(error)) throw error;
    });
    if (!events.some((event) => event.payload.unit.name === SLOW)) anotherBatchHandled();
  }
}

function testModule(serviceName: string, handler: typeof UnitRenames | typeof SlowUnitRenames = UnitRenames) {
  @Module({
    imports: [
      ServiceKitModule.forRoot({ serviceName, envSchema: serviceEnvSchema({}) }),
      PersistenceModule.forRoot(),
      MongooseModule.forFeature([{ name: 'Applied', schema: appliedSchema }]),
      MessagingModule.forRoot({ publishes: 'org', consumes: ['org'] }),
      AuthModule,
    ],
    controllers: [handler],
  })
  class GroupCommitTestModule {}
  return GroupCommitTestModule;
}

function renamed(name: string): EventEnvelope<PayloadOf<typeof UnitUpdated>> {
  const unitId = `u-${randomUUID()}`;
  return createEnvelope(
    UnitUpdated,
    { unit: { unitId, name, kind: 'school', parentId: 'u-root', path: ['u-root', unitId], systemIds: [], status: 'active', revision: 2 } },
    { district, source: 'group-commit-test' },
  );
}

describe('group commit: @GroupCommitEventPattern over real JetStream', () => {
  const serviceName = `group-commit-${randomUUID().slice(0, 8)}`;
  const env = testServiceEnv(uniqueDatabase('group_commit'), { CONSUMER_MAX_DELIVER: '2' });
  let app: INestApplication;
  let nc: NatsConnection;

  beforeAll(async () => {
    app = await startTestService(testModule(serviceName), env);
    nc = await connect({ servers: env.NATS_URL });
  });

  afterAll(async () => {
    await app?.close();
    await nc?.close();
  });

  it('gives the handler what arrived together in one call, then a bad event alone, and applies every other event once', async () => {
    const js = jetstream(nc);
    const events = Array.from({ length: 120 }, (_, i) => renamed(i === 60 ? POISON : `区教育局第${i}小学`));
    // Published before anyone reads them, so fetches bring them in batches.
    await app.close();
    await Promise.all(events.map((event) => js.publish(UnitUpdated.subject, JSON.stringify(event), { msgID: event.eventId })));
    app = await startTestService(testModule(serviceName), env);

    const healthy = events.filter((event) => event.payload.unit.name !== POISON).map((event) => event.eventId);
    const applied = app.get<Model<Applied>>('AppliedModel');
    await eventually(async () => expect(await applied.countDocuments({ _id: { $in: healthy } })).toBe(healthy.length), { timeoutMs: 30_000, intervalMs: 250 });
    expect(Math.max(...calls)).toBeGreaterThan(1);

    const deadLetter = await eventually(
      async () => {
        const letters = await js.consumers.get('DLQ', undefined);
        const batch = await letters.fetch({ max_messages: 500, expires: 1_000 });
        for await (const message of batch) {
          if (message.subject === `dlq.${serviceName}.${UnitUpdated.subject}`) return JSON.parse(message.string()) as EventEnvelope;
        }
        throw new Error('the bad event is not dead-lettered yet');
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(deadLetter.eventId).toBe(events[60].eventId);
    expect(await applied.countDocuments({ _id: events[60].eventId })).toBe(0);
  });

  it('counts an event the handler found already applied as a duplicate, not as handled again', async () => {
    const js = jetstream(nc);
    const consumed = async (outcome: string) => {
      const metrics = (await request(app.getHttpServer()).get('/metrics').expect(200)).text;
      const line = metrics.split('\n').find((candidate) => candidate.startsWith(`events_consumed_total{subject="${UnitUpdated.subject}",outcome="${outcome}"}`));
      return Number(line?.split(' ').pop() ?? 0);
    };
    const event = renamed('区教育局实验小学');
    await js.publish(UnitUpdated.subject, JSON.stringify(event), { msgID: event.eventId });
    const applied = app.get<Model<Applied>>('AppliedModel');
    await eventually(async () => expect(await applied.countDocuments({ _id: event.eventId })).toBe(1));
    await eventually(async () => expect(await consumed('handled')).toBeGreaterThan(0));
    const handled = await consumed('handled');
    const duplicates = await consumed('duplicate');

    // The same event again under another message id, as a publisher's retry after a lost ack sends it.
    await js.publish(UnitUpdated.subject, JSON.stringify(event), { msgID: `${event.eventId}-again` });
    await eventually(async () => expect(await consumed('duplicate')).toBe(duplicates + 1));
    expect(await consumed('handled')).toBe(handled);
    expect(await applied.countDocuments({ _id: event.eventId })).toBe(1);
  });
});

describe('group commit: batches in flight', () => {
  it('handles the next fetched batch while a slow one is still writing, and every event once', async () => {
    const serviceName = `group-commit-overlap-${randomUUID().slice(0, 8)}`;
    const env = testServiceEnv(uniqueDatabase('group_commit_overlap'), { CONSUMER_BATCH_SIZE: '10', CONSUMER_BATCHES_IN_FLIGHT: '4' });
    let app = await startTestService(testModule(serviceName, SlowUnitRenames), env);
    const nc = await connect({ servers: env.NATS_URL });
    try {
      const js = jetstream(nc);
      const events = Array.from({ length: 40 }, (_, i) => renamed(i === 0 ? SLOW : `区教育局第${i}中学`));
      await app.close();
      for (const event of events) await js.publish(UnitUpdated.subject, JSON.stringify(event), { msgID: event.eventId });
      app = await startTestService(testModule(serviceName, SlowUnitRenames), env);

      const applied = app.get<Model<Applied>>('AppliedModel');
      const ids = events.map((event) => event.eventId);
      await eventually(async () => expect(await applied.countDocuments({ _id: { $in: ids } })).toBe(ids.length), { timeoutMs: 60_000, intervalMs: 250 });
      expect(overlapped).toBe(true);
    } finally {
      await app.close();
      await nc.close();
    }
  });
});
