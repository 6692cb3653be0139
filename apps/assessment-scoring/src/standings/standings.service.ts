import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Connection, FilterQuery, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { standingId } from '@campaign/contracts';
import { acrossDistricts, bulkWriteSafely, byDistrictKey, insertNew } from '@campaign/persistence';
import { LEDGER_LINE, LedgerLine } from '../ledger/ledger-line.schema';
import { periodReaches } from '../rules/periods';
import { round2 } from '../rules/rule-engine';
import { ScoreAnnouncements } from './score-announcements';
import { scoreChanges, StandingChange, standingsSetWithoutLines } from './score-changes';
import { Standing, STANDING } from './standing.schema';
import { StandingsHold, StandingsLock, StandingsWork } from './standings-lock';
import { standingKey, StandingScope, StandingTarget, totalsFromLedger } from './standing-targets';

export interface Drift {
  period: string;
  scope: string;
  subjectId: string;
  standing: number;
  ledger: number;
  difference: number;
}

export interface ReconciliationReport {
  campaignId: string;
  checked: number;
  drift: Drift[];
  healed: boolean;
}

const TOLERANCE = 0.005;
/** Single-document commands in flight at once: concurrent, without taking every connection of the pool. */
const CONCURRENT_COMMANDS = 20;
/** Lines marked applied by one command: an append's lines are marked by several side by side. */
const LINES_MARKED_PER_COMMAND = 32;
/** Every write of standings is made in a hold of the campaign's lock: no other writer can touch them meanwhile. */
const SERIALISED_BY_HOLD = { ordered: false, writersSerialised: true };
/** Lines one hold applies at most; what is queued beyond waits for the next hold. */
const MAX_LINES_PER_HOLD = 5_000;
/** Holds in a row that may leave their member standings to a later one while lines keep coming. */
const MAX_HOLDS_OWING = 4;

interface Waiting {
  /** New lines, inserted in the hold (`fresh`), or lines already in the ledger that are still to be applied. */
  fresh: boolean;
  /** Its caller does not read the member standings back (a consumer's group commit): the hold may leave them owing. */
  deferrable: boolean;
  lines: LedgerLine[];
  resolve: (applied: LedgerLine[]) => void;
  reject: (error: unknown) => void;
}

/** What a standings write needs to know of a standing it adds to. */
type KnownStanding = Pick<Standing, 'points' | 'lines' | 'unitId' | 'unitSince' | 'appliedGeneration'>;

/** A campaign's standings as this process last wrote or read them, true while no other hold of the campaign came between. */
interface KnownStandings {
  /** The hold after which they were known; 0 while a hold uses them (a failed hold leaves them untrusted). */
  generation: number;
  standings: Map<string, KnownStanding>;
  /** Member standings known here ahead of the store, with what locates them: the next hold that does not defer writes them. */
  unwritten: Map<string, StandingTarget>;
  /** The work of the holds whose member standings are unwritten, released as owed: a successor redoes it from the ledger. */
  owed: StandingsWork[];
}

function sameWork(left: readonly StandingsWork[], right: readonly StandingsWork[]): boolean {
  const key = (work: StandingsWork) => `${work.generation}|${work.append ?? ''}|${work.lineIds.map(String).join(',')}`;
  return left.length === right.length && left.every((work, index) => key(work) === key(right[index]));
}

/** Whether a write leaves its member standings in memory, and those held there ahead of the store. */
interface MemberWrites {
  defer: boolean;
  unwritten: Map<string, StandingTarget>;
}

/** Campaigns whose standings a process keeps in memory, the least recently written forgotten first. */
const KNOWN_CAMPAIGNS = 16;
/** Standings kept per campaign: past it, the campaign's are forgotten and read again as they are needed. */
const KNOWN_STANDINGS_PER_CAMPAIGN = 200_000;

function lockOf(district: string, campaignId: string): string {
  return `${district}|${campaignId}`;
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let offset = 0; offset < items.length; offset += size) chunks.push(items.slice(offset, offset + size));
  return chunks;
}

/** Keeps standings as a projection of the ledger, applied exactly once across replicas and crashes, and reconciles drift. */
@Injectable()
export class StandingsService {
  private readonly logger = new Logger(StandingsService.name);
  private readonly lock: StandingsLock;
  /** Lines waiting per campaign while this process holds or waits for the campaign's lock. */
  private readonly queues = new Map<string, Waiting[]>();
  private readonly known = new Map<string, KnownStandings>();
  private readonly utcOffsetMinutes: number;

  constructor(
    @InjectModel(STANDING) private readonly standings: Model<Standing>,
    @InjectModel(LEDGER_LINE) private readonly lines: Model<LedgerLine>,
    private readonly announcements: ScoreAnnouncements,
    @InjectConnection() connection: Connection,
    config: ConfigService,
  ) {
    this.lock = new StandingsLock(connection, config.getOrThrow<number>('STANDINGS_LOCK_LEASE_MS'));
    this.utcOffsetMinutes = config.getOrThrow<number>('SCORING_UTC_OFFSET_MINUTES');
  }

  /**
   * Adds lines already in the ledger to the standings exactly once (lines a crash or a failure left pending). Each
   * campaign's standings are written under its store lock (FerretDB's updates are read-modify-write: two replicas' $inc
   * on one standing would lose one); lines queued meanwhile in this process go in the same hold. Returns how many of
   * these lines this call applied (others were already).
   */
  async apply(lines: LedgerLine[]): Promise<number> {
    return (await this.submit(lines, false, false)).length;
  }

  /**
   * Inserts new ledger lines and adds them to the standings in one hold of their campaign's lock: the hold records their
   * append before inserting them, so they are stored applied (no update per line) and a successor redoes the append if
   * this holder fails. Sets each line's `writeBatch` and `applied`; returns the lines inserted (the others were there).
   * With `deferrable` the member standings may be left to a later hold while more lines are queued (see `applyHeld`).
   */
  async append(lines: LedgerLine[], { deferrable = false }: { deferrable?: boolean } = {}): Promise<LedgerLine[]> {
    return this.submit(lines, true, deferrable);
  }

  private async submit(lines: LedgerLine[], fresh: boolean, deferrable: boolean): Promise<LedgerLine[]> {
    const byCampaign = new Map<string, LedgerLine[]>();
    for (const line of lines) {
      const lock = lockOf(line.district, line.campaignId);
      const group = byCampaign.get(lock) ?? [];
      group.push(line);
      byCampaign.set(lock, group);
    }
    const applied = await Promise.all([...byCampaign].map(([lock, group]) => this.enqueue(lock, fresh, deferrable, group)));
    return applied.flat();
  }

  private enqueue(lock: string, fresh: boolean, deferrable: boolean, lines: LedgerLine[]): Promise<LedgerLine[]> {
    return new Promise<LedgerLine[]>((resolve, reject) => {
      const queue = this.queues.get(lock);
      if (queue) {
        queue.push({ fresh, deferrable, lines, resolve, reject });
        return;
      }
      this.queues.set(lock, [{ fresh, deferrable, lines, resolve, reject }]);
      void this.drain(lock);
    });
  }

  private async drain(lock: string): Promise<void> {
    const queue = this.queues.get(lock) as Waiting[];
    while (queue.length > 0) {
      const batch: Waiting[] = [];
      let size = 0;
      while (queue.length > 0 && (batch.length === 0 || size + queue[0].lines.length <= MAX_LINES_PER_HOLD)) {
        const next = queue.shift() as Waiting;
        batch.push(next);
        size += next.lines.length;
      }
      const [{ district, campaignId }] = batch[0].lines;
      try {
        const applied = await this.lock.run(lock, (hold) => this.applyHeld(hold, district, campaignId, batch));
        // A line asked for by several callers counts for the first.
        for (const waiting of batch) waiting.resolve(waiting.lines.flatMap((line) => (applied.delete(String(line._id)) ? [line] : [])));
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.queues.delete(lock);
  }

  /**
   * Under the lock: finishes a predecessor's work, records this hold's, inserts the fresh lines (applied) and applies
   * them with the pending lines still unapplied; returns the ids of the lines this hold applied.
   *
   * While more lines wait for the campaign (a consumer under load), a hold of deferrable lines may leave its member
   * standings unwritten, held in memory, for a later hold of this process (at most MAX_HOLDS_OWING in a row, and the
   * first hold after the queue empties): a member's standings are the bulk of a hold's writes and do not shrink as
   * holds grow. Its work is released as owed, so a successor in another replica, or after a crash, redoes it from the
   * ledger, each standing fenced by its `appliedGeneration` as after any failure. The announcement carries the new
   * totals at once; the store's member standings trail them by those few holds.
   */
  private async applyHeld(hold: StandingsHold, district: string, campaignId: string, batch: Waiting[]): Promise<Set<string>> {
    const known = this.knownStandings(hold);
    if (known.owed.length === 0) await this.redoInherited(hold, district, known.standings);
    hold.owe(known.owed);
    const fresh = batch.filter((waiting) => waiting.fresh).flatMap((waiting) => waiting.lines);
    const pending = await this.unapplied(district, campaignId, batch.filter((waiting) => !waiting.fresh).flatMap((waiting) => waiting.lines));
    const append = fresh.length > 0 ? randomUUID() : null;
    if (!append && pending.length === 0 && known.owed.length === 0) return this.trusted(hold, new Set());
    const work: StandingsWork = { generation: hold.generation, lineIds: pending.map((line) => line._id), append };
    await hold.record(work);
    for (const line of fresh) Object.assign(line, { writeBatch: append, applied: true });
    await hold.keep();
    const { inserted } = await insertNew(this.lines, fresh);
    const defer =
      batch.every((waiting) => waiting.deferrable) &&
      (this.queues.get(hold.lock)?.length ?? 0) > 0 &&
      known.owed.length < MAX_HOLDS_OWING &&
      known.standings.size <= KNOWN_STANDINGS_PER_CAMPAIGN;
    await this.write(hold, district, [...inserted, ...pending], hold.generation, known.standings, { defer, unwritten: known.unwritten });
    await this.markApplied(district, campaignId, pending);
    known.owed = defer ? [...known.owed, work] : [];
    hold.owe(known.owed);
    return this.trusted(hold, new Set([...inserted, ...pending].map((line) => String(line._id))));
  }

  /**
   * The standings this hold may take as known: those of this process's previous hold, when no other came between and
   * what the hold inherits is exactly what that one left owing (its unwritten member standings, held here).
   */
  private knownStandings(hold: StandingsHold): KnownStandings {
    const previous = this.known.get(hold.lock);
    this.known.delete(hold.lock);
    const carried = previous && previous.generation === hold.generation - 1 && sameWork(hold.inherited, previous.owed);
    const current: KnownStandings = carried
      ? { generation: 0, standings: previous.standings, unwritten: previous.unwritten, owed: previous.owed }
      : { generation: 0, standings: new Map(), unwritten: new Map(), owed: [] };
    this.known.set(hold.lock, current);
    if (this.known.size > KNOWN_CAMPAIGNS) this.known.delete(this.known.keys().next().value as string);
    return current;
  }

  /** Marks the standings this hold knows as true after it: reached only when the hold's writes all succeeded. */
  private trusted<T>(hold: StandingsHold, result: T): T {
    const current = this.known.get(hold.lock);
    if (current) current.generation = hold.generation;
    return result;
  }

  /**
   * Which of these lines no one has applied yet (another replica's retry or sweep may have, meanwhile). Lines are read
   * by equality on the append that wrote them, which the store answers from an index; `$in` of ids is a scan on FerretDB.
   */
  private async unapplied(district: string, campaignId: string, candidates: LedgerLine[]): Promise<LedgerLine[]> {
    const wanted = new Set(candidates.map((line) => String(line._id)));
    const { byAppend, loose } = byAppendOf(candidates);
    const found = await Promise.all([
      ...[...byAppend.keys()].map((writeBatch) => this.lines.find({ district, campaignId, writeBatch, applied: false }).lean<LedgerLine[]>()),
      loose.length === 0 ? [] : this.lines.find({ district, campaignId, _id: { $in: loose.map((line) => line._id) }, applied: false }).lean<LedgerLine[]>(),
    ]);
    return found.flat().filter((line) => wanted.has(String(line._id)));
  }

  /**
   * Marks lines applied in parts sent side by side: each found by equality on its append (indexed) and narrowed to the
   * part's ids, which the store checks among that append's lines only; lines of no named append by id alone.
   */
  private async markApplied(district: string, campaignId: string, lines: LedgerLine[]): Promise<void> {
    if (lines.length === 0) return;
    const { byAppend, loose } = byAppendOf(lines);
    const parts: FilterQuery<LedgerLine>[] = [...byAppend].flatMap(([writeBatch, appended]) =>
      chunksOf(appended, LINES_MARKED_PER_COMMAND).map((part) => ({ district, campaignId, writeBatch, _id: { $in: part.map((line) => line._id) } })),
    );
    if (loose.length > 0) parts.push({ district, _id: { $in: loose.map((line) => line._id) } });
    await Promise.all(parts.map((filter) => this.lines.updateMany(filter, { $set: { applied: true } })));
  }

  private async redoInherited(hold: StandingsHold, district: string, known: Map<string, KnownStanding>): Promise<void> {
    for (const work of hold.inherited) {
      const [pending, appended] = await Promise.all([
        work.lineIds.length === 0 ? [] : this.lines.find({ district, _id: { $in: work.lineIds } }).lean<LedgerLine[]>(),
        work.append ? this.lines.find({ district, writeBatch: work.append }).lean<LedgerLine[]>() : [],
      ]);
      await this.write(hold, district, [...appended, ...pending], work.generation, known, { defer: false, unwritten: new Map() });
      if (pending.length > 0) await this.markApplied(district, pending[0].campaignId, pending);
      this.logger.warn(`redid generation ${work.generation} of ${hold.lock}: ${pending.length + appended.length} lines a previous holder left unfinished`);
    }
  }

  /**
   * One write per standing per generation, which records the generation on the standing: a standing already at it
   * (written before a failure or a crash, now redone) is left alone. Standings are read by `_id` unless this process
   * knows them from its previous hold; the lock makes this the only writer of the campaign's standings, so what is read
   * or known is what the write applies to. Member standings are held in memory instead when `members.defer`, and
   * written, at what is known of them, by the next write that does not defer. Then the batch's `scoring.score.changed`
   * events (once per generation, a redo included).
   */
  private async write(hold: StandingsHold, district: string, lines: LedgerLine[], generation: number, known: Map<string, KnownStanding>, members: MemberWrites): Promise<void> {
    if (lines.length === 0 && members.unwritten.size === 0) return;
    const campaignId = lines[0]?.campaignId ?? hold.lock.slice(district.length + 1);
    const increments = [...totalsFromLedger(lines).values()].map((increment) => ({
      ...increment,
      _id: standingId(district, campaignId, increment.target.period, increment.target.scope, increment.target.subjectId),
    }));
    const unknown = increments.filter(({ _id }) => !known.has(_id));
    for (const chunk of chunksOf(unknown, CONCURRENT_COMMANDS)) {
      await hold.keep();
      const read = await Promise.all(chunk.map(({ _id }) => byDistrictKey(this.standings.findOne({ _id }).lean<Standing>())));
      read.forEach((standing) => standing && known.set(standing._id, standing));
    }
    const operations: AnyBulkWriteOperation<Standing>[] = [];
    const written = new Map<string, KnownStanding>();
    const changes: StandingChange[] = [];
    for (const { _id, target, points, lines: count, unitAt } of increments) {
      const current = known.get(_id);
      if (current && (current.appliedGeneration ?? 0) >= generation) {
        changes.push({ ...target, unitId: current.unitId, points: current.points, delta: points });
        continue;
      }
      // A member's standing follows the unit of its latest line, unless it moved later (a transfer, a later line).
      const moves = Boolean(target.unitId && unitAt && (!current?.unitSince || unitAt >= current.unitSince));
      const unit = moves ? { unitId: target.unitId as string, unitSince: unitAt as Date } : {};
      const unitId = moves ? (target.unitId as string) : (current?.unitId ?? null);
      changes.push({ ...target, unitId, points: (current?.points ?? 0) + points, delta: points });
      if (target.scope === 'member' && (members.defer || members.unwritten.has(_id))) {
        // Held here until a hold writes the member standings (below, when this one does not defer).
        written.set(_id, { ...current, unitId, unitSince: moves ? (unitAt as Date) : (current?.unitSince ?? null), points: (current?.points ?? 0) + points, lines: (current?.lines ?? 0) + count, appliedGeneration: generation });
        members.unwritten.set(_id, target);
      } else if (current) {
        operations.push({ updateOne: { filter: { _id }, update: { $inc: { points, lines: count }, $set: { appliedGeneration: generation, ...unit } } } });
        written.set(_id, { ...current, ...unit, points: current.points + points, lines: current.lines + count, appliedGeneration: generation });
      } else {
        const document = { _id, district, campaignId, period: target.period, scope: target.scope, subjectId: target.subjectId, unitId, unitSince: unitAt ?? null, points, lines: count, appliedGeneration: generation };
        operations.push({ insertOne: { document } });
        written.set(_id, document);
      }
    }
    if (!members.defer) {
      // Every member standing held ahead of the store, at what this process knows of it (the lock makes it exact).
      for (const [_id, target] of members.unwritten) {
        const standing = (written.get(_id) ?? known.get(_id)) as KnownStanding;
        const $set = { district, campaignId, period: target.period, scope: target.scope, subjectId: target.subjectId, unitId: standing.unitId ?? null, unitSince: standing.unitSince ?? null, points: standing.points, lines: standing.lines, appliedGeneration: generation };
        operations.push({ updateOne: { filter: { _id }, update: { $set }, upsert: true } });
        written.set(_id, { ...standing, appliedGeneration: generation });
      }
    }
    await hold.keep();
    await bulkWriteSafely(this.standings, operations, SERIALISED_BY_HOLD);
    for (const [_id, standing] of written) known.set(_id, standing);
    if (!members.defer) {
      members.unwritten.clear();
      if (known.size > KNOWN_STANDINGS_PER_CAMPAIGN) known.clear();
    }
    await hold.keep();
    await this.announcements.announce(district, campaignId, generation, scoreChanges(campaignId, lines, changes));
  }

  /**
   * Compares every standing of a campaign with the totals of its ledger; with `heal`, sets the drifted ones to
   * the ledger's value (a rebuild is a reconciliation that heals). Pending lines are marked applied first, because the totals computed here include them.
   * Without `heal`, lines not applied yet show as drift.
   */
  async reconcile(district: string, campaignId: string, heal: boolean): Promise<ReconciliationReport> {
    if (!heal) return this.compare(district, campaignId, null);
    // Healing writes standings: under the campaign's lock, like every other write of them.
    return this.lock.run(lockOf(district, campaignId), async (hold) => {
      await this.redoInherited(hold, district, new Map());
      await this.lines.updateMany({ district, campaignId, applied: false }, { $set: { applied: true } });
      return this.compare(district, campaignId, hold);
    });
  }

  private async compare(district: string, campaignId: string, healing: StandingsHold | null): Promise<ReconciliationReport> {
    // Totals are summed in the service: FerretDB cannot $group one line into several standings.
    const ledgerLines = await this.lines.find({ district, campaignId }).select('district campaignId subjectType subjectId unitId systemIds week month points occurredAt').lean();
    const expected = totalsFromLedger(ledgerLines);
    const held = await this.standings.find({ district, campaignId }).lean<Standing[]>();
    const heldByKey = new Map(held.map((standing) => [standingKey(standing), standing]));
    const drift: Drift[] = [];
    for (const [key, total] of expected) {
      const standing = heldByKey.get(key);
      const points = standing?.points ?? 0;
      if (!standing || Math.abs(points - total.points) > TOLERANCE || standing.lines !== total.lines) {
        drift.push({ ...total.target, standing: round2(points), ledger: round2(total.points), difference: round2(points - total.points) });
      }
    }
    for (const standing of held) {
      if (!expected.has(standingKey(standing)) && (Math.abs(standing.points) > TOLERANCE || standing.lines !== 0)) {
        drift.push({ period: standing.period, scope: standing.scope, subjectId: standing.subjectId, standing: round2(standing.points), ledger: 0, difference: round2(standing.points) });
      }
    }
    if (!healing) return { campaignId, checked: expected.size, drift, healed: false };
    await healing.keep();
    const healed = drift.map((entry) => {
      const key = standingKey(entry);
      const total = expected.get(key);
      // A held unit stays: a transfer may have moved it past the unit of the latest line.
      return { entry, total, unitId: heldByKey.get(key)?.unitId ?? total?.target.unitId ?? null, points: round2(total?.points ?? 0) };
    });
    await bulkWriteSafely(
      this.standings,
      healed.map(({ entry, total, unitId, points }) => ({
        updateOne: {
          filter: { _id: standingId(district, campaignId, entry.period, entry.scope, entry.subjectId) },
          update: { $set: { points, lines: total?.lines ?? 0, unitId }, $setOnInsert: { district, campaignId, period: entry.period, scope: entry.scope, subjectId: entry.subjectId } },
          upsert: true,
        },
      })),
      SERIALISED_BY_HOLD,
    );
    // Every replica's ranking view hears of the healed points.
    await healing.keep();
    await this.announcements.announce(
      district,
      campaignId,
      healing.generation,
      standingsSetWithoutLines(campaignId, healed.map(({ entry, unitId, points }) => ({ period: entry.period, scope: entry.scope as StandingScope, subjectId: entry.subjectId, unitId, points, delta: points - entry.standing }))),
    );
    if (drift.length > 0) this.logger.warn(`healed ${drift.length} drifted standings of campaign ${campaignId} in ${district}`);
    return { campaignId, checked: expected.size, drift, healed: drift.length > 0 };
  }

  /**
   * Moves a member's standings of every period a change effective on `day` reaches (the campaign, the weeks and months
   * not over by then): to another unit (a transfer; its past periods stay with the old unit), or off the rankings (it
   * left; its ledger and past periods stay). Under each campaign's lock, like every write of standings; idempotent.
   */
  async relistMember(district: string, memberId: string, day: string, change: { unitId: string } | { leftOn: string | null }): Promise<void> {
    // Lines scored before the change was known but not applied yet would otherwise create standings after it, unmoved.
    const pending = await this.lines.find({ district, subjectType: 'member', subjectId: memberId, applied: false }).lean<LedgerLine[]>();
    if (pending.length > 0) await this.apply(pending);
    const campaigns = (await this.standings.distinct('campaignId', { district, scope: 'member', subjectId: memberId })) as string[];
    for (const campaignId of campaigns) {
      await this.lock.run(lockOf(district, campaignId), async (hold) => {
        await this.redoInherited(hold, district, new Map());
        const held = await this.standings.find({ district, scope: 'member', subjectId: memberId, campaignId }).lean<Standing[]>();
        const reached = held.filter((standing) => periodReaches(standing.period, day));
        const since = this.startOf(day);
        // A line after the transfer may already have placed the member: such a standing stays where it is.
        const relisted = 'unitId' in change ? reached.filter((standing) => !standing.unitSince || standing.unitSince <= since) : reached;
        const $set = 'unitId' in change ? { unitId: change.unitId, unitSince: since } : { leftOn: change.leftOn };
        await hold.keep();
        await bulkWriteSafely(this.standings, relisted.map((standing) => ({ updateOne: { filter: { _id: standing._id }, update: { $set } } })), SERIALISED_BY_HOLD);
        // Every replica's ranking view hears that the member moved or left (delta 0: its points did not change).
        await hold.keep();
        await this.announcements.announce(
          district,
          campaignId,
          hold.generation,
          standingsSetWithoutLines(campaignId, relisted.map((standing) => ({ period: standing.period, scope: 'member', subjectId: memberId, unitId: 'unitId' in change ? change.unitId : standing.unitId, points: standing.points, delta: 0 }))),
        );
      });
    }
  }

  /** The first instant of a local day, as line times are compared. */
  private startOf(day: string): Date {
    return new Date(Date.parse(`${day}T00:00:00.000Z`) - this.utcOffsetMinutes * 60_000);
  }

  /** Every (district, campaign) that has ledger lines: the reconciliation job's work list. */
  async campaignsWithLines(): Promise<Array<{ district: string; campaignId: string }>> {
    const districts = (await acrossDistricts(this.lines.distinct('district'))) as string[];
    const pairs = await Promise.all(
      districts.map(async (district) => ((await this.lines.distinct('campaignId', { district })) as string[]).map((campaignId) => ({ district, campaignId }))),
    );
    return pairs.flat();
  }

  /** A unit's member standings or the district's unit standings, by equality on the ranking index's fields, unsorted. */
  listedForRanking(filter: Pick<Standing, 'district' | 'campaignId' | 'period' | 'scope'> & { unitId?: string }): Promise<Pick<Standing, 'subjectId' | 'points' | 'leftOn'>[]> {
    return this.standings.find(filter).select({ _id: 0, subjectId: 1, points: 1, leftOn: 1 }).lean<Pick<Standing, 'subjectId' | 'points' | 'leftOn'>[]>().exec();
  }

  /** Each member's unit as its campaign standing lists it. */
  memberUnitsOfCampaign(district: string, campaignId: string) {
    return this.standings.find({ district, campaignId, period: 'campaign', scope: 'member' }).select('subjectId unitId').lean().exec();
  }

  async find(district: string, campaignId: string, period: string, scope: string, subjectId: string): Promise<Standing | null> {
    const standing = await byDistrictKey(this.standings.findOne({ _id: standingId(district, campaignId, period, scope, subjectId) }).lean<Standing>());
    // The key is the district's own, yet ids containing `|` could make two keys meet: never answer with another district's.
    return standing?.district === district ? standing : null;
  }
}

/** Lines grouped by the append that wrote them; lines written before appends were named are loose. */
function byAppendOf(lines: LedgerLine[]): { byAppend: Map<string, LedgerLine[]>; loose: LedgerLine[] } {
  const byAppend = new Map<string, LedgerLine[]>();
  const loose: LedgerLine[] = [];
  for (const line of lines) {
    if (line.writeBatch) byAppend.set(line.writeBatch, [...(byAppend.get(line.writeBatch) ?? []), line]);
    else loose.push(line);
  }
  return { byAppend, loose };
}
