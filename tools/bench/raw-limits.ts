import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import mongoose from 'mongoose';
import { createEnvelope, AttendanceRecorded } from '@campaign/contracts';

export interface Throughput {
  count: number;
  seconds: number;
  perSecond: number;
}

function attendancePayload(index: number) {
  const now = new Date().toISOString();
  return {
    attendanceId: `att-${index}`,
    activityId: 'act-bench',
    campaignId: 'camp-bench',
    activityKind: 'collective-study' as const,
    organiserUnitId: 'u-edu',
    memberId: `m-${index}`,
    memberUnitId: 'u-school-1',
    status: 'present' as const,
    activityAt: now,
    recordedAt: now,
    source: 'bulk' as const,
    revision: 1,
  };
}

/** JetStream publish with acks, pipelined in windows, each message with a message id as our publisher does. */
export async function measureJetStreamPublish(natsUrl: string, count: number, window = 1_000): Promise<Throughput> {
  const nc = await connect({ servers: natsUrl });
  const jsm = await jetstreamManager(nc);
  const stream = `BENCH_${randomUUID().slice(0, 8)}`;
  await jsm.streams.add({ name: stream, subjects: [`${stream.toLowerCase()}.>`] });
  const js = jetstream(nc);
  const body = JSON.stringify(createEnvelope(AttendanceRecorded, attendancePayload(0), { district: 'd-bench', source: 'bench' }));
  const started = performance.now();
  for (let offset = 0; offset < count; offset += window) {
    const size = Math.min(window, count - offset);
    await Promise.all(
      Array.from({ length: size }, (_, i) => js.publish(`${stream.toLowerCase()}.attendance`, body, { msgID: `b-${offset + i}` })),
    );
  }
  const seconds = (performance.now() - started) / 1_000;
  await jsm.streams.delete(stream);
  await nc.close();
  return { count, seconds, perSecond: count / seconds };
}

/** The store's bulk insert: unordered insertMany in batches of 1,000 attendance-shaped documents. */
export async function measureStoreBulkInsert(mongoUrl: string, count: number, batch = 1_000): Promise<Throughput> {
  const connection = await mongoose.createConnection(mongoUrl, { retryWrites: false }).asPromise();
  const collection = connection.collection(`bench_${randomUUID().slice(0, 8)}`);
  const started = performance.now();
  for (let offset = 0; offset < count; offset += batch) {
    const size = Math.min(batch, count - offset);
    await collection.insertMany(
      Array.from({ length: size }, (_, i) => ({ district: 'd-bench', ...attendancePayload(offset + i) })),
      { ordered: false },
    );
  }
  const seconds = (performance.now() - started) / 1_000;
  await collection.drop();
  await connection.close();
  return { count, seconds, perSecond: count / seconds };
}
