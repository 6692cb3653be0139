import { jetstream, JetStreamClient } from '@nats-io/jetstream';
import { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { createEnvelope, EventDefinition, EventEnvelope, MemberSnapshot, UnitKind, UnitSnapshot } from '@campaign/contracts';
import { activeMember } from '@campaign/testing';

/** Plays org-registry in the tests: publishes its events on JetStream, and reads what activity-records published. */
export class OrgPublisher {
  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
  ) {}

  static async connect(): Promise<OrgPublisher> {
    const url = process.env.TEST_NATS_URL;
    if (!url) throw new Error('TEST_NATS_URL is not set: run with the integration jest config');
    const nc = await connect({ servers: url });
    return new OrgPublisher(nc, jetstream(nc));
  }

  /** Publishes an event; `messageId` other than the event id lets a test redeliver the same event past JetStream's de-duplication. */
  async publish<P>(definition: EventDefinition<P>, payload: P, district: string, options: { eventId?: string; messageId?: string } = {}): Promise<EventEnvelope<P>> {
    const envelope = createEnvelope(definition, payload, { district, source: 'org-registry', eventId: options.eventId ?? randomUUID() });
    await this.js.publish(definition.subject, JSON.stringify(envelope), { msgID: options.messageId ?? envelope.eventId });
    return envelope;
  }

  async republish(envelope: EventEnvelope): Promise<void> {
    await this.js.publish(`${envelope.type}.v${envelope.schemaVersion}`, JSON.stringify(envelope), { msgID: `${envelope.eventId}:again:${randomUUID()}` });
  }

  /** Every event of a subject on the ACTIVITY stream for one district. */
  async published<P = Record<string, unknown>>(subject: string, district: string): Promise<EventEnvelope<P>[]> {
    const consumer = await this.js.consumers.get('ACTIVITY', { filter_subjects: subject });
    const found: EventEnvelope<P>[] = [];
    for (;;) {
      const batch = await consumer.fetch({ max_messages: 5_000, expires: 1_000 });
      let count = 0;
      for await (const message of batch) {
        count += 1;
        const envelope = JSON.parse(message.string()) as EventEnvelope<P>;
        if (envelope.district === district) found.push(envelope);
      }
      if (count === 0) return found;
    }
  }

  async close(): Promise<void> {
    await this.nc.drain();
  }
}

export function unitSnapshot(unitId: string, name: string, kind: UnitKind, parentPath: string[] | null, revision = 1, systemIds: string[] = []): UnitSnapshot {
  return {
    unitId,
    name,
    kind,
    parentId: parentPath ? parentPath[parentPath.length - 1] : null,
    path: [...(parentPath ?? []), unitId],
    systemIds,
    status: 'active',
    revision,
  };
}

export function memberSnapshot(memberId: string, name: string, unitPath: string[], overrides: Partial<MemberSnapshot> = {}): MemberSnapshot {
  return activeMember(memberId, name, unitPath, { externalId: `HR-${memberId}`, ...overrides });
}
