import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model, Types } from 'mongoose';
import { ORG_SYSTEM, ORG_UNIT } from '@campaign/org-read-model';
import { SystemView, UnitView } from '../integration-events/read-model.schemas';
import { isLateEntry, PeriodKeys, periodKeys } from '../rules/periods';
import { StandingsService } from '../standings/standings.service';
import { LEDGER_LINE, LedgerLine } from './ledger-line.schema';
import { DEFAULT_LOCALE } from '@campaign/i18n';
import { explanationOf } from '../common/explanations';
import { recordKey } from '../common/revised-cache';
import { DistrictSystems, UnitSystemsCache } from '../common/unit-systems-cache';
import { Reason, reason } from '../rules/reasons';
import { byDistrictKey, districtKey } from '@campaign/persistence';

export type LineDraft = Omit<LedgerLine, '_id' | 'district' | 'applied' | 'writeBatch' | 'createdAt' | 'lateEntry' | 'explanation'>;

/** The append-only ledger: lines are inserted once (a duplicate key means it is already there) and then applied. */
@Injectable()
export class LedgerService {
  private readonly utcOffsetMinutes: number;

  constructor(
    @InjectModel(LEDGER_LINE) private readonly lines: Model<LedgerLine>,
    @InjectModel(ORG_UNIT) private readonly units: Model<UnitView>,
    @InjectModel(ORG_SYSTEM) private readonly systems: Model<SystemView>,
    private readonly standings: StandingsService,
    private readonly unitSystems: UnitSystemsCache,
    config: ConfigService,
  ) {
    this.utcOffsetMinutes = config.getOrThrow<number>('SCORING_UTC_OFFSET_MINUTES');
  }

  keysOf(instant: Date | string): PeriodKeys {
    return periodKeys(instant, this.utcOffsetMinutes);
  }

  /** Noon of a local day: the instant given to points that belong to a day rather than to an event. */
  noonOf(day: string): Date {
    return new Date(Date.parse(`${day}T12:00:00.000Z`) - this.utcOffsetMinutes * 60_000);
  }

  /**
   * The systems a unit is in now: stored on each line so totals per system keep the attribution of the time. Read
   * from this replica's cache while it holds the newest revisions announced of the unit and of the district's systems.
   */
  async systemsOf(district: string, unitId: string): Promise<string[]> {
    const [ownSystemIds, systems] = await Promise.all([this.ownSystemIdsOf(district, unitId), this.systemsIn(district)]);
    const listing = [...systems].filter(([, system]) => system.unitIds.includes(unitId)).map(([systemId]) => systemId);
    return [...new Set([...ownSystemIds, ...listing])].sort();
  }

  private async ownSystemIdsOf(district: string, unitId: string): Promise<readonly string[]> {
    const key = recordKey('unit', district, unitId);
    const held = this.unitSystems.units.get(key);
    if (held) return held;
    const epoch = this.unitSystems.units.epoch;
    const unit = await byDistrictKey(this.units.findOne({ _id: districtKey(district, unitId) })).select('district systemIds revision').lean<UnitView>();
    if (unit?.district !== district) return [];
    this.unitSystems.units.put(epoch, key, unit.systemIds, unit.revision);
    return unit.systemIds;
  }

  /** A district's systems, all read at once (a district has a handful): a unit's membership is looked up in them. */
  private async systemsIn(district: string): Promise<DistrictSystems> {
    const held = this.unitSystems.systemsOf(district);
    if (held) return held;
    const epoch = this.unitSystems.epoch;
    const found = await this.systems.find({ district }).select('systemId unitIds revision').lean<SystemView[]>();
    const systems: DistrictSystems = new Map(found.map((system) => [system.systemId, { unitIds: system.unitIds, revision: system.revision }]));
    this.unitSystems.putSystems(epoch, district, systems);
    return systems;
  }

  /** A derivation is made after its period by design; anything else recorded after its week is a late entry. */
  private lateEntry(draft: LineDraft): boolean {
    return draft.kind !== 'derived' && isLateEntry(this.keysOf(draft.occurredAt), this.keysOf(draft.recordedAt));
  }

  /**
   * Inserts the lines that are not there yet in one command and adds them to the standings (one hold of each campaign's
   * lock); for lines that were there already (a redelivery) it applies whatever of their source events was left pending.
   * `deferrable`: the caller does not read the member standings back, so a busy campaign's hold may write them later.
   */
  async append(district: string, drafts: LineDraft[], options: { deferrable?: boolean } = {}): Promise<LedgerLine[]> {
    if (drafts.length === 0) return [];
    const lines: LedgerLine[] = drafts.map((draft) => ({
      ...draft,
      _id: new Types.ObjectId(),
      district,
      explanation: explanationOf(draft.reasons, draft.points, DEFAULT_LOCALE),
      lateEntry: this.lateEntry(draft),
      applied: false,
      writeBatch: null,
      createdAt: new Date(),
    }));
    const inserted = await this.standings.append(lines, options);
    const insertedIds = new Set(inserted.map((line) => String(line._id)));
    const duplicates = lines.filter((line) => !insertedIds.has(String(line._id)));
    if (duplicates.length > 0) await this.applyPending(district, { sourceEventId: { $in: [...new Set(duplicates.map((line) => line.sourceEventId))] } });
    return inserted;
  }

  /** Applies unapplied lines (after a crash between insert and apply, the next delivery or the sweeper does it). */
  async applyPending(district: string, filter: FilterQuery<LedgerLine> = {}): Promise<number> {
    const pending = await this.lines.find({ district, applied: false, ...filter }).lean();
    return this.standings.apply(pending);
  }

  async sum(filter: FilterQuery<LedgerLine> & { district: string }): Promise<number> {
    const [result] = await this.lines.aggregate<{ total: number }>([{ $match: filter }, { $group: { _id: null, total: { $sum: '$points' } } }]);
    return result?.total ?? 0;
  }

  /** Points summed per subject by the store's $group/$sum. */
  totalsBySubject(match: FilterQuery<LedgerLine>): Promise<{ _id: string; points: number }[]> {
    return this.lines.aggregate<{ _id: string; points: number }>([{ $match: match }, { $group: { _id: '$subjectId', points: { $sum: '$points' } } }]).exec();
  }

  /** The fields of a campaign's lines that a what-if recount needs. */
  countedLinesOfCampaign(district: string, campaignId: string) {
    return this.lines.find({ district, campaignId }).select('kind subjectType subjectId ruleId indicatorId carrierId points day week month year').lean().exec();
  }

  async find(filter: FilterQuery<LedgerLine> & { district: string }): Promise<LedgerLine[]> {
    return this.lines.find(filter).sort({ occurredAt: 1, _id: 1 }).lean();
  }

  /** Offsets lines (a superseded record, a recompute): one reversal per line, ever, whatever retries happen. */
  async reverse(district: string, originals: LedgerLine[], why: Reason): Promise<LedgerLine[]> {
    const reversals: LineDraft[] = originals
      .filter((line) => line.kind === 'rule')
      .map((line) => ({
        campaignId: line.campaignId,
        sourceEventId: line.sourceEventId,
        ruleKey: `${line.ruleKey}~reversed`,
        ruleId: line.ruleId,
        kind: 'reversal',
        schemeVersion: line.schemeVersion,
        indicatorId: line.indicatorId,
        subjectType: line.subjectType,
        subjectId: line.subjectId,
        unitId: line.unitId,
        systemIds: line.systemIds,
        carrierId: line.carrierId,
        points: -line.points,
        // A line written before reasons were kept is offset with its text as written.
        reasons: [{ key: 'reason.reversal', of: line.reasons?.length ? line.reasons : [reason('reason.as-written', { text: line.explanation })] }, why],
        occurredAt: line.occurredAt,
        recordedAt: new Date(),
        day: line.day,
        week: line.week,
        month: line.month,
        year: line.year,
        reason: null,
        author: null,
        correctsLineId: line._id,
      }));
    return this.append(district, reversals);
  }
}
