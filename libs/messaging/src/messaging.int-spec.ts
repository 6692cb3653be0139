import { Body, CallHandler, Controller, ExecutionContext, Injectable, Module, NestInterceptor, Post, UseInterceptors } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { InjectModel, MongooseModule } from '@nestjs/mongoose';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Model, Schema } from 'mongoose';
import request from 'supertest';
import { connect } from '@nats-io/transport-node';
import { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createEnvelope, EventEnvelope, PayloadOf, STREAMS, UnitCreated, UnitUpdated } from '@campaign/contracts';
import { AuthModule, Public } from '@campaign/auth';
import { acrossDistricts, PersistenceModule, tenantPlugin, UnscopedQueryError } from '@campaign/persistence';
import { currentContext, serviceEnvSchema, ServiceKitModule } from '@campaign/service-kit';
import { eventually, startTestService, testServiceEnv, uniqueDatabase } from '@campaign/testing';
import { EventPublisher, MessagingModule, InboxEventPattern, JetStreamContext, OutboxRelay, outboxFields, outboxPlugin } from './index';

const district = `d-${randomUUID()}`;

interface Unit {
  _id: string;
  district: string;
  name: string;
}
const unitSchema = new Schema<Unit>({ _id: String, name: String });
unitSchema.plugin(tenantPlugin);
unitSchema.plugin(outboxPlugin);

interface Handled {
  _id: string;
  eventId: string;
  unitName: string;
  district: string;
  correlationId?: string;
  causationId?: string;
  instance: string;
}
const handledSchema = new Schema<Handled>({ _id: String, eventId: String, unitName: String, district: String, correlationId: String, causationId: String, instance: String });

/** Failure scripts keyed by unit name: how many deliveries fail before one succeeds, or a delay. */
const behaviour = new Map<string, { failures?: number; delayMs?: number }>();
const attempts = new Map<string, number>();

function unitPayload(unitId: string, name: string): PayloadOf<typeof UnitCreated> {
  return { unit: { unitId, name, kind: 'school', parentId: 'u-root', path: ['u-root', unitId], systemIds: [], status: 'active', revision: 1 } };
}

@Injectable()
class UnitWriter {
  constructor(
    @InjectModel('Unit') private readonly units: Model<Unit>,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
  ) {}

  async create(name: string): Promise<EventEnvelope> {
    const unitId = `u-${randomUUID()}`;
    const envelope = this.publisher.envelope(UnitCreated, unitPayload(unitId, name), district);
    await this.units.create({ _id: unitId, district, name, ...outboxFields(envelope) });
    this.relay.kick();
    return envelope;
  }
}

@Public()
@Controller('units')
class UnitController {
  constructor(private readonly writer: UnitWriter) {}

  @Post()
  create(@Body() body: { name: string }) {
    return this.writer.create(body.name);
  }
}

function handlerFor(instance: string) {
  @Controller()
  class UnitCreatedRecorder {
    constructor(@InjectModel('Handled') private readonly handled: Model<Handled>) {}

    @InboxEventPattern(UnitCreated)
    async record(@Payload() event: EventEnvelope<PayloadOf<typeof UnitCreated>>): Promise<void> {
      const name = event.payload.unit.name;
      const script = behaviour.get(name);
      const attempt = (attempts.get(event.eventId) ?? 0) + 1;
      attempts.set(event.eventId, attempt);
      if (script?.delayMs) await new Promise((resolve) => setTimeout(resolve, script.delayMs));
      if (script?.failures !== undefined && attempt <= script.failures) throw new Error(`scripted failure ${attempt}`);
      const context = currentContext();
      // Counts every completed handling: a duplicate handling would insert a second row.
      await this.handled.create({
        _id: randomUUID(),
        eventId: event.eventId,
        unitName: name,
        district: event.district,
        correlationId: context?.correlationId,
        causationId: context?.causationId,
        instance,
      });
    }
  }
  return UnitCreatedRecorder;
}

/** What a message handler's interceptor and its @Ctx() saw, by event id. */
const pipelineSeen = new Map<string, { contextType: string; subject: string; deliveries: number }>();
const contextTypes = new Map<string, string>();

@Injectable()
class ContextTypeRecorder implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    contextTypes.set(context.switchToRpc().getData<EventEnvelope>().eventId, context.getType());
    return next.handle();
  }
}

/** Like the services' global interceptors, HTTP-only: a message handler it reached would fail. */
@Injectable()
class HttpOnlyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') throw new Error('an HTTP-only global interceptor reached a message handler');
    return next.handle();
  }
}

@Controller()
@UseInterceptors(ContextTypeRecorder)
class UnitUpdatedProbe {
  @InboxEventPattern(UnitUpdated)
  async probe(@Payload() event: EventEnvelope<PayloadOf<typeof UnitUpdated>>, @Ctx() context: JetStreamContext): Promise<void> {
    pipelineSeen.set(event.eventId, { contextType: contextTypes.get(event.eventId) ?? 'none', subject: context.getSubject(), deliveries: context.getDeliveryCount() });
  }
}

function testModule(serviceName: string, instance: string) {
  @Module({
    imports: [
      ServiceKitModule.forRoot({ serviceName, envSchema: serviceEnvSchema({}) }),
      PersistenceModule.forRoot(),
      MongooseModule.forFeature([
        { name: 'Unit', schema: unitSchema },
        { name: 'Handled', schema: handledSchema },
      ]),
      MessagingModule.forRoot({ publishes: 'org', consumes: ['org'] }),
      AuthModule,
    ],
    controllers: [UnitController, handlerFor(instance), UnitUpdatedProbe],
    providers: [UnitWriter, { provide: APP_INTERCEPTOR, useClass: HttpOnlyInterceptor }],
  })
  class MessagingTestModule {}
  return MessagingTestModule;
}

describe('messaging over real JetStream and the store', () => {
  const serviceName = `messaging-test-${randomUUID().slice(0, 8)}`;
  const env = testServiceEnv(uniqueDatabase('messaging'));
  let app: INestApplication;
  let nc: NatsConnection;

  const handledModel = () => app.get<Model<Handled>>('HandledModel');
  const handledFor = (eventId: string) => handledModel().find({ eventId }).lean();
  /** Waits until the service's durable consumer has acked every message of the stream up to `seq`: none of them can come again. */
  const ackedThrough = (seq: number) =>
    eventually(async () => {
      const consumer = await (await jetstreamManager(nc)).consumers.info(STREAMS.org.name, env.CONSUMER_NAME as string);
      expect(consumer.ack_floor.stream_seq).toBeGreaterThanOrEqual(seq);
    });

  beforeAll(async () => {
    app = await startTestService(testModule(serviceName, 'a'), env);
    nc = await connect({ servers: env.NATS_URL });
  });

  afterAll(async () => {
    await app?.close();
    await nc?.close();
  });

  it('publishes a write through the outbox, with the HTTP correlation id carried to the handler', async () => {
    const response = await request(app.getHttpServer()).post('/units').set('x-correlation-id', 'corr-outbox-1').send({ name: '城北街道' });
    expect(response.status).toBe(201);
    const event = response.body as EventEnvelope;
    expect(event.correlationId).toBe('corr-outbox-1');
    const [handled] = await eventually(async () => {
      const rows = await handledFor(event.eventId);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(handled).toMatchObject({ district, unitName: '城北街道', correlationId: 'corr-outbox-1', causationId: event.eventId });
    const unitId = (event.payload as PayloadOf<typeof UnitCreated>).unit.unitId;
    await eventually(async () => {
      const stored = await acrossDistricts(app.get<Model<Unit>>('UnitModel').findById(unitId).select('+_outbox +_outboxAt')).lean();
      expect(stored).toMatchObject({ _outbox: [], _outboxAt: null });
    });
  });

  it('publishes an event left in a document by a crash before the relay ran', async () => {
    const unitId = `u-${randomUUID()}`;
    const envelope = createEnvelope(UnitCreated, unitPayload(unitId, '黄金坳镇'), { district, source: serviceName });
    // The write happened, the process died before publishing: only the store knows about the event.
    await app.get<Model<Unit>>('UnitModel').collection.insertOne({ _id: unitId, district, name: '黄金坳镇', ...outboxFields(envelope) } as never);
    await eventually(async () => expect(await handledFor(envelope.eventId)).toHaveLength(1));
  });

  it('publishes a document’s events at once when asked to, and leaves its outbox clear when that returns', async () => {
    const unitId = `u-${randomUUID()}`;
    const envelope = createEnvelope(UnitCreated, unitPayload(unitId, '上坪乡'), { district, source: serviceName });
    const document = { _id: unitId, district, name: '上坪乡', ...outboxFields(envelope) };
    const units = app.get<Model<Unit>>('UnitModel');
    await units.collection.insertOne(document as never);

    await app.get(OutboxRelay).publishNow(units, [document]);

    const stored = await acrossDistricts(units.findById(unitId).select('+_outbox +_outboxPending')).lean();
    expect(stored).toMatchObject({ _outbox: [], _outboxPending: false });
    await eventually(async () => expect(await handledFor(envelope.eventId)).toHaveLength(1));
  });

  it('runs a handler through Nest: its interceptor and @Ctx() see the JetStream message, the app’s HTTP-only global interceptor does not', async () => {
    const envelope = createEnvelope(UnitUpdated, unitPayload(`u-${randomUUID()}`, '区科技局'), { district, source: serviceName });
    await jetstream(nc).publish(UnitUpdated.subject, JSON.stringify(envelope), { msgID: envelope.eventId });
    await eventually(async () => expect(pipelineSeen.get(envelope.eventId)).toEqual({ contextType: 'rpc', subject: UnitUpdated.subject, deliveries: 1 }));
  });

  it('handles a duplicated event once: JetStream drops the same message id, the inbox skips a republish', async () => {
    const envelope = createEnvelope(UnitCreated, unitPayload(`u-${randomUUID()}`, '杨村乡'), { district, source: serviceName });
    const js = jetstream(nc);
    const first = await js.publish(UnitCreated.subject, JSON.stringify(envelope), { msgID: envelope.eventId });
    const again = await js.publish(UnitCreated.subject, JSON.stringify(envelope), { msgID: envelope.eventId });
    expect(again.duplicate).toBe(true);
    expect(again.seq).toBe(first.seq);
    // Past the de-duplication window a producer could publish it again under another message id.
    const late = await js.publish(UnitCreated.subject, JSON.stringify(envelope), { msgID: `late-${envelope.eventId}` });
    await eventually(async () => expect(await handledFor(envelope.eventId)).toHaveLength(1));
    await ackedThrough(late.seq);
    expect(await handledFor(envelope.eventId)).toHaveLength(1);
  });

  it('redelivers with back-off after a failing handler, and handles the event once when it succeeds', async () => {
    behaviour.set('贺家田乡', { failures: 2 });
    const envelope = createEnvelope(UnitCreated, unitPayload(`u-${randomUUID()}`, '贺家田乡'), { district, source: serviceName });
    await jetstream(nc).publish(UnitCreated.subject, JSON.stringify(envelope), { msgID: envelope.eventId });
    await eventually(async () => expect(await handledFor(envelope.eventId)).toHaveLength(1));
    expect(attempts.get(envelope.eventId)).toBe(3);
  });

  it('dead-letters with the reason after the last delivery, and at once a malformed or forged event (invalid payload, unknown version, a district that is no string)', async () => {
    behaviour.set('芦坪乡', { failures: 99 });
    const failing = createEnvelope(UnitCreated, unitPayload(`u-${randomUUID()}`, '芦坪乡'), { district, source: serviceName });
    const js = jetstream(nc);
    await js.publish(UnitCreated.subject, JSON.stringify(failing), { msgID: failing.eventId });
    const invalid = { ...createEnvelope(UnitCreated, unitPayload(`u-${randomUUID()}`, '迎丰街道'), { district, source: serviceName }), payload: { unit: { name: '' } } };
    await js.publish(UnitCreated.subject, JSON.stringify(invalid), { msgID: invalid.eventId });
    const unknownVersion = { ...createEnvelope(UnitCreated, unitPayload(`u-${randomUUID()}`, '城北街道'), { district, source: serviceName }), schemaVersion: 9 };
    await js.publish(UnitCreated.subject, JSON.stringify(unknownVersion), { msgID: unknownVersion.eventId });
    const operatorDistrict = { ...createEnvelope(UnitCreated, unitPayload(`u-${randomUUID()}`, '城中街道'), { district, source: serviceName }), district: { $gt: '' } };
    await js.publish(UnitCreated.subject, JSON.stringify(operatorDistrict), { msgID: operatorDistrict.eventId });

    const deadLetters = async () => {
      const consumer = await js.consumers.get('DLQ', undefined);
      const found: { eventId: string; reason: string; deliveries: string }[] = [];
      const batch = await consumer.fetch({ max_messages: 200, expires: 1_000 });
      for await (const message of batch) {
        const body = JSON.parse(message.string()) as EventEnvelope;
        if (message.subject === `dlq.${serviceName}.${UnitCreated.subject}`) {
          found.push({ eventId: body.eventId, reason: message.headers?.get('Dlq-Reason') ?? '', deliveries: message.headers?.get('Dlq-Deliveries') ?? '' });
        }
      }
      return found;
    };
    const letters = await eventually(async () => {
      const found = await deadLetters();
      expect(found.map((letter) => letter.eventId).sort()).toEqual([failing.eventId, invalid.eventId, unknownVersion.eventId, operatorDistrict.eventId].sort());
      return found;
    }, { timeoutMs: 20_000, intervalMs: 500 });
    expect(letters.find((l) => l.eventId === failing.eventId)).toMatchObject({ reason: expect.stringMatching(/failed after 3 deliveries: scripted failure 3/), deliveries: '3' });
    expect(letters.find((l) => l.eventId === invalid.eventId)).toMatchObject({ reason: expect.stringMatching(/rejected on receipt: .*payload\.unit/), deliveries: '1' });
    expect(letters.find((l) => l.eventId === unknownVersion.eventId)).toMatchObject({ reason: expect.stringMatching(/rejected on receipt: .*v9, expected/), deliveries: '1' });
    expect(letters.find((l) => l.eventId === operatorDistrict.eventId)).toMatchObject({ reason: expect.stringMatching(/rejected on receipt: .*district/), deliveries: '1' });
    for (const forged of [failing, invalid, unknownVersion, operatorDistrict]) expect(await handledFor(forged.eventId)).toHaveLength(0);
    expect(attempts.get(failing.eventId)).toBe(3);
  });

  it('handles an event whose claim was left behind (the store went away before it was given back) once the claim runs out', async () => {
    const envelope = createEnvelope(UnitCreated, unitPayload(`u-${randomUUID()}`, '城中街道'), { district, source: serviceName });
    const handler = 'UnitCreatedRecorder.record';
    // What a failing handler leaves when its release cannot reach the store: a claim that outlasts all deliveries at one per second.
    await handledModel()
      .db.collection<{ _id: string; handler: string; eventId: string; status: string; leaseUntil: Date }>('processed_events')
      .insertOne({ _id: `${handler}:${envelope.eventId}`, handler, eventId: envelope.eventId, status: 'processing', leaseUntil: new Date(Date.now() + 5_000) });
    await jetstream(nc).publish(UnitCreated.subject, JSON.stringify(envelope), { msgID: envelope.eventId });
    await eventually(async () => expect(await handledFor(envelope.eventId)).toHaveLength(1), { timeoutMs: 20_000, intervalMs: 250 });
  });

  it('shares one durable consumer between two replicas: every event handled exactly once', async () => {
    const replica = await startTestService(testModule(serviceName, 'b'), env);
    try {
      const js = jetstream(nc);
      const envelopes = Array.from({ length: 60 }, (_, i) =>
        createEnvelope(UnitCreated, unitPayload(`u-${randomUUID()}`, `学校${i}`), { district, source: serviceName }),
      );
      await Promise.all(envelopes.map((e) => js.publish(UnitCreated.subject, JSON.stringify(e), { msgID: e.eventId })));
      const ids = envelopes.map((e) => e.eventId);
      const rows = await eventually(async () => {
        const found = await handledModel().find({ eventId: { $in: ids } }).lean();
        expect(found).toHaveLength(60);
        return found;
      });
      expect(new Set(rows.map((r) => r.eventId)).size).toBe(60);
    } finally {
      await replica.close();
    }
  });

  it('refuses a query that does not name the district, unless it says it spans districts', async () => {
    const units = app.get<Model<Unit>>('UnitModel');
    await expect(units.find({ name: '城北街道' }).exec()).rejects.toThrow(UnscopedQueryError);
    await expect(units.updateMany({}, { $set: { name: 'x' } }).exec()).rejects.toThrow(UnscopedQueryError);
    await expect(units.find({ district, name: '城北街道' }).exec()).resolves.toHaveLength(1);
    await expect(units.find({ district: `d-${randomUUID()}`, name: '城北街道' }).exec()).resolves.toHaveLength(0);
    expect((await acrossDistricts(units.find({ name: '城北街道' })).exec()).length).toBeGreaterThan(0);
  });

  it('finishes and acks the handler in flight when shut down gracefully', async () => {
    behaviour.set('红星街道', { delayMs: 1_500 });
    const envelope = createEnvelope(UnitCreated, unitPayload(`u-${randomUUID()}`, '红星街道'), { district, source: serviceName });
    // The consumer's acks, seen on the wire: its counts also hold other suites' events published on the shared stream.
    const acked: number[] = [];
    const acks = nc.subscribe(`$JS.ACK.>`, {
      callback: (_error, message) => {
        const tokens = message.subject.split('.');
        const consumer = tokens.indexOf(env.CONSUMER_NAME as string);
        if (consumer > 0 && tokens[consumer - 1] === 'ORG' && message.string() === '+ACK') acked.push(Number(tokens[consumer + 2]));
      },
    });
    const { seq } = await jetstream(nc).publish(UnitCreated.subject, JSON.stringify(envelope), { msgID: envelope.eventId });
    await eventually(async () => expect(attempts.get(envelope.eventId)).toBe(1));
    await app.close();
    await nc.flush();
    acks.unsubscribe();
    expect(acked).toContain(seq);
    app = await startTestService(testModule(serviceName, 'a'), env);
    expect(await handledFor(envelope.eventId)).toHaveLength(1);
    // The restarted consumer handles an event published after it: a redelivery of the first would have come before.
    const later = createEnvelope(UnitCreated, unitPayload(`u-${randomUUID()}`, '红星街道后'), { district, source: serviceName });
    const { seq: laterSeq } = await jetstream(nc).publish(UnitCreated.subject, JSON.stringify(later), { msgID: later.eventId });
    await eventually(async () => expect(await handledFor(later.eventId)).toHaveLength(1));
    await ackedThrough(laterSeq);
    expect(attempts.get(envelope.eventId)).toBe(1);
  });
});
