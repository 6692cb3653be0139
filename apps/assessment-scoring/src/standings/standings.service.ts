import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Model } from 'mongoose';
import { acrossDistricts, bulkWriteSafely } from '@campaign/persistence';
import { KeyedSerialiser } from '../common/keyed-serialiser';
import { LedgerLine } from '../ledger/ledger-line.schema';
import { round2 } from '../rules/rule-engine';
import { Standing } from './standing.schema';
import { standingKey, standingTargets, totalsFromLedger } from './standing-targets';

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
const DUPLICATE_KEY = 11000;
const MAX_UPSERT_ATTEMPTS = 5;

function writeErrorsOf(error: unknown): Array<{ index: number; code: number }> {
  const errors = (error as { writeErrors?: unknown }).writeErrors;
  const list = Array.isArray(errors) ? errors : errors ? [errors] : [];
  return list.map((entry: { index: number; code: number; err?: { index: number; code: number } }) => ({ index: entry.err?.index ?? entry.index, code: entry.err?.code ?? entry.code }));
}

/** Keeps standings as a projection of the ledger: $inc per applied line, and reconciliation that heals drift. */
@Injectable()
export class StandingsService {
  private readonly logger = new Logger(StandingsService.name);
  private readonly writes = new KeyedSerialiser();

  constructor(
    @InjectModel('Standing') private readonly standings: Model<Standing>,
    @InjectModel('LedgerLine') private readonly lines: Model<LedgerLine>,
  ) {}

  /**
   * Adds lines to the standings exactly once: a line's `applied` flag is flipped by compare-and-set first, and
   * only the caller that flipped it increments. A crash between the two leaves drift that reconciliation heals.
   */
  async apply(lines: LedgerLine[]): Promise<number> {
    const operations: AnyBulkWriteOperation<Standing>[] = [];
    let applied = 0;
    for (const line of lines) {
      const flipped = await this.lines.updateOne({ district: line.district, _id: line._id, applied: false }, { $set: { applied: true } });
      if (flipped.modifiedCount !== 1) continue;
      applied += 1;
      for (const target of standingTargets(line)) {
        operations.push({
          updateOne: {
            filter: { district: line.district, campaignId: line.campaignId, period: target.period, scope: target.scope, subjectId: target.subjectId },
            update: { $inc: { points: line.points, lines: 1 }, ...(target.unitId ? { $set: { unitId: target.unitId } } : {}) },
            upsert: true,
          },
        });
      }
    }
    // FerretDB 1.x applies an update as read-modify-write, so concurrent $inc on one standing can lose one: this process sends them one batch at a time.
    if (operations.length > 0) await this.writes.run('standings', () => this.increment(operations));
    return applied;
  }

  /**
   * Two first increments of the same standing race to insert it and one fails on the unique key (FerretDB does
   * not retry such upserts); only the failed operations are sent again, since an $inc must not run twice.
   */
  private async increment(operations: AnyBulkWriteOperation<Standing>[]): Promise<void> {
    let pending = operations;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      try {
        await bulkWriteSafely(this.standings, pending, { ordered: false });
        return;
      } catch (error) {
        const failed = writeErrorsOf(error);
        if (failed.length === 0 || attempt >= MAX_UPSERT_ATTEMPTS || failed.some((failure) => failure.code !== DUPLICATE_KEY)) throw error;
        pending = failed.map((failure) => pending[failure.index]);
      }
    }
  }

  /**
   * Compares every standing of a campaign with the totals of its ledger; with `heal`, sets the drifted ones to
   * the ledger's value (a rebuild is a reconciliation that heals). Pending lines are marked applied first,
   * because the totals computed here include them.
   */
  async reconcile(district: string, campaignId: string, heal: boolean): Promise<ReconciliationReport> {
    if (heal) await this.lines.updateMany({ district, campaignId, applied: false }, { $set: { applied: true } });
    // Totals are summed in the service: FerretDB cannot $group one line into several standings.
    const ledgerLines = await this.lines.find({ district, campaignId }).select('district campaignId subjectType subjectId unitId systemIds week month points').lean();
    const expected = totalsFromLedger(ledgerLines);
    const held = await this.standings.find({ district, campaignId }).lean();
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
    if (heal && drift.length > 0) {
      await bulkWriteSafely(
        this.standings,
        drift.map((entry) => {
          const total = expected.get(standingKey(entry));
          return {
            updateOne: {
              filter: { district, campaignId, period: entry.period, scope: entry.scope, subjectId: entry.subjectId },
              update: { $set: { points: round2(total?.points ?? 0), lines: total?.lines ?? 0, ...(total?.target.unitId ? { unitId: total.target.unitId } : {}) } },
              upsert: true,
            },
          };
        }),
        { ordered: false },
      );
      this.logger.warn(`healed ${drift.length} drifted standings of campaign ${campaignId} in ${district}`);
    }
    return { campaignId, checked: expected.size, drift, healed: heal && drift.length > 0 };
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
    return this.standings.findOne({ district, campaignId, period, scope, subjectId }).select('-_id').lean();
  }
}
