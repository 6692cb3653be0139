import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import mongoose, { AnyBulkWriteOperation, Connection, Model, MongooseBulkWriteOptions } from 'mongoose';
import { uniqueDatabase } from '@campaign/testing';
import { LedgerLine, LedgerLineSchema } from '../ledger/ledger-line.schema';
import { Standing, StandingSchema } from './standing.schema';
import { StandingsLock } from './standings-lock';
import { StandingsService } from './standings.service';

interface Replica {
  connection: Connection;
  lines: Model<LedgerLine>;
  standings: Model<Standing>;
  service: StandingsService;
}

const database = uniqueDatabase('standings');
const url = (() => {
  const base = new URL(process.env.TEST_MONGO_BASE_URL as string);
  base.pathname = `/${database}`;
  return base.toString();
})();
const replicas: Replica[] = [];

/** A replica of assessment-scoring as far as standings go: its own connection (as its own process has) and lock identity. */
async function replica(leaseMs: number, wrapStandings: (model: Model<Standing>) => Model<Standing> = (model) => model): Promise<Replica> {
  const connection = await mongoose.createConnection(url).asPromise();
  const standings = connection.model<Standing>('Standing', StandingSchema);
  const lines = connection.model<LedgerLine>('LedgerLine', LedgerLineSchema);
  await Promise.all([standings.init(), lines.init()]);
  const service = new StandingsService(wrapStandings(standings), lines, connection, new ConfigService({ STANDINGS_LOCK_LEASE_MS: leaseMs }));
  const created = { connection, lines, standings, service };
  replicas.push(created);
  return created;
}

/** Lines of one campaign for a few members of two units, as the scoring pipeline writes them (not applied yet). */
async function ledger(lines: Model<LedgerLine>, district: string, campaignId: string, count: number): Promise<LedgerLine[]> {
  const drafts = Array.from({ length: count }, (_, index) => ({
    district,
    campaignId,
    sourceEventId: randomUUID(),
    ruleKey: 'meetings@v1',
    ruleId: 'meetings',
    kind: 'rule',
    schemeVersion: 1,
    indicatorId: 'study',
    subjectType: 'member',
    subjectId: `member-${index % 6}`,
    unitId: `unit-${index % 2}`,
    systemIds: [],
    points: index % 5 === 0 ? -1 : 1.5,
    explanation: 'present at special-meeting',
    occurredAt: new Date('2026-11-25T02:00:00Z'),
    day: '2026-11-25',
    week: index % 3 === 0 ? '2026-W47' : '2026-W48',
    month: '2026-11',
    year: '2026',
  }));
  return (await lines.insertMany(drafts)).map((line) => line.toObject() as LedgerLine);
}

async function districtTotal(service: StandingsService, district: string, campaignId: string): Promise<{ points: number; lines: number }> {
  const standing = await service.find(district, campaignId, 'campaign', 'district', district);
  return { points: standing?.points ?? 0, lines: standing?.lines ?? 0 };
}

const sum = (lines: LedgerLine[]) => lines.reduce((total, line) => total + line.points, 0);

afterAll(async () => {
  await Promise.all(replicas.map((created) => created.connection.close(true)));
});

describe('standings written by several replicas on one store', () => {
  it('gives one hold at a time across connections', async () => {
    const [first, second] = [await replica(5_000), await replica(5_000)];
    const locks = [new StandingsLock(first.connection, 5_000), new StandingsLock(second.connection, 5_000)];
    const counter = first.connection.collection<{ _id: string; value: number }>('lock_counter');
    await counter.insertOne({ _id: 'counter', value: 0 });
    // A read-modify-write that loses updates unless the holds exclude each other.
    const increment = (lock: StandingsLock) =>
      lock.run('district|campaign-counter', async () => {
        const current = await counter.findOne({ _id: 'counter' });
        await new Promise((resolve) => setTimeout(resolve, 5));
        await counter.updateOne({ _id: 'counter' }, { $set: { value: (current?.value ?? 0) + 1 } });
      });
    await Promise.all(Array.from({ length: 30 }, (_, index) => increment(locks[index % 2])));
    expect((await counter.findOne({ _id: 'counter' }))?.value).toBe(30);
  });

  it('applies each line once when two replicas apply the same lines at the same time', async () => {
    const [first, second] = [await replica(5_000), await replica(5_000)];
    const district = `d-${randomUUID().slice(0, 8)}`;
    const campaignId = randomUUID();
    const lines = await ledger(first.lines, district, campaignId, 90);
    const byBoth = lines.flatMap((line, index) => [first.service.apply([line]), (index % 2 ? second : first).service.apply([line]), second.service.apply([line])]);
    const applied = (await Promise.all(byBoth)).reduce((total, count) => total + count, 0);
    expect(applied).toBe(lines.length);
    expect(await districtTotal(first.service, district, campaignId)).toEqual({ points: sum(lines), lines: lines.length });
    expect((await first.service.reconcile(district, campaignId, false)).drift).toEqual([]);
  });

  it('finishes, exactly once, the work of a replica that failed halfway through writing the standings', async () => {
    let failed = false;
    const failing = await replica(5_000, (model) =>
      new Proxy(model, {
        get(target, property, receiver) {
          if (property !== 'bulkWrite' || failed) return Reflect.get(target, property, receiver);
          return async (operations: AnyBulkWriteOperation<Standing>[], options: MongooseBulkWriteOptions) => {
            failed = true;
            await target.bulkWrite(operations.slice(0, Math.ceil(operations.length / 2)), options);
            throw new Error('the store went away in the middle of a write');
          };
        },
      }),
    );
    const healthy = await replica(5_000);
    const district = `d-${randomUUID().slice(0, 8)}`;
    const campaignId = randomUUID();
    const lines = await ledger(failing.lines, district, campaignId, 40);
    await expect(failing.service.apply(lines)).rejects.toThrow('the store went away');
    expect((await failing.service.reconcile(district, campaignId, false)).drift.length).toBeGreaterThan(0);

    const more = await ledger(healthy.lines, district, campaignId, 10);
    expect(await healthy.service.apply([...lines, ...more])).toBe(more.length);
    expect(await districtTotal(healthy.service, district, campaignId)).toEqual({ points: sum([...lines, ...more]), lines: lines.length + more.length });
    expect((await healthy.service.reconcile(district, campaignId, false)).drift).toEqual([]);
  });

  it('takes over, after its lease, the hold of a replica that stopped in the middle of writing, and finishes its work once', async () => {
    const leaseMs = 1_000;
    let halfWritten!: () => void;
    const stoppedHalfway = new Promise<void>((resolve) => (halfWritten = resolve));
    const stopped = await replica(leaseMs, (model) =>
      new Proxy(model, {
        get(target, property, receiver) {
          if (property !== 'bulkWrite') return Reflect.get(target, property, receiver);
          // Writes half, then never answers again: a process killed mid-write holds its lock until the lease runs out.
          return async (operations: AnyBulkWriteOperation<Standing>[], options: MongooseBulkWriteOptions) => {
            await target.bulkWrite(operations.slice(0, Math.ceil(operations.length / 2)), options);
            halfWritten();
            return new Promise(() => undefined);
          };
        },
      }),
    );
    const survivor = await replica(leaseMs);
    const district = `d-${randomUUID().slice(0, 8)}`;
    const campaignId = randomUUID();
    const lines = await ledger(stopped.lines, district, campaignId, 40);
    void stopped.service.apply(lines);
    await stoppedHalfway;

    const more = await ledger(survivor.lines, district, campaignId, 10);
    await survivor.service.apply(more);
    expect(await districtTotal(survivor.service, district, campaignId)).toEqual({ points: sum([...lines, ...more]), lines: lines.length + more.length });
    expect((await survivor.service.reconcile(district, campaignId, false)).drift).toEqual([]);
  });
});
