import { INestApplication } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { jetstream, JetStreamClient } from '@nats-io/jetstream';
import { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import request from 'supertest';
import { CampaignLaunched, createEnvelope, EventDefinition, EventEnvelope, PayloadOf, UnitSnapshot } from '@campaign/contracts';
import { Role } from '@campaign/auth';
import { testToken } from '@campaign/testing';

/** Publishes real envelopes on JetStream, as org-registry and activity-records would. */
export class EventFeed {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    readonly district: string,
  ) {}

  static async connect(district: string): Promise<EventFeed> {
    const nc = await connect({ servers: process.env.TEST_NATS_URL as string });
    return new EventFeed(nc, jetstream(nc), district);
  }

  envelope<P>(definition: EventDefinition<P>, payload: P, eventId: string = randomUUID()): EventEnvelope<P> {
    return createEnvelope(definition, payload, { district: this.district, source: 'test', eventId });
  }

  async publish<P>(definition: EventDefinition<P>, payload: P, eventId?: string): Promise<EventEnvelope<P>> {
    const envelope = this.envelope(definition, payload, eventId);
    await this.send(envelope);
    return envelope;
  }

  /** Sends an envelope again under another message id: the broker's de-duplication does not catch it, our consumer must. */
  async send(envelope: EventEnvelope, messageId: string = envelope.eventId): Promise<void> {
    await this.js.publish(`${envelope.type}.v${envelope.schemaVersion}`, JSON.stringify(envelope), { msgID: messageId });
  }

  /** Events this service published for our district on a subject. */
  async published(subject: string): Promise<EventEnvelope[]> {
    const consumer = await this.js.consumers.get('SCORING', { filter_subjects: subject });
    const found: EventEnvelope[] = [];
    const messages = await consumer.fetch({ max_messages: 1000, expires: 1000 });
    for await (const message of messages) {
      const envelope = JSON.parse(message.string()) as EventEnvelope;
      if (envelope.district === this.district) found.push(envelope);
      if (message.info.pending === 0) break;
    }
    return found;
  }

  async close(): Promise<void> {
    await this.nc.drain();
  }
}

export function unit(unitId: string, name: string, path: string[], kind: UnitSnapshot['kind'] = 'district-organ', revision = 1): UnitSnapshot {
  return { unitId, name, kind, parentId: path.length > 1 ? path[path.length - 2] : null, path, systemIds: [], status: 'active', revision };
}

/** The launch of a 2026 campaign with its three stages, its appraisal in December, as activity-records announces it. */
export function campaign2026(campaignId: string): PayloadOf<typeof CampaignLaunched> {
  return {
    campaignId,
    name: '创先争优',
    mobilisedOn: '2026-03-10',
    stages: {
      planning: { startsOn: '2026-03-10', endsOn: '2026-04-30' },
      operation: { startsOn: '2026-05-01', endsOn: '2026-11-30' },
      appraisal: { startsOn: '2026-12-01', endsOn: '2026-12-31' },
    },
  };
}

export function model<T>(app: INestApplication, name: string): Model<T> {
  return app.get<Model<T>>(getModelToken(name));
}

export interface Caller {
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
}

/** A supertest client that sends a bearer token for the given claims. */
export async function caller(app: INestApplication, claims: { sub: string; district: string; roles: Role[]; units?: string[]; memberId?: string }): Promise<Caller> {
  const token = await testToken({ units: [], ...claims });
  const server = app.getHttpServer();
  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${token}`);
  return {
    get: (path) => auth(request(server).get(path)),
    post: (path, body) => auth(request(server).post(path)).send(body ?? {}),
    put: (path, body) => auth(request(server).put(path)).send(body ?? {}),
  };
}

/** Fields the service keeps to itself (outbox, write fencing): none may reach a response, at any depth. */
export function expectNoInternalFields(body: unknown): void {
  const found: string[] = [];
  const visit = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${path}[${index}]`));
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key.startsWith('_') || key === 'appliedGeneration' || key === 'applied') found.push(`${path}.${key}`);
        visit(inner, `${path}.${key}`);
      }
    }
  };
  visit(body, '');
  expect(found).toEqual([]);
}
