import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { AppraisalFinalised, EventEnvelope, PayloadOf } from '@campaign/contracts';
import { canManageUnit, hasRole, Principal } from '@campaign/auth';
import { EventPublisher, OutboxRelay, withOutbox } from '@campaign/messaging';
import { AuditService } from '../audit/audit.service';
import { KeyedSerialiser } from '../common/keyed-serialiser';
import { isDuplicateKey } from '../common/mongo-errors';
import { CampaignView, MemberView, SystemView, UnitView } from '../integration-events/read-model.schemas';
import { messages } from '../common/messages';
import { LedgerService } from '../ledger/ledger.service';
import { RankingsService } from '../rankings/rankings.service';
import { AppraisalSubjectDto, HonourDto, HonourQuotaDto, ReviewDto, SelfEvaluationDto } from './appraisal.dto';
import { Appraisal, AppraisalRound, HonourQuota } from './appraisal.schemas';
import { calibrate } from './calibration';
import { byDistrictKey, districtKey } from '@campaign/persistence';

type Result = PayloadOf<typeof AppraisalFinalised>['results'][number];

/** Results per AppraisalFinalised event: a district's members do not fit one message, so the results are split. */
const RESULTS_PER_EVENT = 2_000;

interface Subject {
  unitId: string;
  unitPath: string[];
  reviewerUnitId: string | null;
  reviewerPath: string[];
  /** A member who left: from its leave day it is neither appraised nor honoured. */
  leftOn: string | null;
}

/** The appraisal stage: self-evaluation, review by the parent unit, ratings, honours within quotas, finalisation. */
@Injectable()
export class AppraisalService {
  private readonly quotasInOrder = new KeyedSerialiser();

  constructor(
    @InjectModel('Appraisal') private readonly appraisals: Model<Appraisal>,
    @InjectModel('AppraisalRound') private readonly rounds: Model<AppraisalRound>,
    @InjectModel('HonourQuota') private readonly quotas: Model<HonourQuota>,
    @InjectModel('CampaignView') private readonly campaigns: Model<CampaignView>,
    @InjectModel('UnitView') private readonly units: Model<UnitView>,
    @InjectModel('MemberView') private readonly members: Model<MemberView>,
    @InjectModel('SystemView') private readonly systems: Model<SystemView>,
    private readonly rankings: RankingsService,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
  ) {}

  async selfEvaluate(principal: Principal, campaignId: string, input: SelfEvaluationDto): Promise<Appraisal> {
    const { district } = principal;
    await this.assertOpen(district, campaignId);
    const subject = await this.subject(district, input);
    const own = input.subjectType === 'member' ? principal.memberId === input.subjectId : canManageUnit(principal, district, subject.unitPath);
    if (!own) throw new ForbiddenException(`only ${input.subjectType === 'member' ? 'the member' : "the unit's administrators"} may evaluate ${input.subjectId}`);
    this.assertStillMember(input, subject);
    const selfEvaluation = { summary: input.summary, proposedRating: input.proposedRating ?? null, by: principal.sub, at: new Date() };
    const saved = await this.write(district, campaignId, input, subject, { selfEvaluation });
    await this.audit.record({ district, campaignId, action: 'appraisal.self-evaluated', actor: principal.sub, target: `${input.subjectType}:${input.subjectId}`, details: { proposedRating: selfEvaluation.proposedRating } });
    return saved;
  }

  /** A unit is reviewed by whoever manages its parent; a member by whoever manages the member's unit, never by themselves. */
  async review(principal: Principal, campaignId: string, input: ReviewDto): Promise<Appraisal> {
    const { district } = principal;
    await this.assertOpen(district, campaignId);
    const subject = await this.subject(district, input);
    const allowed = subject.reviewerPath.length > 0 ? canManageUnit(principal, district, subject.reviewerPath) : hasRole(principal, 'district-admin');
    if (!allowed || principal.memberId === input.subjectId) throw new ForbiddenException(`you do not manage the unit that reviews ${input.subjectId}`);
    this.assertStillMember(input, subject);
    const existing = await this.appraisals.findOne({ district, campaignId, subjectType: input.subjectType, subjectId: input.subjectId }).lean();
    if (!existing?.selfEvaluation) throw new ConflictException(`${input.subjectId} has not evaluated itself yet`);
    const review = { rating: input.rating, comment: input.comment, reviewer: principal.sub, reviewerUnitId: subject.reviewerUnitId, at: new Date() };
    const saved = await this.write(district, campaignId, input, subject, { review });
    await this.audit.record({ district, campaignId, action: 'appraisal.reviewed', actor: principal.sub, target: `${input.subjectType}:${input.subjectId}`, reason: input.comment, details: { rating: input.rating, previousRating: existing.review?.rating ?? null } });
    return saved;
  }

  async list(principal: Principal, campaignId: string, subjectType?: 'member' | 'unit'): Promise<Appraisal[]> {
    const filter: FilterQuery<Appraisal> = { district: principal.district, campaignId, ...(subjectType ? { subjectType } : {}) };
    if (!hasRole(principal, 'district-admin')) {
      if (!hasRole(principal, 'unit-admin')) throw new ForbiddenException('appraisals are for unit and district administrators');
      filter.unitPath = { $in: principal.units };
    }
    return this.appraisals.find(filter).sort({ subjectType: 1, subjectId: 1 }).select('-_id').lean();
  }

  async calibration(district: string, campaignId: string) {
    const reviewed = await this.appraisals.find({ district, campaignId, review: { $ne: null } }).select('review').lean();
    return { campaignId, ...calibrate(reviewed.map((a) => ({ reviewerUnitId: a.review?.reviewerUnitId ?? '(district)', rating: a.review!.rating }))) };
  }

  async setQuota(principal: Principal, campaignId: string, input: HonourQuotaDto): Promise<HonourQuota> {
    const { district } = principal;
    await this.assertOpen(district, campaignId);
    const key = { district, campaignId, systemId: input.systemId, honour: input.honour };
    const existing = await this.quotas.findOne(key).lean();
    if (existing && existing.used > input.quota) throw new ConflictException(`${existing.used} ${input.honour} honours are already awarded in ${input.systemId}`);
    await this.quotas.updateOne(key, { $set: { quota: input.quota } }, { upsert: true });
    await this.audit.record({ district, campaignId, action: 'appraisal.quota-set', actor: principal.sub, target: `system:${input.systemId}`, details: { honour: input.honour, quota: input.quota } });
    return (await this.quotas.findOne(key).select('-_id').lean()) as HonourQuota;
  }

  /** Counts against the system's quota by compare-and-set, so concurrent awards can never exceed it. */
  async honour(principal: Principal, campaignId: string, input: HonourDto): Promise<Appraisal> {
    const { district } = principal;
    await this.assertOpen(district, campaignId);
    const expected = input.subjectType === 'unit' ? 'advanced-collective' : 'excellent-member';
    if (input.honour !== expected) throw new ConflictException(`a ${input.subjectType} can be honoured only as ${expected}`);
    const subject = await this.subject(district, input);
    this.assertStillMember(input, subject);
    const system = await byDistrictKey(this.systems.findOne({ _id: districtKey(district, input.systemId) })).lean();
    if (!system) throw new NotFoundException(`no system ${input.systemId}`);
    if (!system.unitIds.includes(subject.unitId)) throw new ConflictException(`${input.subjectId} is not in system ${input.systemId}`);
    const appraisal = await this.appraisals.findOne({ district, campaignId, subjectType: input.subjectType, subjectId: input.subjectId }).lean();
    if (appraisal?.review?.rating !== 'excellent') throw new ConflictException(`${input.subjectId} must be rated excellent to be honoured`);
    if (appraisal.honour) throw new ConflictException(`${input.subjectId} is already honoured`);
    const quotaKey = { district, campaignId, systemId: input.systemId, honour: input.honour };
    await this.countAgainstQuota(quotaKey);
    const awarded = await this.appraisals.updateOne(
      { district, campaignId, subjectType: input.subjectType, subjectId: input.subjectId, honour: null, frozen: false },
      { $set: { honour: input.honour, honourSystemId: input.systemId } },
    );
    if (awarded.modifiedCount !== 1) {
      await this.quotas.updateOne(quotaKey, { $inc: { used: -1 } });
      throw new ConflictException(`${input.subjectId} was honoured or frozen concurrently`);
    }
    await this.audit.record({ district, campaignId, action: 'appraisal.honoured', actor: principal.sub, target: `${input.subjectType}:${input.subjectId}`, details: { honour: input.honour, systemId: input.systemId } });
    return (await this.appraisals.findOne({ district, campaignId, subjectType: input.subjectType, subjectId: input.subjectId }).select('-_id').lean()) as Appraisal;
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
      if (!quota) throw new ConflictException(`no ${quotaKey.honour} quota is set for system ${quotaKey.systemId}`);
      if (quota.used >= quota.quota) throw new ConflictException(`the ${quotaKey.honour} quota of system ${quotaKey.systemId} (${quota.quota}) is used up`);
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
    await this.assertStage(district, campaignId);
    try {
      await this.rounds.updateOne({ district, campaignId, status: { $ne: 'finalised' } }, { $set: { status: 'finalising' } }, { upsert: true });
    } catch (error) {
      if (isDuplicateKey(error)) throw new ConflictException(`the appraisal of campaign ${campaignId} is already finalised`);
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
    if (closed.modifiedCount !== 1) throw new ConflictException(`the appraisal of campaign ${campaignId} was finalised concurrently`);
    this.relay.kick();
    await this.appraisals.updateMany({ district, campaignId }, { $set: { frozen: true } });
    await this.audit.record({ district, campaignId, action: 'appraisal.finalised', actor: principal.sub, target: `campaign:${campaignId}`, details: { results: results.length, rankingIds } });
    return (await this.rounds.findOne({ district, campaignId }).select('-_id').lean()) as AppraisalRound;
  }

  async round(district: string, campaignId: string): Promise<AppraisalRound> {
    return (await this.rounds.findOne({ district, campaignId }).select('-_id').lean()) ?? { district, campaignId, status: 'open', finalisedBy: null, finalisedAt: null, rankingIds: [] };
  }

  private async assertStage(district: string, campaignId: string): Promise<void> {
    const campaign = await this.campaigns.findOne({ district, campaignId }).lean();
    if (!campaign) throw new NotFoundException(`no campaign ${campaignId}`);
    if (campaign.stage !== 'appraisal') throw new ConflictException(`campaign ${campaignId} is in the ${campaign.stage} stage; appraisal happens in the appraisal stage`);
  }

  private async assertOpen(district: string, campaignId: string): Promise<void> {
    await this.assertStage(district, campaignId);
    const round = await this.rounds.findOne({ district, campaignId }).lean();
    if (round && round.status !== 'open') throw new ConflictException(`the appraisal of campaign ${campaignId} is ${round.status}: results are frozen`);
  }

  private async subject(district: string, input: AppraisalSubjectDto): Promise<Subject> {
    if (input.subjectType === 'unit') {
      const unit = await byDistrictKey(this.units.findOne({ _id: districtKey(district, input.subjectId) })).lean();
      if (!unit) throw new NotFoundException(`no unit ${input.subjectId}`);
      return { unitId: unit.unitId, unitPath: unit.path, reviewerUnitId: unit.parentId, reviewerPath: unit.path.slice(0, -1), leftOn: null };
    }
    const member = await byDistrictKey(this.members.findOne({ _id: districtKey(district, input.subjectId) })).lean();
    if (!member) throw new NotFoundException(`no member ${input.subjectId}`);
    return { unitId: member.unitId, unitPath: member.unitPath, reviewerUnitId: member.unitId, reviewerPath: member.unitPath, leftOn: member.leftOn ?? null };
  }

  private assertStillMember(input: AppraisalSubjectDto, subject: Subject): void {
    if (subject.leftOn && subject.leftOn <= this.ledger.keysOf(new Date()).day) {
      throw new ConflictException(messages.t('appraisal.member-left', { memberId: input.subjectId, leftOn: subject.leftOn }));
    }
  }

  /** Upserts the appraisal unless it is frozen (a frozen one makes the upsert collide with the unique key). */
  private async write(district: string, campaignId: string, input: AppraisalSubjectDto, subject: Subject, changes: Partial<Appraisal>): Promise<Appraisal> {
    const key = { district, campaignId, subjectType: input.subjectType, subjectId: input.subjectId };
    try {
      await this.appraisals.updateOne(
        { ...key, frozen: false },
        { $set: { ...changes, unitId: subject.unitId, unitPath: subject.unitPath, reviewerUnitId: subject.reviewerUnitId } },
        { upsert: true },
      );
    } catch (error) {
      if (isDuplicateKey(error)) throw new ConflictException(`the appraisal of ${input.subjectId} is frozen`);
      throw error;
    }
    return (await this.appraisals.findOne(key).select('-_id').lean()) as Appraisal;
  }
}
