import { INestApplication } from '@nestjs/common';
import { connect } from '@nats-io/transport-node';
import { NatsConnection, Subscription } from '@nats-io/nats-core';
import request from 'supertest';
import { Principal } from '@campaign/auth';
import { EventEnvelope, eventEnvelopeSchema } from '@campaign/contracts';
import { OutboxRelay } from '@campaign/messaging';
import { eventually, startTestService, testServiceEnv, testToken, uniqueDatabase } from '@campaign/testing';
import { AppModule } from '../src/app.module';

/**
 * Every `org.>` event seen on the test NATS for one district, once per event id: a core subscription also sees the
 * relay's republications that JetStream itself drops as duplicates.
 */
export class EventRecorder {
  readonly events: (EventEnvelope & { subject: string })[] = [];
  private handled = 0;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly subscription: Subscription,
  ) {}

  static async start(district: string): Promise<EventRecorder> {
    const nc = await connect({ servers: process.env.TEST_NATS_URL as string });
    const subscription = nc.subscribe('org.>');
    const recorder = new EventRecorder(nc, subscription);
    void (async () => {
      for await (const message of subscription) {
        recorder.handled += 1;
        // Other suites publish forged events on the shared NATS (the messaging suite's dead-letter cases): not ours.
        const parsed = eventEnvelopeSchema.safeParse(message.json());
        if (!parsed.success) continue;
        const envelope = parsed.data;
        if (envelope.district !== district || recorder.events.some((seen) => seen.eventId === envelope.eventId)) continue;
        recorder.events.push({ ...envelope, subject: message.subject } as EventEnvelope & { subject: string });
      }
    })();
    return recorder;
  }

  /**
   * Resolves once every event the service wrote before the call is in `events`: its outbox is flushed (published and
   * acknowledged), then a round trip to the server, which answers only after sending us all it had for us.
   */
  async caughtUpWith(app: INestApplication): Promise<void> {
    await app.get(OutboxRelay).flush();
    await this.nc.flush();
    const received = this.subscription.getReceived();
    await eventually(async () => expect(this.handled).toBeGreaterThanOrEqual(received));
  }

  ofType(type: string) {
    return this.events.filter((event) => event.type === type);
  }

  about(predicate: (payload: Record<string, unknown>) => boolean) {
    return this.events.filter((event) => predicate(event.payload as Record<string, unknown>));
  }

  async stop(): Promise<void> {
    this.subscription.unsubscribe();
    await this.nc.drain();
  }
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  tokenFor(claims: Partial<Principal> & Pick<Principal, 'district' | 'roles'>): Promise<string>;
}

export async function startOrgRegistry(prefix: string, env: Record<string, string> = {}): Promise<TestApp> {
  const app = await startTestService(AppModule, testServiceEnv(uniqueDatabase(prefix), env));
  return {
    app,
    http: request(app.getHttpServer()),
    tokenFor: (claims) => testToken({ sub: `${claims.roles[0]}-user`, units: [], ...claims }),
  };
}

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
