import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { AppraisalFinalised, EventEnvelope, PayloadOf } from '@campaign/contracts';
import { canManageUnit, hasRole, Principal } from '@campaign/auth';
import { EventPublisher, OutboxRelay, withOutbox } from '@campaign/messaging';
import { AuditService } from '../audit/audit.service';
import { ORG_MEMBER, ORG_SYSTEM, ORG_UNIT } from '@campaign/org-read-model';
import { CAMPAIGN_VIEW, CampaignView, MemberView, SystemView, UnitView } from '../integration-events/read-model.schemas';
import { messages } from '../common/messages';
import { NamesService } from '../common/names.service';
import { LedgerService } from '../ledger/ledger.service';
import { RankingsService } from '../rankings/rankings.service';
import { AppraisalSubjectDto, ExcellentLimitDto, HonourDto, HonourQuotaDto, ReviewDto, SelfEvaluationDto } from './appraisal.dto';
import { APPRAISAL, Appraisal, APPRAISAL_ROUND, AppraisalRound, EXCELLENT_LIMIT, EXCELLENT_PLACE, ExcellentLimit, ExcellentPlace, HONOUR_QUOTA, HonourQuota } from './appraisal.schemas';
import { calibrate } from './calibration';
import { excellentAllowed } from './excellent-limit';
import { byDistrictKey, districtKey, isDuplicateKey, KeyedSerialiser } from '@campaign/persistence';
import { problem } from '../common/error-codes.filter';

/** An appraisal as shown: its subject's and unit's names beside their ids. */
type NamedAppraisal = Appraisal & { subjectName: string | null; unitName: string | null };

type Result = PayloadOf<typeof AppraisalFinalised>['results'][number];

/** Who reviews the top units (those without a parent), and the key of a limit that holds for every reviewing unit. */
const DISTRICT_REVIEWER = '(district)';
const EVERY_REVIEWER = '*';

/** Results per AppraisalFinalised event: a district's members do not fit one message, so the results are split. */
const RESULTS_PER_EVENT = 2_000;

interface Subject {
  unitId: string;
  unitPath: string[];
  /** The unit that reviews: a unit's parent (null for a top unit, reviewed by the district), a member's own unit. */
  reviewerUnitId: string | null;
  reviewerPath: string[];
  /** A member who left: from its leave day it is neither appraised nor honoured. */
  leftOn: string | null;
}

/**
 * The appraisal stage: self-evaluation, review by the parent unit, ratings within limits, honours within quotas,
 * finalisation. Each request first finds what it acts on (404), then checks who may act (403), then whether the act is
 * allowed now (409: stage, frozen results, a leaver, limits).
 */
@Injectable()
export class AppraisalService {
  private readonly quotasInOrder = new KeyedSerialiser();

  constructor(
    @InjectModel(APPRAISAL) private readonly appraisals: Model<Appraisal>,
    @InjectModel(APPRAISAL_ROUND) private readonly rounds: Model<AppraisalRound>,
    @InjectModel(HONOUR_QUOTA) private readonly quotas: Model<HonourQuota>,
    @InjectModel(EXCELLENT_LIMIT) private readonly excellentLimits: Model<ExcellentLimit>,
    @InjectModel(EXCELLENT_PLACE) private readonly excellentPlaces: Model<ExcellentPlace>,
    @InjectModel(CAMPAIGN_VIEW) private readonly campaigns: Model<CampaignView>,
    @InjectModel(ORG_UNIT) private readonly units: Model<UnitView>,
    @InjectModel(ORG_MEMBER) private readonly members: Model<MemberView>,
    @InjectModel(ORG_SYSTEM) private readonly systems: Model<SystemView>,
    private readonly rankings: RankingsService,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly names: NamesService,
  ) {}

  /** A member evaluates itself; a unit is evaluated by its own administrators (not by those of the unit above, who review it). */
  async selfEvaluate(principal: Principal, campaignId: string, input: SelfEvaluationDto): Promise<NamedAppraisal> {
    const { district } = principal;
    await this.campaign(district, campaignId);
    const subject = await this.subject(district, input);
    const own = input.subjectType === 'member' ? principal.memberId === input.subjectId : hasRole(principal, 'unit-admin') && principal.units.includes(input.subjectId);
    if (!own) throw new ForbiddenException(problem(input.subjectType === 'member' ? 'appraisal.self-evaluation-member-only' : 'appraisal.self-evaluation-unit-admins-only', { subjectId: input.subjectId }));
    await this.assertOpen(district, campaignId);
    this.assertStillMember(input, subject);
    const selfEvaluation = { summary: input.summary, proposedRating: input.proposedRating ?? null, by: principal.sub, at: new Date() };
    const saved = await this.write(district, campaignId, input, subject, { selfEvaluation });
    await this.audit.record({ district, campaignId, action: 'appraisal.self-evaluated', actor: principal.sub, target: `${input.subjectType}:${input.subjectId}`, details: { proposedRating: selfEvaluation.proposedRating } });
    return saved;
  }

  /**
   * A unit is reviewed by whoever manages its parent, a member by whoever manages the member's unit; never by the
   * subject itself, by an administrator or member of the unit rated, or by whoever wrote its self-evaluation. An
   * "excellent" takes one of the reviewing unit's places, when a limit is set.
   */
  async review(principal: Principal, campaignId: string, input: ReviewDto): Promise<NamedAppraisal> {
    const { district } = principal;
    await this.campaign(district, campaignId);
    const subject = await this.subject(district, input);
    const existing = await this.appraisals.findOne({ district, campaignId, subjectType: input.subjectType, subjectId: input.subjectId }).lean();
    await this.assertMayReview(principal, input, subject, existing);
    await this.assertOpen(district, campaignId);
    this.assertStillMember(input, subject);
    if (!existing?.selfEvaluation) throw new ConflictException(problem('appraisal.not-self-evaluated', { subjectId: input.subjectId }));
    const wasExcellent = existing.review?.rating === 'excellent';
    if (input.rating === 'excellent' && !wasExcellent) await this.takeExcellentPlace(district, campaignId, input, subject.reviewerUnitId);
    const review = { rating: input.rating, comment: input.comment, reviewer: principal.sub, reviewerUnitId: subject.reviewerUnitId, at: new Date() };
    let saved: NamedAppraisal;
    try {
      saved = await this.write(district, campaignId, input, subject, { review });
    } catch (error) {
      if (input.rating === 'excellent' && !wasExcellent) await this.releaseExcellentPlace(district, campaignId, input);
      throw error;
    }
    if (wasExcellent && input.rating !== 'excellent') await this.releaseExcellentPlace(district, campaignId, input);
    await this.audit.record({ district, campaignId, action: 'appraisal.reviewed', actor: principal.sub, target: `${input.subjectType}:${input.subjectId}`, reason: input.comment, details: { rating: input.rating, previousRating: existing.review?.rating ?? null } });
    return saved;
  }

  async list(principal: Principal, campaignId: string, subjectType?: 'member' | 'unit'): Promise<NamedAppraisal[]> {
    const filter: FilterQuery<Appraisal> = { district: principal.district, campaignId, ...(subjectType ? { subjectType } : {}) };
    if (!hasRole(principal, 'district-admin')) filter.unitPath = { $in: principal.units };
    return this.withNames(principal.district, await this.appraisals.find(filter).sort({ subjectType: 1, subjectId: 1 }).select('-_id').lean());
  }

  /** Appraisals with their subject's and unit's names beside the ids. */
  private async withNames(district: string, appraisals: Appraisal[]): Promise<NamedAppraisal[]> {
    const [members, units] = await Promise.all([
      this.names.of(district, 'member', appraisals.filter((a) => a.subjectType === 'member').map((a) => a.subjectId)),
      this.names.of(district, 'unit', appraisals.map((a) => a.unitId)),
    ]);
    return appraisals.map((a) => ({ ...a, subjectName: (a.subjectType === 'member' ? members.get(a.subjectId) : units.get(a.subjectId)) ?? null, unitName: units.get(a.unitId) ?? null }));
  }

  async calibration(district: string, campaignId: string) {
    const reviewed = await this.appraisals.find({ district, campaignId, review: { $ne: null } }).select('review').lean();
    const { overall, reviewers } = calibrate(reviewed.map((a) => ({ reviewerUnitId: a.review?.reviewerUnitId ?? DISTRICT_REVIEWER, rating: a.review!.rating })));
    const names = await this.names.of(district, 'unit', reviewers.map((reviewer) => reviewer.reviewerUnitId));
    return { campaignId, overall, reviewers: reviewers.map((reviewer) => ({ ...reviewer, reviewerUnitName: names.get(reviewer.reviewerUnitId) ?? (reviewer.reviewerUnitId === DISTRICT_REVIEWER ? messages.t('appraisal.district-reviewer') : null) })) };
  }

  /** The campaign's share for every reviewing unit, or one unit's own maximum; never below the excellents it already gave. */
  async setExcellentLimit(principal: Principal, campaignId: string, input: ExcellentLimitDto): Promise<ExcellentLimit> {
    const { district } = principal;
    await this.campaign(district, campaignId);
    const forOneUnit = input.reviewerUnitId !== undefined;
    if (forOneUnit ? input.max === undefined || input.maxShare !== undefined : input.maxShare === undefined || input.max !== undefined) {
      throw new BadRequestException(problem('appraisal.excellent-limit-shape'));
    }
    if (forOneUnit && !(await byDistrictKey(this.units.exists({ _id: districtKey(district, input.reviewerUnitId as string) })))) {
      throw new NotFoundException(problem('error.no-unit', { unitId: input.reviewerUnitId as string }));
    }
    await this.assertNotFinalised(district, campaignId);
    const reviewerUnitId = input.reviewerUnitId ?? EVERY_REVIEWER;
    if (forOneUnit) {
      const given = await this.excellentPlaces.countDocuments({ district, campaignId, subjectType: input.subjectType, reviewerUnitId });
      if (given > (input.max as number)) throw new ConflictException(problem('appraisal.excellent-limit-below-given', { reviewerUnitId, given }));
    }
    const key = { district, campaignId, subjectType: input.subjectType, reviewerUnitId };
    await this.excellentLimits.updateOne(key, { $set: { maxShare: input.maxShare ?? null, max: input.max ?? null } }, { upsert: true });
    await this.audit.record({ district, campaignId, action: 'appraisal.excellent-limit-set', actor: principal.sub, target: `unit:${reviewerUnitId}`, details: { subjectType: input.subjectType, maxShare: input.maxShare ?? null, max: input.max ?? null } });
    return (await this.excellentLimits.findOne(key).select('-_id').lean()) as ExcellentLimit;
  }

  async setQuota(principal: Principal, campaignId: string, input: HonourQuotaDto): Promise<HonourQuota> {
    const { district } = principal;
    await this.campaign(district, campaignId);
    await this.assertOpen(district, campaignId);
    const key = { district, campaignId, systemId: input.systemId, honour: input.honour };
    const existing = await this.quotas.findOne(key).lean();
    if (existing && existing.used > input.quota) throw new ConflictException(problem('appraisal.quota-below-awarded', { used: existing.used, systemId: input.systemId }));
    await this.quotas.updateOne(key, { $set: { quota: input.quota } }, { upsert: true });
    await this.audit.record({ district, campaignId, action: 'appraisal.quota-set', actor: principal.sub, target: `system:${input.systemId}`, details: { honour: input.honour, quota: input.quota } });
    return (await this.quotas.findOne(key).select('-_id').lean()) as HonourQuota;
  }

  /** Counts against the system's quota by compare-and-set, so concurrent awards can never exceed it. */
  async honour(principal: Principal, campaignId: string, input: HonourDto): Promise<NamedAppraisal> {
    const { district } = principal;
    await this.campaign(district, campaignId);
    const subject = await this.subject(district, input);
    const system = await byDistrictKey(this.systems.findOne({ _id: districtKey(district, input.systemId) })).lean();
    if (!system) throw new NotFoundException(problem('error.no-system', { systemId: input.systemId }));
    await this.assertOpen(district, campaignId);
    const expected = input.subjectType === 'unit' ? 'advanced-collective' : 'excellent-member';
    if (input.honour !== expected) throw new ConflictException(problem('appraisal.honour-kind', { subjectType: messages.t(`subject.${input.subjectType}`), honour: messages.t(`honour.${expected}`) }));
    this.assertStillMember(input, subject);
    if (!system.unitIds.includes(subject.unitId)) throw new ConflictException(problem('appraisal.not-in-system', { subjectId: input.subjectId, systemId: input.systemId }));
    const appraisal = await this.appraisals.findOne({ district, campaignId, subjectType: input.subjectType, subjectId: input.subjectId }).lean();
    if (appraisal?.review?.rating !== 'excellent') throw new ConflictException(problem('appraisal.honour-needs-excellent', { subjectId: input.subjectId }));
    if (appraisal.honour) throw new ConflictException(problem('appraisal.already-honoured', { subjectId: input.subjectId }));
    const quotaKey = { district, campaignId, systemId: input.systemId, honour: input.honour };
    await this.countAgainstQuota(quotaKey);
    const awarded = await this.appraisals.updateOne(
      { district, campaignId, subjectType: input.subjectType, subjectId: input.subjectId, honour: null, frozen: false },
      { $set: { honour: input.honour, honourSystemId: input.systemId } },
    );
    if (awarded.modifiedCount !== 1) {
      await this.quotas.updateOne(quotaKey, { $inc: { used: -1 } });
      throw new ConflictException(problem('appraisal.honoured-concurrently', { subjectId: input.subjectId }));
    }
    await this.audit.record({ district, campaignId, action: 'appraisal.honoured', actor: principal.sub, target: `${input.subjectType}:${input.subjectId}`, details: { honour: input.honour, systemId: input.systemId } });
    const [honoured] = await this.withNames(district, [(await this.appraisals.findOne({ district, campaignId, subjectType: input.subjectType, subjectId: input.subjectId }).select('-_id').lean()) as Appraisal]);
    return honoured;
  }

  /**
   * Compare-and-set on `used` ($expr is not in FerretDB 1.x): a concurrent award makes us read again and retry.
   * FerretDB 1.x does not apply a conditional update atomically, so this process also counts one award at a time.
   */
  private countAgainstQuota(quotaKey: Pick<HonourQuota, 'district' | 'campaignId' | 'systemId' | 'honour'>): Promise<void> {
    return this.quotasInOrder.run(Object.values(quotaKey).join('|'), () => this.compareAndCount(quotaKey));
  }

  private async compareAndCount(quotaKey: Pick<HonourQuota, 'district' | 'campaignId' | 'systemId' | 'honour'>): Promise<void> {
    for (;;) {
      const quota = await this.quotas.findOne(quotaKey).lean();
      if (!quota) throw new ConflictException(problem('appraisal.no-quota', { honour: messages.t(`honour.${quotaKey.honour}`), systemId: quotaKey.systemId }));
      if (quota.used >= quota.quota) throw new ConflictException(problem('appraisal.quota-used-up', { honour: messages.t(`honour.${quotaKey.honour}`), systemId: quotaKey.systemId, quota: quota.quota }));
      const counted = await this.quotas.updateOne({ ...quotaKey, used: quota.used, quota: quota.quota }, { $inc: { used: 1 } });
      if (counted.modifiedCount === 1) return;
    }
  }

  /**
   * Closes the round (open → finalising blocks further changes), freezes the unit rankings as published
   * snapshots, then records the results and AppraisalFinalised in one write of the round, and freezes the
   * appraisals. Re-running after a crash resumes from `finalising`.
   */
  async finalise(principal: Principal, campaignId: string): Promise<AppraisalRound> {
    const { district } = principal;
    await this.campaign(district, campaignId);
    await this.assertStage(district, campaignId);
    try {
      await this.rounds.updateOne({ district, campaignId, status: { $ne: 'finalised' } }, { $set: { status: 'finalising' } }, { upsert: true });
    } catch (error) {
      if (isDuplicateKey(error)) throw new ConflictException(problem('appraisal.already-finalised', { campaignId }));
      throw error;
    }
    const scopes: Array<{ scope: 'district-units' | 'system-units'; scopeId?: string }> = [
      { scope: 'district-units' },
      ...(await this.systems.find({ district }).select('systemId unitIds').lean())
        .filter((system) => system.unitIds.length > 0)
        .map((system) => ({ scope: 'system-units' as const, scopeId: system.systemId })),
    ];
    const rankingIds: string[] = [];
    for (const scope of scopes) rankingIds.push((await this.rankings.publish(district, { campaignId, period: 'campaign', ...scope }, principal.sub)).rankingId);
    const rated = await this.appraisals.find({ district, campaignId, review: { $ne: null } }).sort({ subjectType: 1, subjectId: 1 }).lean();
    const results: Result[] = rated.map((a) => ({ subjectType: a.subjectType, subjectId: a.subjectId, unitId: a.unitId, rating: a.review!.rating, honour: a.honour ?? null }));
    const finalisedAt = new Date();
    const envelopes: EventEnvelope[] = [];
    for (let start = 0; start === 0 || start < results.length; start += RESULTS_PER_EVENT) {
      envelopes.push(this.publisher.envelope(AppraisalFinalised, { campaignId, finalisedAt: finalisedAt.toISOString(), results: results.slice(start, start + RESULTS_PER_EVENT) }, district));
    }
    const closed = await this.rounds.updateOne(
      { district, campaignId, status: 'finalising' },
      withOutbox({ $set: { status: 'finalised', finalisedBy: principal.sub, finalisedAt, rankingIds } }, ...envelopes),
    );
    if (closed.modifiedCount !== 1) throw new ConflictException(problem('appraisal.finalised-concurrently', { campaignId }));
    this.relay.kick();
    await this.appraisals.updateMany({ district, campaignId }, { $set: { frozen: true } });
    await this.audit.record({ district, campaignId, action: 'appraisal.finalised', actor: principal.sub, target: `campaign:${campaignId}`, details: { results: results.length, rankingIds } });
    return (await this.rounds.findOne({ district, campaignId }).select('-_id').lean()) as AppraisalRound;
  }

  async round(district: string, campaignId: string): Promise<AppraisalRound> {
    return (await this.rounds.findOne({ district, campaignId }).select('-_id').lean()) ?? { district, campaignId, status: 'open', finalisedBy: null, finalisedAt: null, rankingIds: [] };
  }

  /** The campaign as scoring knows it; another district's is indistinguishable from none. */
  private async campaign(district: string, campaignId: string): Promise<CampaignView> {
    const campaign = await this.campaigns.findOne({ district, campaignId }).lean();
    if (!campaign) throw new NotFoundException(problem('error.no-campaign', { campaignId }));
    return campaign;
  }

  private async assertStage(district: string, campaignId: string): Promise<void> {
    const campaign = await this.campaign(district, campaignId);
    if (campaign.stage !== 'appraisal') throw new ConflictException(problem('appraisal.wrong-stage', { campaignId, stage: messages.t(`stage.${campaign.stage}`) }));
  }

  private async assertOpen(district: string, campaignId: string): Promise<void> {
    await this.assertStage(district, campaignId);
    await this.assertNotFinalised(district, campaignId);
  }

  private async assertNotFinalised(district: string, campaignId: string): Promise<void> {
    const round = await this.rounds.findOne({ district, campaignId }).lean();
    if (round && round.status !== 'open') throw new ConflictException(problem('appraisal.frozen', { campaignId }));
  }

  private async assertMayReview(principal: Principal, input: AppraisalSubjectDto, subject: Subject, existing: Appraisal | null): Promise<void> {
    const { district } = principal;
    const managesReviewer = subject.reviewerPath.length > 0 ? canManageUnit(principal, district, subject.reviewerPath) : hasRole(principal, 'district-admin');
    if (!managesReviewer) throw new ForbiddenException(problem('appraisal.not-reviewer', { subjectId: input.subjectId }));
    const reviewer = principal.memberId ? await byDistrictKey(this.members.findOne({ _id: districtKey(district, principal.memberId) })).lean() : null;
    const ownUnit = input.subjectType === 'unit' && (principal.units.includes(input.subjectId) || reviewer?.unitId === input.subjectId);
    if (principal.memberId === input.subjectId || ownUnit || existing?.selfEvaluation?.by === principal.sub) {
      throw new ForbiddenException(problem('appraisal.rates-own', { subjectId: input.subjectId }));
    }
  }

  /**
   * Takes a free "excellent" place of the reviewing unit by unique insert (every excellent holds one, so a limit set
   * later counts those given before it), or refuses when the limit's places are all held.
   */
  private async takeExcellentPlace(district: string, campaignId: string, input: AppraisalSubjectDto, reviewer: string | null): Promise<void> {
    const reviewerUnitId = reviewer ?? DISTRICT_REVIEWER;
    if (await this.excellentPlaces.exists({ district, campaignId, subjectType: input.subjectType, subjectId: input.subjectId })) return;
    const limit = await this.excellentLimit(district, campaignId, input.subjectType, reviewer);
    for (let place = 0; limit === null || place < limit; place += 1) {
      try {
        await this.excellentPlaces.create({ _id: districtKey(district, campaignId, input.subjectType, reviewerUnitId, String(place)), district, campaignId, subjectType: input.subjectType, reviewerUnitId, subjectId: input.subjectId });
        return;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    throw new ConflictException(problem('appraisal.excellent-limit-reached', { reviewerUnitId, limit }));
  }

  private async releaseExcellentPlace(district: string, campaignId: string, input: AppraisalSubjectDto): Promise<void> {
    await this.excellentPlaces.deleteMany({ district, campaignId, subjectType: input.subjectType, subjectId: input.subjectId });
  }

  /** The reviewing unit's own limit, else the campaign's share of the members of the unit (or of the units under it). */
  private async excellentLimit(district: string, campaignId: string, subjectType: 'member' | 'unit', reviewer: string | null): Promise<number | null> {
    const limits = await this.excellentLimits.find({ district, campaignId, subjectType }).lean();
    const own = limits.find((limit) => limit.reviewerUnitId === (reviewer ?? DISTRICT_REVIEWER) && limit.max !== null);
    const share = limits.find((limit) => limit.reviewerUnitId === EVERY_REVIEWER && limit.maxShare !== null);
    if (!own && !share) return null;
    const reviewees = subjectType === 'member' ? await this.members.countDocuments({ district, unitId: reviewer, status: 'active' }) : await this.units.countDocuments({ district, parentId: reviewer, status: 'active' });
    return excellentAllowed(own ? { max: own.max as number } : null, share ? { maxShare: share.maxShare as number } : null, reviewees);
  }

  private async subject(district: string, input: AppraisalSubjectDto): Promise<Subject> {
    if (input.subjectType === 'unit') {
      const unit = await byDistrictKey(this.units.findOne({ _id: districtKey(district, input.subjectId) })).lean();
      if (!unit) throw new NotFoundException(problem('error.no-unit', { unitId: input.subjectId }));
      return { unitId: unit.unitId, unitPath: unit.path, reviewerUnitId: unit.parentId, reviewerPath: unit.path.slice(0, -1), leftOn: null };
    }
    const member = await byDistrictKey(this.members.findOne({ _id: districtKey(district, input.subjectId) })).lean();
    if (!member) throw new NotFoundException(problem('error.no-member', { memberId: input.subjectId }));
    return { unitId: member.unitId, unitPath: member.unitPath, reviewerUnitId: member.unitId, reviewerPath: member.unitPath, leftOn: member.leftOn ?? null };
  }

  private assertStillMember(input: AppraisalSubjectDto, subject: Subject): void {
    if (subject.leftOn && subject.leftOn <= this.ledger.keysOf(new Date()).day) {
      throw new ConflictException(problem('appraisal.member-left', { memberId: input.subjectId, leftOn: subject.leftOn }));
    }
  }

  /** Upserts the appraisal unless it is frozen (a frozen one makes the upsert collide with the unique key). */
  private async write(district: string, campaignId: string, input: AppraisalSubjectDto, subject: Subject, changes: Partial<Appraisal>): Promise<NamedAppraisal> {
    const key = { district, campaignId, subjectType: input.subjectType, subjectId: input.subjectId };
    try {
      await this.appraisals.updateOne(
        { ...key, frozen: false },
        { $set: { ...changes, unitId: subject.unitId, unitPath: subject.unitPath, reviewerUnitId: subject.reviewerUnitId } },
        { upsert: true },
      );
    } catch (error) {
      if (isDuplicateKey(error)) throw new ConflictException(problem('appraisal.subject-frozen', { subjectId: input.subjectId }));
      throw error;
    }
    const [saved] = await this.withNames(district, [(await this.appraisals.findOne(key).select('-_id').lean()) as Appraisal]);
    return saved;
  }
}
