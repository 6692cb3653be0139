import { INestApplication } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { jetstream, JetStreamClient } from '@nats-io/jetstream';
import { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { Model } from 'mongoose';
import { createEnvelope, EventDefinition, EventEnvelope, MemberEnrolled, MemberRoleInUnit, MemberSnapshot, UnitCreated, UnitSnapshot } from '@campaign/contracts';
import { Principal } from '@campaign/auth';
import { eventually, startTestService, testServiceEnv, testToken } from '@campaign/testing';
import { ORG_MEMBER, ORG_UNIT } from '@campaign/org-read-model';
import { AppModule } from '../src/app.module';
import { Clock } from '../src/clock/clock';
import { DirectoryMember } from '../src/directory/member.schema';
import { DirectoryUnit } from '../src/directory/unit.schema';

/** Publishes other services' events on the real broker, as their producers would. */
export class EventFeed {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
  ) {}

  static async connect(): Promise<EventFeed> {
    const nc = await connect({ servers: process.env.TEST_NATS_URL });
    return new EventFeed(nc, jetstream(nc));
  }

  async emit<P>(definition: EventDefinition<P>, payload: P, district: string, options: { occurredAt?: Date } = {}): Promise<EventEnvelope<P>> {
    const envelope = createEnvelope(definition, payload, { district, source: 'test', occurredAt: options.occurredAt });
    await this.publish(envelope);
    return envelope;
  }

  /** `msgId` other than the event id: a republish JetStream's de-duplication window does not catch. */
  async publish(envelope: EventEnvelope<unknown>, msgId = envelope.eventId): Promise<void> {
    await this.js.publish(`${envelope.type}.v${envelope.schemaVersion}`, JSON.stringify(envelope), { msgID: msgId });
  }

  /** Every event this service published on a subject so far, read back from its stream. */
  async published(stream: string, subject: string): Promise<EventEnvelope<unknown>[]> {
    const consumer = await this.js.consumers.get(stream, { filter_subjects: subject });
    const envelopes: EventEnvelope<unknown>[] = [];
    const messages = await consumer.fetch({ max_messages: 1000, expires: 1000 });
    for await (const message of messages) {
      envelopes.push(message.json<EventEnvelope<unknown>>());
      if (message.info.pending === 0) break;
    }
    return envelopes;
  }

  close(): Promise<void> {
    return this.nc.drain();
  }
}

export function startNotifications(database: string, overrides: Record<string, string>): Promise<INestApplication> {
  return startTestService(
    AppModule,
    testServiceEnv(database, {
      SCHEDULER_POLL_MS: '100',
      DELIVERY_BACKOFF_MS: '100',
      DELIVERY_MAX_ATTEMPTS: '3',
      SCHEDULER_LEASE_MS: '3000',
      CONSUMER_MAX_DELIVER: '5',
      ...overrides,
    }),
  );
}

/** Moves the app's "now" to `instant`; time keeps flowing from there. */
export function setNow(app: INestApplication, instant: Date): void {
  const offset = instant.getTime() - Date.now();
  jest.spyOn(app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + offset));
}

export function model<T>(app: INestApplication, name: string): Model<T> {
  return app.get<Model<T>>(getModelToken(name));
}

export const ROOT = 'u-district';
export const BUREAU = 'u-edu';
export const SCHOOL = 'u-school-1';

const units: UnitSnapshot[] = [
  { unitId: ROOT, name: '区委', kind: 'district-committee', parentId: null, path: [ROOT], systemIds: [], status: 'active', revision: 1 },
  { unitId: BUREAU, name: '区教育局', kind: 'district-organ', parentId: ROOT, path: [ROOT, BUREAU], systemIds: [], status: 'active', revision: 1 },
  { unitId: SCHOOL, name: '城北小学党支部', kind: 'party-branch', parentId: BUREAU, path: [ROOT, BUREAU, SCHOOL], systemIds: [], status: 'active', revision: 1 },
];

export function memberSnapshot(
  district: string,
  memberId: string,
  name: string,
  unitPath: string[],
  posts: string[] = [],
  revision = 1,
  roles: MemberRoleInUnit[] = [],
): MemberSnapshot {
  return {
    memberId,
    name,
    unitId: unitPath[unitPath.length - 1],
    unitPath,
    posts,
    isLeader: roles.length > 0,
    isKeyPost: false,
    status: 'active',
    contacts: { email: `${memberId}@${district}.example.org` },
    roles,
    revision,
  };
}

/**
 * The district's organisation, as org-registry announces it: 区委 > 区教育局 > 城北小学党支部, four members with the
 * roles org-registry resolved: the branch's 支部书记 is its secretary and unit admin, the 组织部长 the district's.
 */
export async function seedOrganisation(feed: EventFeed, app: INestApplication, district: string): Promise<void> {
  for (const unit of units) await feed.emit(UnitCreated, { unit }, district);
  const members = [
    memberSnapshot(district, 'm-teacher', '王芳', [ROOT, BUREAU, SCHOOL], ['党员']),
    memberSnapshot(district, 'm-secretary', '李强', [ROOT, BUREAU, SCHOOL], ['支部书记'], 1, [
      { role: 'secretary', unitId: SCHOOL },
      { role: 'unit-admin', unitId: SCHOOL },
    ]),
    memberSnapshot(district, 'm-bureau', '赵敏', [ROOT, BUREAU], ['党员']),
    memberSnapshot(district, 'm-head', '陈刚', [ROOT], ['组织部长'], 1, [
      { role: 'organiser', unitId: ROOT },
      { role: 'unit-admin', unitId: ROOT },
    ]),
  ];
  for (const member of members) await feed.emit(MemberEnrolled, { member }, district);
  const directory = model<DirectoryMember>(app, ORG_MEMBER);
  const directoryUnits = model<DirectoryUnit>(app, ORG_UNIT);
  await eventually(async () => {
    expect(await directory.countDocuments({ district })).toBe(members.length);
    expect(await directoryUnits.countDocuments({ district })).toBe(units.length);
  });
}

export function tokenFor(district: string, roles: Principal['roles'], memberId?: string): Promise<string> {
  return testToken({ sub: memberId ?? `user-${roles[0]}`, district, roles, units: [], ...(memberId ? { memberId } : {}) });
}

export function mailOf(district: string, memberId: string): string {
  return `${memberId}@${district}.example.org`;
}
