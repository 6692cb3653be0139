import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Connection, FilterQuery, Model } from 'mongoose';
import { acrossDistricts, bulkWriteSafely, byDistrictKey } from '@campaign/persistence';
import { LedgerLine } from '../ledger/ledger-line.schema';
import { periodReaches } from '../rules/periods';
import { round2 } from '../rules/rule-engine';
import { ScoreAnnouncements } from './score-announcements';
import { scoreChanges, StandingChange, standingsSetWithoutLines } from './score-changes';
import { Standing } from './standing.schema';
import { StandingsHold, StandingsLock } from './standings-lock';
import { standingId, standingKey, StandingScope, totalsFromLedger } from './standing-targets';

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
/** Lines one hold applies at most; what is queued beyond waits for the next hold. */
const MAX_LINES_PER_HOLD = 500;

interface Waiting {
  lines: LedgerLine[];
  resolve: (applied: number) => void;
  reject: (error: unknown) => void;
}

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
  private readonly utcOffsetMinutes: number;

  constructor(
    @InjectModel('Standing') private readonly standings: Model<Standing>,
    @InjectModel('LedgerLine') private readonly lines: Model<LedgerLine>,
    private readonly announcements: ScoreAnnouncements,
    @InjectConnection() connection: Connection,
    config: ConfigService,
  ) {
    this.lock = new StandingsLock(connection, config.getOrThrow<number>('STANDINGS_LOCK_LEASE_MS'));
    this.utcOffsetMinutes = config.getOrThrow<number>('SCORING_UTC_OFFSET_MINUTES');
  }

  /**
   * Adds lines to the standings exactly once. Each campaign's standings are written under its store lock (FerretDB's
   * updates are read-modify-write: two replicas' $inc on one standing would lose one); lines queued meanwhile in
   * this process go in the same hold. Returns how many of these lines this call applied (others were already).
   */
  async apply(lines: LedgerLine[]): Promise<number> {
    const byCampaign = new Map<string, LedgerLine[]>();
    for (const line of lines) {
      const lock = lockOf(line.district, line.campaignId);
      const group = byCampaign.get(lock) ?? [];
      group.push(line);
      byCampaign.set(lock, group);
    }
    const applied = await Promise.all([...byCampaign].map(([lock, group]) => this.enqueue(lock, group)));
    return applied.reduce((sum, count) => sum + count, 0);
  }

  private enqueue(lock: string, lines: LedgerLine[]): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const queue = this.queues.get(lock);
      if (queue) {
        queue.push({ lines, resolve, reject });
        return;
      }
      this.queues.set(lock, [{ lines, resolve, reject }]);
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
        const applied = await this.lock.run(lock, (hold) => this.applyHeld(hold, district, campaignId, batch.flatMap((waiting) => waiting.lines)));
        // A line asked for by several callers counts for the first.
        for (const waiting of batch) waiting.resolve(waiting.lines.filter((line) => applied.delete(String(line._id))).length);
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.queues.delete(lock);
  }

  /** Under the lock: finishes a predecessor's work, then applies the lines that are still unapplied; returns their ids. */
  private async applyHeld(hold: StandingsHold, district: string, campaignId: string, candidates: LedgerLine[]): Promise<Set<string>> {
    await this.redoInherited(hold, district);
    const pending = await this.unapplied(district, campaignId, candidates);
    if (pending.length === 0) return new Set();
    await hold.record({ generation: hold.generation, lineIds: pending.map((line) => line._id) });
    await this.write(hold, district, pending, hold.generation);
    return new Set(pending.map((line) => String(line._id)));
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
    const { byAppend, loose } = byAppendOf(lines);
    const parts: FilterQuery<LedgerLine>[] = [...byAppend].flatMap(([writeBatch, appended]) =>
      chunksOf(appended, LINES_MARKED_PER_COMMAND).map((part) => ({ district, campaignId, writeBatch, _id: { $in: part.map((line) => line._id) } })),
    );
    if (loose.length > 0) parts.push({ district, _id: { $in: loose.map((line) => line._id) } });
    await Promise.all(parts.map((filter) => this.lines.updateMany(filter, { $set: { applied: true } })));
  }

  private async redoInherited(hold: StandingsHold, district: string): Promise<void> {
    for (const work of hold.inherited) {
      const lines = await this.lines.find({ district, _id: { $in: work.lineIds } }).lean<LedgerLine[]>();
      await this.write(hold, district, lines, work.generation);
      this.logger.warn(`redid generation ${work.generation} of ${hold.lock}: ${lines.length} lines a previous holder left unfinished`);
    }
  }

  /**
   * One write per standing per generation, which records the generation on the standing: a standing already at it
   * (written before a failure or a crash, now redone) is left alone. Each standing is read and written by its `_id`;
   * the lock makes this the only writer of the campaign's standings, so the generation read is the one the write
   * applies to. Then the batch's `scoring.score.changed` events (once per generation, a redo included), then the lines
   * are marked applied.
   */
  private async write(hold: StandingsHold, district: string, lines: LedgerLine[], generation: number): Promise<void> {
    if (lines.length === 0) return;
    const { campaignId } = lines[0];
    const increments = [...totalsFromLedger(lines).values()].map((increment) => ({
      ...increment,
      _id: standingId(district, campaignId, increment.target.period, increment.target.scope, increment.target.subjectId),
    }));
    const existing: Array<Standing | null> = [];
    for (const chunk of chunksOf(increments, CONCURRENT_COMMANDS)) {
      await hold.keep();
      existing.push(...(await Promise.all(chunk.map(({ _id }) => byDistrictKey(this.standings.findOne({ _id }).lean<Standing>())))));
    }
    const operations: AnyBulkWriteOperation<Standing>[] = [];
    const changes: StandingChange[] = [];
    increments.forEach(({ _id, target, points, lines: count, unitAt }, index) => {
      const current = existing[index];
      if (current && (current.appliedGeneration ?? 0) >= generation) {
        changes.push({ ...target, unitId: current.unitId, points: current.points, delta: points });
        return;
      }
      // A member's standing follows the unit of its latest line, unless it moved later (a transfer, a later line).
      const moves = Boolean(target.unitId && unitAt && (!current?.unitSince || unitAt >= current.unitSince));
      const unit = moves ? { unitId: target.unitId, unitSince: unitAt } : {};
      const unitId = moves ? (target.unitId as string) : (current?.unitId ?? null);
      changes.push({ ...target, unitId, points: (current?.points ?? 0) + points, delta: points });
      operations.push(
        current
          ? { updateOne: { filter: { _id }, update: { $inc: { points, lines: count }, $set: { appliedGeneration: generation, ...unit } } } }
          : { insertOne: { document: { _id, district, campaignId, period: target.period, scope: target.scope, subjectId: target.subjectId, unitId, unitSince: unitAt ?? null, points, lines: count, appliedGeneration: generation } } },
      );
    });
    await hold.keep();
    await bulkWriteSafely(this.standings, operations, { ordered: false });
    await hold.keep();
    await this.announcements.announce(district, campaignId, generation, scoreChanges(campaignId, lines, changes));
    await hold.keep();
    await this.markApplied(district, campaignId, lines);
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
      await this.redoInherited(hold, district);
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
      { ordered: false },
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
        await this.redoInherited(hold, district);
        const held = await this.standings.find({ district, scope: 'member', subjectId: memberId, campaignId }).lean<Standing[]>();
        const reached = held.filter((standing) => periodReaches(standing.period, day));
        const since = this.startOf(day);
        // A line after the transfer may already have placed the member: such a standing stays where it is.
        const relisted = 'unitId' in change ? reached.filter((standing) => !standing.unitSince || standing.unitSince <= since) : reached;
        const $set = 'unitId' in change ? { unitId: change.unitId, unitSince: since } : { leftOn: change.leftOn };
        await hold.keep();
        await bulkWriteSafely(this.standings, relisted.map((standing) => ({ updateOne: { filter: { _id: standing._id }, update: { $set } } })), { ordered: false });
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
