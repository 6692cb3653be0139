import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { FilterQuery, Model } from 'mongoose';
import { RankingPublished } from '@campaign/contracts';
import { EventPublisher, outboxFields, OutboxRelay } from '@campaign/messaging';
import { AuditService } from '../audit/audit.service';
import { ORG_MEMBER, ORG_SYSTEM, ORG_UNIT } from '@campaign/org-read-model';
import { MemberView, SystemView, UnitView } from '../integration-events/read-model.schemas';
import { messages } from '../common/messages';
import { NamesService } from '../common/names.service';
import { byDistrictKey, districtKey } from '@campaign/persistence';
import { LedgerService } from '../ledger/ledger.service';
import { LedgerLine } from '../ledger/ledger-line.schema';
import { movers, rankAll, Scored } from '../rules/ranking';
import { Standing } from '../standings/standing.schema';
import { StandingsService } from '../standings/standings.service';
import { pageOfSorted } from './ranking-page';
import { RankingView } from './ranking-view';
import { RANKING_SNAPSHOT, RankingSnapshot } from './ranking-snapshot.schema';
import { RankingPage, RankingQuery, RankingScope } from './ranking.types';

const CONTRACT_SCOPE = { 'district-units': 'district', 'system-units': 'system', 'subtree-units': 'unit', 'unit-members': 'unit' } as const;
const PUBLISHED_ENTRIES_LIMIT = 1_000;

/** What a ranking of a scope ranks. */
function subjectsOf(scope: RankingScope): 'member' | 'unit' {
  return scope === 'unit-members' ? 'member' : 'unit';
}

/**
 * Rankings (比学赶超) read the standings by top-level equalities on indexed fields (a unit's members, the district's
 * units) and sort them here: a unit has hundreds of members, a district hundreds of units. Rankings as of an instant
 * sum the ledger.
 */
@Injectable()
export class RankingsService {
  constructor(
    @InjectModel(ORG_SYSTEM) private readonly systems: Model<SystemView>,
    @InjectModel(ORG_MEMBER) private readonly members: Model<MemberView>,
    @InjectModel(ORG_UNIT) private readonly units: Model<UnitView>,
    @InjectModel(RANKING_SNAPSHOT) private readonly snapshotModel: Model<RankingSnapshot>,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly standings: StandingsService,
    private readonly names: NamesService,
    private readonly view: RankingView,
  ) {}

  /** The benchmark's entry point: `rank(district, { campaignId, period, scope, scopeId, page, pageSize })`; the page's names beside their ids. */
  async rank(district: string, query: RankingQuery): Promise<RankingPage> {
    const head = { campaignId: query.campaignId, period: query.period, scope: query.scope, scopeId: query.scopeId ?? null, page: query.page, pageSize: query.pageSize };
    const offset = (query.page - 1) * query.pageSize;
    if (query.asOf) {
      const all = rankAll(await this.totalsAsOf(district, query, query.asOf));
      return { ...head, asOf: query.asOf.toISOString(), total: all.length, entries: await this.names.named(district, subjectsOf(query.scope), all.slice(offset, offset + query.pageSize)) };
    }
    // A unit's member ranking not held in memory yet: its members' names are read in one query beside its standings.
    const unitMembers = query.scope === 'unit-members' ? { district, campaignId: query.campaignId, period: query.period, scope: 'member' as const, unitId: this.requireScopeId(query) } : null;
    const [sorted, unitNames] = await Promise.all([
      this.everyone(district, query),
      unitMembers && !this.view.holds(unitMembers) ? this.names.ofMembersOf(district, unitMembers.unitId) : undefined,
    ]);
    return { ...head, asOf: null, total: sorted.length, entries: await this.names.named(district, subjectsOf(query.scope), pageOfSorted(sorted, offset, query.pageSize), unitNames) };
  }

  /** Who climbed and who fell between two periods of the same scope. */
  async movers(district: string, campaignId: string, scope: RankingScope, scopeId: string | undefined, from: string, to: string) {
    const base = { campaignId, scope, scopeId, page: 1, pageSize: 1 };
    const [before, after] = await Promise.all([this.everyone(district, { ...base, period: from }), this.everyone(district, { ...base, period: to })]);
    const moved = movers(before, after);
    const [climbed, fell, unchanged] = await Promise.all([moved.climbed, moved.fell, moved.unchanged].map((list) => this.names.named(district, subjectsOf(scope), list)));
    return { campaignId, scope, scopeId: scopeId ?? null, from, to, climbed, fell, unchanged };
  }

  /** Freezes a ranking as it stands (or stood) and announces it (RankingPublished, through the outbox). */
  async publish(district: string, query: Omit<RankingQuery, 'page' | 'pageSize'>, actor: string): Promise<RankingSnapshot> {
    const ranked = rankAll(query.asOf ? await this.totalsAsOf(district, { ...query, page: 1, pageSize: 1 }, query.asOf) : await this.everyone(district, { ...query, page: 1, pageSize: 1 }));
    // Names are frozen with the ranking, as they were when it was published.
    const all = await this.names.named(district, subjectsOf(query.scope), ranked);
    const rankingId = randomUUID();
    const publishedAt = new Date();
    const envelope = this.publisher.envelope(
      RankingPublished,
      {
        rankingId,
        campaignId: query.campaignId,
        scope: CONTRACT_SCOPE[query.scope],
        scopeId: query.scopeId ?? null,
        subjectType: subjectsOf(query.scope),
        period: query.period,
        publishedAt: publishedAt.toISOString(),
        // The event carries the head of the ranking; the full frozen ranking is the snapshot, read by id.
        entries: all.slice(0, PUBLISHED_ENTRIES_LIMIT).map(({ subjectId, subjectName, rank, points }) => ({ subjectId, subjectName, rank, points })),
      },
      district,
    );
    const snapshot = await this.snapshotModel.create({
      district,
      campaignId: query.campaignId,
      rankingId,
      scope: query.scope,
      scopeId: query.scopeId ?? null,
      period: query.period,
      publishedBy: actor,
      publishedAt,
      entries: all,
      ...outboxFields(envelope),
    });
    this.relay.kick();
    await this.audit.record({ district, campaignId: query.campaignId, action: 'ranking.published', actor, target: `ranking:${rankingId}`, details: { scope: query.scope, scopeId: query.scopeId ?? null, period: query.period } });
    return this.snapshot(district, snapshot.rankingId);
  }

  async snapshot(district: string, rankingId: string): Promise<RankingSnapshot> {
    const found = await this.snapshotModel.findOne({ district, rankingId }).select('-_id').lean();
    if (!found) throw new NotFoundException(messages.t('ranking.no-published', { rankingId }));
    return found;
  }

  async publishedRankings(district: string, campaignId: string): Promise<Array<Omit<RankingSnapshot, 'entries'>>> {
    return this.snapshotModel.find({ district, campaignId }).sort({ publishedAt: -1 }).select('-_id -entries').lean();
  }

  /** The whole ranking, sorted: a unit's member standings, or the district's unit standings (narrowed to a system's or a subtree's units). */
  private async everyone(district: string, query: RankingQuery): Promise<Scored[]> {
    const period = { district, campaignId: query.campaignId, period: query.period };
    if (query.scope === 'unit-members') return this.sorted({ ...period, scope: 'member', unitId: this.requireScopeId(query) });
    if (query.scope === 'district-units') return this.sorted({ ...period, scope: 'unit' });
    const [units, all] = await Promise.all([this.unitsOf(district, query), this.sorted({ ...period, scope: 'unit' })]);
    return all.filter((entry) => units.has(entry.subjectId));
  }

  /** The units of a system, or those below a unit. */
  private async unitsOf(district: string, query: RankingQuery): Promise<Set<string>> {
    const scopeId = this.requireScopeId(query);
    return new Set(query.scope === 'system-units' ? await this.unitsOfSystem(district, scopeId) : await this.unitsBelow(district, scopeId));
  }

  /**
   * A unit's member standings or the district's unit standings, sorted as rankings are, leavers left out: from this
   * replica's ranking view, else found by equality on indexed fields (`standingSchema`'s ranking index).
   */
  private sorted(filter: Pick<Standing, 'district' | 'campaignId' | 'period'> & ({ scope: 'member'; unitId: string } | { scope: 'unit' })): Promise<Scored[]> {
    const key = { ...filter, unitId: filter.scope === 'member' ? filter.unitId : null };
    return this.view.sorted(key, () => this.standings.listedForRanking(filter));
  }

  /** Campaign totals from the ledger as of an instant (summed per subject by the store's $group/$sum), without who had left by then. */
  private async totalsAsOf(district: string, query: RankingQuery, asOf: Date): Promise<Scored[]> {
    const match: FilterQuery<LedgerLine> = { district, campaignId: query.campaignId, occurredAt: { $lte: asOf } };
    if (query.scope === 'unit-members') Object.assign(match, { subjectType: 'member', unitId: this.requireScopeId(query) });
    else Object.assign(match, { subjectType: 'unit', ...(query.scope === 'district-units' ? {} : { subjectId: { $in: [...(await this.unitsOf(district, query))] } }) });
    const [totals, gone] = await Promise.all([
      this.ledger.totalsBySubject(match),
      query.scope === 'unit-members' ? this.leftBy(district, this.requireScopeId(query), asOf) : Promise.resolve(new Set<string>()),
    ]);
    return totals.filter((total) => !gone.has(total._id)).map((total) => ({ subjectId: total._id, points: Math.round(total.points * 100) / 100 }));
  }

  /** Members last in a unit who had left by an instant's local day. */
  private async leftBy(district: string, unitId: string, instant: Date): Promise<Set<string>> {
    const day = this.ledger.keysOf(instant).day;
    const leavers = await this.members.find({ district, unitId, status: { $ne: 'active' } }).select('memberId leftOn').lean();
    return new Set(leavers.filter((member) => member.leftOn && member.leftOn <= day).map((member) => member.memberId));
  }

  private requireScopeId(query: { scope: RankingScope; scopeId?: string }): string {
    if (!query.scopeId) throw new BadRequestException(messages.t('ranking.scope-id-required', { scope: query.scope }));
    return query.scopeId;
  }

  /** Every unit below one (its path passes through it), found by equality on the indexed path. */
  private async unitsBelow(district: string, unitId: string): Promise<string[]> {
    const [unit, below] = await Promise.all([
      byDistrictKey(this.units.exists({ _id: districtKey(district, unitId) })),
      this.units.find({ district, path: unitId }).select('unitId').lean(),
    ]);
    if (!unit) throw new NotFoundException(messages.t('error.no-unit', { unitId }));
    return below.map((found) => found.unitId).filter((found) => found !== unitId);
  }

  private async unitsOfSystem(district: string, systemId: string): Promise<string[]> {
    const system = await this.systems.findOne({ district, systemId }).select('unitIds').lean();
    if (!system) throw new NotFoundException(messages.t('error.no-system', { systemId }));
    return system.unitIds;
  }
}
