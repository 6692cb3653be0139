import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import mongoose, { AnyBulkWriteOperation, Connection, Model, MongooseBulkWriteOptions } from 'mongoose';
import { EventEnvelope, PayloadOf, ScoreChanged } from '@campaign/contracts';
import { EventPublisher, OutboxFields, OutboxRelay } from '@campaign/messaging';
import { MetricsService } from '@campaign/service-kit';
import { uniqueDatabase } from '@campaign/testing';
import { LEDGER_LINE, LedgerLine, ledgerLineSchema } from '../ledger/ledger-line.schema';
import { SCORE_ANNOUNCEMENT, ScoreAnnouncement, scoreAnnouncementSchema } from './score-announcement.schema';
import { ScoreAnnouncements } from './score-announcements';
import { STANDING, Standing, standingSchema } from './standing.schema';
import { StandingsLock } from './standings-lock';
import { StandingsService } from './standings.service';

interface Replica {
  connection: Connection;
  lines: Model<LedgerLine>;
  standings: Model<Standing>;
  announcements: Model<ScoreAnnouncement>;
  service: StandingsService;
}

/** Envelopes are made as in the service; publishing is the relay's, which these replicas leave to the outbox. */
const publisher = new EventPublisher(null as never, 'assessment-scoring', new MetricsService());
const relay = { kick: () => undefined, publishNow: async () => undefined } as unknown as OutboxRelay;

const database = uniqueDatabase('standings');
const url = (() => {
  const base = new URL(process.env.TEST_MONGO_BASE_URL as string);
  base.pathname = `/${database}`;
  return base.toString();
})();
const replicas: Replica[] = [];

/** A replica of assessment-scoring as far as standings go: its own connection (as its own process has) and lock identity. */
async function replica(
  leaseMs: number,
  wrapStandings: (model: Model<Standing>) => Model<Standing> = (model) => model,
  wrapLines: (model: Model<LedgerLine>) => Model<LedgerLine> = (model) => model,
): Promise<Replica> {
  const connection = await mongoose.createConnection(url).asPromise();
  const standings = connection.model<Standing>(STANDING, standingSchema);
  const lines = connection.model<LedgerLine>(LEDGER_LINE, ledgerLineSchema);
  const announcements = connection.model<ScoreAnnouncement>(SCORE_ANNOUNCEMENT, scoreAnnouncementSchema);
  await Promise.all([standings.init(), lines.init(), announcements.init()]);
  const announcer = new ScoreAnnouncements(announcements, publisher, relay);
  const service = new StandingsService(wrapStandings(standings), wrapLines(lines), announcer, connection, new ConfigService({ STANDINGS_LOCK_LEASE_MS: leaseMs, SCORING_UTC_OFFSET_MINUTES: 480 }));
  const created = { connection, lines, standings, announcements, service };
  replicas.push(created);
  return created;
}

/** Member `member-<i mod 6>` of `unit-<i mod 2>`, the attribution of the i-th line unless a test says otherwise. */
const sixMembersOfTwoUnits = (index: number) => ({ subjectId: `member-${index % 6}`, unitId: `unit-${index % 2}` });

/** Lines of one campaign for a few members of two units, as the scoring engine makes them (not in the ledger yet). */
function drafts(
  lines: Model<LedgerLine>,
  district: string,
  campaignId: string,
  count: number,
  attribution: (index: number) => { subjectId: string; unitId: string } = sixMembersOfTwoUnits,
): LedgerLine[] {
  return Array.from({ length: count }, (_, index) => ({
    district,
    campaignId,
    sourceEventId: randomUUID(),
    ruleKey: 'meetings@v1',
    ruleId: 'meetings',
    kind: 'rule',
    schemeVersion: 1,
    indicatorId: 'study',
    subjectType: 'member',
    ...attribution(index),
    systemIds: [],
    points: index % 5 === 0 ? -1 : 1.5,
    explanation: 'present at special-meeting',
    occurredAt: new Date('2026-11-25T02:00:00Z'),
    recordedAt: new Date('2026-11-25T02:00:00Z'),
    day: '2026-11-25',
    week: index % 3 === 0 ? '2026-W47' : '2026-W48',
    month: '2026-11',
    year: '2026',
  })).map((draft) => new lines(draft).toObject() as LedgerLine);
}

/** The same lines inserted in the ledger as a crash or a failure leaves them: not applied yet. */
async function ledger(lines: Model<LedgerLine>, district: string, campaignId: string, count: number, attribution?: (index: number) => { subjectId: string; unitId: string }): Promise<LedgerLine[]> {
  return (await lines.insertMany(drafts(lines, district, campaignId, count, attribution))).map((line) => line.toObject() as LedgerLine);
}

async function districtTotal(service: StandingsService, district: string, campaignId: string): Promise<{ points: number; lines: number }> {
  const standing = await service.find(district, campaignId, 'campaign', 'district', district);
  return { points: standing?.points ?? 0, lines: standing?.lines ?? 0 };
}

const sum = (lines: LedgerLine[]) => lines.reduce((total, line) => total + line.points, 0);

/** A replica whose first standings write stores half of its operations, then fails as a lost store would. */
async function failingHalfway(): Promise<Replica> {
  let failed = false;
  return replica(5_000, (model) =>
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
}

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
    const failing = await failingHalfway();
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

describe('new lines appended and applied in one hold', () => {
  it('inserts them applied and counts each once when two replicas take turns, the same lines appended again included', async () => {
    const [first, second] = [await replica(5_000), await replica(5_000)];
    const district = `d-${randomUUID().slice(0, 8)}`;
    const campaignId = randomUUID();
    const batches = Array.from({ length: 12 }, () => drafts(first.lines, district, campaignId, 7));
    // Each replica's second hold follows the other's: what it knew of the standings from its first is stale by then.
    for (const [index, batch] of batches.entries()) expect(await (index % 3 === 2 ? first : second).service.append(batch)).toHaveLength(batch.length);
    const redelivered = batches[4].map((line) => ({ ...line, _id: new mongoose.Types.ObjectId() }));
    expect(await first.service.append(redelivered)).toEqual([]);

    const all = batches.flat();
    expect(await districtTotal(first.service, district, campaignId)).toEqual({ points: sum(all), lines: all.length });
    expect(await first.lines.countDocuments({ district, campaignId, applied: false })).toBe(0);
    expect(await first.lines.countDocuments({ district, campaignId })).toBe(all.length);
    expect((await second.service.reconcile(district, campaignId, false)).drift).toEqual([]);
    // What live views are told is the standing's new total, whichever replica wrote last.
    const [latest] = (await announced(first, district, campaignId)).filter((event) => event.payload.subjectId === 'member-0').slice(-1);
    expect(latest.payload.standings).toContainEqual(expect.objectContaining({ scope: 'member', period: 'campaign', points: sum(all.filter((line) => line.subjectId === 'member-0')) }));
  });

  it('redoes, exactly once, an append whose holder failed after inserting its lines and writing half of the standings', async () => {
    const failing = await failingHalfway();
    const healthy = await replica(5_000);
    const district = `d-${randomUUID().slice(0, 8)}`;
    const campaignId = randomUUID();
    const lines = drafts(failing.lines, district, campaignId, 40);
    await expect(failing.service.append(lines)).rejects.toThrow('the store went away');
    expect(await failing.lines.countDocuments({ district, campaignId })).toBe(lines.length);
    expect((await failing.service.reconcile(district, campaignId, false)).drift.length).toBeGreaterThan(0);

    const more = drafts(healthy.lines, district, campaignId, 10);
    expect(await healthy.service.append(more)).toHaveLength(more.length);
    expect(await districtTotal(healthy.service, district, campaignId)).toEqual({ points: sum([...lines, ...more]), lines: lines.length + more.length });
    expect((await healthy.service.reconcile(district, campaignId, false)).drift).toEqual([]);
  });

  it('reads again what a transfer moved since its last append, so a late line of the old unit does not take the member back', async () => {
    const writer = await replica(5_000);
    const district = `d-${randomUUID().slice(0, 8)}`;
    const campaignId = randomUUID();
    await writer.service.append(drafts(writer.lines, district, campaignId, 12));
    await writer.service.relistMember(district, 'member-0', '2026-11-26', { unitId: 'unit-1' });
    await writer.service.append(drafts(writer.lines, district, campaignId, 1, () => ({ subjectId: 'member-0', unitId: 'unit-0' })));

    expect((await writer.service.find(district, campaignId, 'campaign', 'member', 'member-0'))?.unitId).toBe('unit-1');
    expect((await writer.service.reconcile(district, campaignId, false)).drift).toEqual([]);
  });
});

/** Lines whose insert takes a while: appends made meanwhile queue behind the hold inserting them, as under load. */
const slowInserts = (model: Model<LedgerLine>) =>
  new Proxy(model, {
    get(target, property, receiver) {
      if (property !== 'insertMany') return Reflect.get(target, property, receiver);
      return async (...args: Parameters<Model<LedgerLine>['insertMany']>) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return target.insertMany(...args);
      };
    },
  });

/** Appends of a consumer's group commit, the second and third made while the first one's hold is under way. */
async function appendedWhileBusy(writer: Replica, district: string, campaignId: string): Promise<LedgerLine[]> {
  const batches = [drafts(writer.lines, district, campaignId, 30), drafts(writer.lines, district, campaignId, 30), drafts(writer.lines, district, campaignId, 30)];
  const first = writer.service.append(batches[0], { deferrable: true });
  await new Promise((resolve) => setTimeout(resolve, 150));
  const rest = batches.slice(1).map((batch) => writer.service.append(batch, { deferrable: true }));
  await Promise.allSettled([first, ...rest]);
  return batches.flat();
}

/** Generations of the campaign's lock released still owing work (member standings left for a later hold). */
async function releasedOwing(writer: Replica, district: string, campaignId: string): Promise<number> {
  const generations = await writer.connection.collection<{ releasedAt: Date | null; work: unknown[] }>('standings_locks').find({ lock: `${district}|${campaignId}` }).toArray();
  return generations.filter((generation) => generation.releasedAt && generation.work.length > 0).length;
}

describe('member standings left owing while lines keep coming', () => {
  it('writes them in the first hold after the lines stop, each line counted once', async () => {
    const writer = await replica(5_000, (model) => model, slowInserts);
    const district = `d-${randomUUID().slice(0, 8)}`;
    const campaignId = randomUUID();

    const all = await appendedWhileBusy(writer, district, campaignId);

    expect(await releasedOwing(writer, district, campaignId)).toBeGreaterThan(0);
    expect(await districtTotal(writer.service, district, campaignId)).toEqual({ points: sum(all), lines: all.length });
    expect((await writer.service.reconcile(district, campaignId, false)).drift).toEqual([]);
    const memberZero = all.filter((line) => line.subjectId === 'member-0');
    expect(await writer.service.find(district, campaignId, 'campaign', 'member', 'member-0')).toMatchObject({ points: sum(memberZero), lines: memberZero.length });
  });

  it('leaves what a replica owed when it failed to another, which writes it once from the ledger', async () => {
    let writes = 0;
    const failing = await replica(
      5_000,
      (model) =>
        new Proxy(model, {
          get(target, property, receiver) {
            if (property !== 'bulkWrite') return Reflect.get(target, property, receiver);
            // The first hold writes what it does not owe; the second, writing what the first owed, fails halfway.
            return async (operations: AnyBulkWriteOperation<Standing>[], options: MongooseBulkWriteOptions) => {
              writes += 1;
              if (writes === 1) return target.bulkWrite(operations, options);
              await target.bulkWrite(operations.slice(0, Math.ceil(operations.length / 2)), options);
              throw new Error('the store went away in the middle of a write');
            };
          },
        }),
      slowInserts,
    );
    const healthy = await replica(5_000);
    const district = `d-${randomUUID().slice(0, 8)}`;
    const campaignId = randomUUID();

    const owed = await appendedWhileBusy(failing, district, campaignId);
    expect((await failing.service.reconcile(district, campaignId, false)).drift.length).toBeGreaterThan(0);

    const more = drafts(healthy.lines, district, campaignId, 10);
    expect(await healthy.service.append(more)).toHaveLength(more.length);
    expect(await districtTotal(healthy.service, district, campaignId)).toEqual({ points: sum([...owed, ...more]), lines: owed.length + more.length });
    expect((await healthy.service.reconcile(district, campaignId, false)).drift).toEqual([]);
  });
});

type ScoreChangedEnvelope = EventEnvelope<PayloadOf<typeof ScoreChanged>>;

/** The `scoring.score.changed` events waiting in the campaign's outbox. */
async function announced(replica: Replica, district: string, campaignId: string): Promise<ScoreChangedEnvelope[]> {
  const batches = await replica.announcements.find({ district, campaignId }).sort({ generation: 1 }).select('+_outbox').lean<Array<ScoreAnnouncement & OutboxFields>>();
  return batches.flatMap((batch) => batch._outbox.map((pending) => JSON.parse(pending.envelope) as ScoreChangedEnvelope));
}

describe('scoring.score.changed', () => {
  it('announces each member and unit once per applied batch with new points and deltas, a redone batch included', async () => {
    const failing = await failingHalfway();
    const healthy = await replica(5_000);
    const district = `d-${randomUUID().slice(0, 8)}`;
    const campaignId = randomUUID();
    const lines = await ledger(failing.lines, district, campaignId, 12);
    await expect(failing.service.apply(lines)).rejects.toThrow('the store went away');
    expect(await announced(healthy, district, campaignId)).toEqual([]);
    await healthy.service.apply(lines);

    const first = await announced(healthy, district, campaignId);
    expect(first.map((event) => [event.type, event.schemaVersion, event.district])).toEqual(Array(first.length).fill(['scoring.score.changed', 2, district]));
    const subjects = first.map((event) => `${event.payload.subjectType}:${event.payload.subjectId}`);
    expect(subjects).toEqual(['member:member-0', 'member:member-1', 'member:member-2', 'member:member-3', 'member:member-4', 'member:member-5', 'unit:unit-0', 'unit:unit-1']);
    const member0 = first[0].payload;
    const ofMember0 = lines.filter((line) => line.subjectId === 'member-0');
    expect(member0).toEqual(
      expect.objectContaining({ campaignId, unitId: 'unit-0', lines: ofMember0.length, sourceEventIds: ofMember0.map((line) => line.sourceEventId).sort() }),
    );
    // Lines 0 and 6 of member-0: -1 and +1.5, both in W47.
    expect(member0.standings).toEqual([
      { scope: 'member', period: 'campaign', points: 0.5, delta: 0.5 },
      { scope: 'member', period: '2026-11', points: 0.5, delta: 0.5 },
      { scope: 'member', period: '2026-W47', points: 0.5, delta: 0.5 },
    ]);
    const unit0 = first.find((event) => event.payload.subjectId === 'unit-0')?.payload;
    expect(unit0?.standings).toContainEqual({ scope: 'unit-members', period: 'campaign', points: sum(lines.filter((line) => line.unitId === 'unit-0')), delta: sum(lines.filter((line) => line.unitId === 'unit-0')) });

    // The next batch reports the new totals and only its own change.
    const next = await ledger(healthy.lines, district, campaignId, 1, () => ({ subjectId: 'member-0', unitId: 'unit-0' }));
    await healthy.service.apply(next);
    const second = (await announced(healthy, district, campaignId)).slice(first.length);
    expect(second.map((event) => `${event.payload.subjectType}:${event.payload.subjectId}`)).toEqual(['member:member-0', 'unit:unit-0']);
    expect(second[0].payload.standings).toContainEqual({ scope: 'member', period: 'campaign', points: -0.5, delta: -1 });
  });
});

describe('member standings listed under their unit', () => {
  /** The members a unit's ranking lists: its member standings of the period, found by the ranking index's equalities. */
  const listed = async (replica: Replica, district: string, campaignId: string, unitId: string) =>
    (await replica.standings.find({ district, campaignId, period: 'campaign', scope: 'member', unitId }).lean()).sort((a, b) => b.points - a.points || (a.subjectId < b.subjectId ? -1 : 1)).map((standing) => standing.subjectId);

  it('lists each member under the unit of its latest line, the unit-members total staying with the old unit', async () => {
    const writer = await replica(5_000);
    const district = `d-${randomUUID().slice(0, 8)}`;
    const campaignId = randomUUID();
    await writer.service.apply(await ledger(writer.lines, district, campaignId, 12));
    expect(await listed(writer, district, campaignId, 'unit-0')).toEqual(['member-2', 'member-0', 'member-4']);

    // member-0 transfers to unit-1; a replica fails halfway through writing its line, another redoes the work.
    const failing = await failingHalfway();
    const transfer = await ledger(writer.lines, district, campaignId, 1, () => ({ subjectId: 'member-0', unitId: 'unit-1' }));
    await expect(failing.service.apply(transfer)).rejects.toThrow('the store went away');
    await writer.service.apply(transfer);
    expect(await listed(writer, district, campaignId, 'unit-0')).toEqual(['member-2', 'member-4']);
    expect(await listed(writer, district, campaignId, 'unit-1')).toEqual(['member-1', 'member-3', 'member-5', 'member-0']);
    expect((await writer.service.find(district, campaignId, 'campaign', 'unit-members', 'unit-0'))?.points).toBe(3 + 0.5 + 0.5);
    expect((await writer.service.reconcile(district, campaignId, false)).drift).toEqual([]);
  });

  it('moves a transferred member’s standings of the periods from the transfer on, and takes a leaver’s off, leaving past periods', async () => {
    const writer = await replica(5_000);
    const district = `d-${randomUUID().slice(0, 8)}`;
    const campaignId = randomUUID();
    // Two W47 lines of member-0 in unit-0 (happened 2026-11-25 10:00 local; W47 only by their week key), then a transfer from the 26th.
    await writer.service.apply(await ledger(writer.lines, district, campaignId, 12));
    const unitOf = async (period: string) => (await writer.service.find(district, campaignId, period, 'member', 'member-0'))?.unitId;
    await writer.service.relistMember(district, 'member-0', '2026-11-26', { unitId: 'unit-1' });
    expect([await unitOf('campaign'), await unitOf('2026-11'), await unitOf('2026-W47')]).toEqual(['unit-1', 'unit-1', 'unit-0']);
    await writer.service.relistMember(district, 'member-0', '2026-11-26', { unitId: 'unit-1' });
    expect(await listed(writer, district, campaignId, 'unit-1')).toContain('member-0');

    // A late entry of an activity before the transfer, in the old unit, does not take the member back there.
    await writer.service.apply(await ledger(writer.lines, district, campaignId, 1, () => ({ subjectId: 'member-0', unitId: 'unit-0' })));
    expect(await unitOf('campaign')).toBe('unit-1');
    expect((await writer.service.reconcile(district, campaignId, false)).drift).toEqual([]);

    await writer.service.relistMember(district, 'member-1', '2026-11-30', { leftOn: '2026-11-30' });
    const member1 = async (period: string) => (await writer.service.find(district, campaignId, period, 'member', 'member-1'))?.leftOn;
    expect([await member1('campaign'), await member1('2026-11'), await member1('2026-W48')]).toEqual(['2026-11-30', '2026-11-30', null]);
  });

  it('heals drifted and lost standings by their _id', async () => {
    const writer = await replica(5_000);
    const district = `d-${randomUUID().slice(0, 8)}`;
    const campaignId = randomUUID();
    await writer.service.apply(await ledger(writer.lines, district, campaignId, 30));
    const teacher = await writer.service.find(district, campaignId, 'campaign', 'member', 'member-1');
    expect(teacher).toEqual(expect.objectContaining({ district, campaignId, unitId: 'unit-1' }));
    expect(await writer.service.find(`d-${randomUUID().slice(0, 8)}`, campaignId, 'campaign', 'member', 'member-1')).toBeNull();
    await writer.standings.updateOne({ district, _id: teacher?._id }, { $inc: { points: 7 } });
    await writer.standings.deleteOne({ district, campaignId, period: 'campaign', scope: 'member', subjectId: 'member-2' });
    const count = await writer.standings.countDocuments({ district, campaignId });

    const report = await writer.service.reconcile(district, campaignId, true);
    expect(report.drift.map((entry) => [entry.scope, entry.subjectId, entry.period])).toEqual(
      expect.arrayContaining([
        ['member', 'member-1', 'campaign'],
        ['member', 'member-2', 'campaign'],
      ]),
    );
    expect(report.healed).toBe(true);
    expect(await writer.standings.countDocuments({ district, campaignId })).toBe(count + 1);
    expect(await writer.service.find(district, campaignId, 'campaign', 'member', 'member-2')).toEqual(expect.objectContaining({ district, campaignId, unitId: 'unit-0' }));
    expect((await writer.service.reconcile(district, campaignId, false)).drift).toEqual([]);
    expect(await listed(writer, district, campaignId, 'unit-0')).toContain('member-2');
  });
});
