import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { OutboxRelay, withOutbox } from '@campaign/messaging';
import { bulkWriteSafely, onlyDuplicateKeys } from '@campaign/persistence';
import { ACTIVITY, Activity } from '../activities/activity.schema';
import { campaignWeek } from '../campaigns/campaign-calendar';
import { Campaign } from '../campaigns/campaign.schema';
import { OrgDirectoryService } from '../org-read-model/org-directory.service';
import { OrgUnit } from '../org-read-model/org-read-model.schemas';
import { PLAN, Plan } from '../plans/plan.schema';
import { SUBMISSION, Submission } from '../submissions/submission.schema';
import { TARGET, Target } from '../targets/target.schema';
import { ObligationAnnouncer } from './obligation-announcer';
import { atRiskWindowMs, endOfYear, obligationStatus } from './obligation-rules';
import { MEMBER_STUDY_OBLIGATION, OBLIGATION, Obligation, obligationId, ObligationKind, ObligationStatus } from './obligation.schema';

type ObligationSeed = Omit<Obligation, 'status' | 'statusChangedAt' | 'metAt' | 'waivedAt'>;

export interface ObligationQuery {
  campaignId?: string;
  kind?: ObligationKind;
  status?: ObligationStatus;
}

/** An absent query parameter must not become a `{ field: undefined }` (null) match. */
function definedOnly(query: ObligationQuery): ObligationQuery {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
}

const WEEK_MS = 7 * 24 * 60 * 60_000;
const LIST_LIMIT = 5_000;
const OWED: ObligationStatus[] = ['open', 'at-risk'];

/**
 * What each unit and member owes, derived from the campaign, the plans and the targets, and its status as records
 * arrive. Safe with N replicas: materialising is an idempotent insert by a deterministic id, and each status change
 * is a compare-and-set on the previous status, so only one replica announces it.
 */
@Injectable()
export class ObligationService {
  private readonly atRiskDays: number;

  constructor(
    @InjectModel(OBLIGATION) private readonly obligations: Model<Obligation>,
    @InjectModel(MEMBER_STUDY_OBLIGATION) private readonly memberStudy: Model<Obligation>,
    @InjectModel(PLAN) private readonly plans: Model<Plan>,
    @InjectModel(SUBMISSION) private readonly submissions: Model<Submission>,
    @InjectModel(TARGET) private readonly targets: Model<Target>,
    @InjectModel(ACTIVITY) private readonly activities: Model<Activity>,
    private readonly directory: OrgDirectoryService,
    private readonly announcer: ObligationAnnouncer,
    private readonly relay: OutboxRelay,
    config: ConfigService,
  ) {
    this.atRiskDays = config.getOrThrow<number>('OBLIGATION_AT_RISK_DAYS');
  }

  /** Materialises and re-evaluates everything a campaign implies now. */
  async evaluateCampaign(district: string, campaign: Campaign, now = new Date()): Promise<void> {
    await this.materialise(district, campaign, now);
    await this.evaluate(district, { campaignId: campaign._id }, now);
  }

  /** Re-evaluates the obligations a new record may have fulfilled (or reopened). */
  async refresh(district: string, filter: FilterQuery<Obligation>): Promise<void> {
    await this.evaluate(district, filter, new Date());
  }

  /** A unit's and its subtree's obligations, members' weekly study included, oldest due first. */
  async forUnit(district: string, unitId: string, query: ObligationQuery): Promise<Obligation[]> {
    return this.listed({ district, unitPath: unitId, ...definedOnly(query) }, query.kind);
  }

  async forMember(district: string, memberId: string, query: ObligationQuery): Promise<Obligation[]> {
    return this.listed({ district, memberId, ...definedOnly(query) }, query.kind);
  }

  private async listed(filter: FilterQuery<Obligation>, kind?: ObligationKind): Promise<Obligation[]> {
    const read = (model: Model<Obligation>) => model.find(filter).sort({ dueAt: 1, _id: 1 }).limit(LIST_LIMIT).lean<Obligation[]>().exec();
    const [general, weekly] = await Promise.all([
      kind === 'member-weekly-study' ? [] : read(this.obligations),
      kind && kind !== 'member-weekly-study' ? [] : read(this.memberStudy),
    ]);
    return [...general, ...weekly]
      .sort((a, b) => new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime() || a._id.localeCompare(b._id))
      .slice(0, LIST_LIMIT);
  }

  /** A leaver no longer owes what falls due after they left: each open obligation is waived and announced once. */
  async waiveForLeaver(district: string, memberId: string, leftOn: Date, now = new Date()): Promise<void> {
    let announced = false;
    for (const model of [this.obligations, this.memberStudy]) {
      const owed = await model.find({ district, memberId, status: { $in: OWED }, dueAt: { $gte: leftOn } }).lean<Obligation[]>().exec();
      if (owed.length === 0) continue;
      const namesOf = await this.announcer.namesOf(district, owed);
      for (const obligation of owed) {
        const envelope = this.announcer.envelope(district, obligation, 'waived', now, namesOf(obligation));
        const update = withOutbox({ $set: { status: 'waived', statusChangedAt: now, waivedAt: now } }, envelope!);
        const result = await model.updateOne({ district, _id: obligation._id, status: obligation.status }, update);
        announced = announced || result.modifiedCount > 0;
      }
    }
    if (announced) this.relay.kick();
  }

  /** After a transfer, what the member still owes from its effective date belongs to the new unit (its secretaries are told). */
  async followTransfer(district: string, memberId: string, to: Pick<OrgUnit, '_id' | 'path'>, effectiveAt: Date): Promise<void> {
    for (const model of [this.obligations, this.memberStudy]) {
      const owed = await model.find({ district, memberId, status: { $in: OWED }, dueAt: { $gte: effectiveAt } }).select('_id unitId').lean<Obligation[]>().exec();
      // One update by _id each: it takes the document's lock against the outbox relay (FerretDB 1.x updates are not atomic).
      for (const obligation of owed.filter((o) => o.unitId !== to._id)) {
        await model.updateOne({ district, _id: obligation._id }, { $set: { unitId: to._id, unitPath: to.path } });
      }
    }
  }

  private async materialise(district: string, campaign: Campaign, now: Date): Promise<void> {
    const seeds = [
      ...(await this.planSeeds(district, campaign)),
      ...(await this.submissionSeeds(district, campaign, now)),
      ...(await this.targetSeeds(district, campaign)),
      ...(campaign.stage === 'operation' ? await this.weeklyStudySeeds(district, campaign, now) : []),
    ];
    if (seeds.length === 0) return;
    // One read of the campaign's ids and inserts of the new ones: an upsert per seed is a scan per seed on FerretDB 1.x.
    const existing = await this.obligations.find({ district, campaignId: campaign._id }).select('_id').lean<Pick<Obligation, '_id'>[]>().exec();
    const known = new Set(existing.map((obligation) => obligation._id));
    const missing = seeds.filter((seed) => !known.has(seed._id));
    if (missing.length === 0) return;
    try {
      await bulkWriteSafely(
        this.obligations,
        missing.map((seed) => ({ insertOne: { document: { ...seed, district, status: 'open', statusChangedAt: now } as Obligation } })),
        { ordered: false },
      );
    } catch (error) {
      // Another replica inserted some first; FerretDB 1.x stops an unordered batch there, so the next run adds the rest.
      if (!onlyDuplicateKeys(error)) throw error;
    }
  }

  private async planSeeds(district: string, campaign: Campaign): Promise<ObligationSeed[]> {
    const units = await this.directory.activeUnitsWithParent(district);
    return units.map((unit) => ({
      _id: obligationId(campaign._id, 'plan', unit._id, 'plan'),
      district,
      campaignId: campaign._id,
      kind: 'plan',
      memberId: null,
      unitId: unit._id,
      unitPath: unit.path,
      periodKey: 'plan',
      dueAt: campaign.planDueAt,
    }));
  }

  private async submissionSeeds(district: string, campaign: Campaign, now: Date): Promise<ObligationSeed[]> {
    const year = now.getUTCFullYear();
    const members = await this.directory.activeMembers(district);
    return members.flatMap((member) =>
      (['reflection', 'research-report'] as const).map((kind) => ({
        _id: obligationId(campaign._id, kind, member._id, String(year)),
        district,
        campaignId: campaign._id,
        kind,
        memberId: member._id,
        unitId: member.unitId,
        unitPath: member.unitPath,
        periodKey: String(year),
        dueAt: endOfYear(year),
      })),
    );
  }

  private async targetSeeds(district: string, campaign: Campaign): Promise<ObligationSeed[]> {
    const targets = await this.targets.find({ district, campaignId: campaign._id }).lean<Target[]>().exec();
    return targets.map((target) => ({
      _id: obligationId(campaign._id, 'target', target.memberId, target._id),
      district,
      campaignId: campaign._id,
      kind: 'target',
      memberId: target.memberId,
      unitId: target.memberUnitId,
      unitPath: target.memberUnitPath,
      periodKey: `${target.year}/${target._id}`,
      targetId: target._id,
      title: target.title,
      dueAt: target.dueAt,
    }));
  }

  /** Party branches, and every unit whose approved plan sets up weekly collective study, owe one each campaign week. */
  private async weeklyStudySeeds(district: string, campaign: Campaign, now: Date): Promise<ObligationSeed[]> {
    const week = campaignWeek(campaign, now);
    if (!week) return [];
    const [branches, plans] = await Promise.all([
      this.directory.unitsOfKind(district, 'party-branch'),
      this.plans.find({ district, campaignId: campaign._id, status: 'approved', 'institutions.weeklyCollectiveStudy': true }).lean<Plan[]>().exec(),
    ]);
    const planned = await Promise.all(plans.map((plan) => this.directory.unit(district, plan.unitId)));
    const units = new Map([...branches, ...planned.filter((unit) => unit?.status === 'active')].map((unit) => [unit!._id, unit!]));
    return [...units.values()].map((unit) => ({
      _id: obligationId(campaign._id, 'weekly-collective-study', unit._id, week.key),
      district,
      campaignId: campaign._id,
      kind: 'weekly-collective-study',
      memberId: null,
      unitId: unit._id,
      unitPath: unit.path,
      periodKey: week.key,
      dueAt: new Date(week.endsAt.getTime() - 1),
    }));
  }

  private async evaluate(district: string, filter: FilterQuery<Obligation>, now: Date): Promise<void> {
    const obligations = await this.obligations.find({ ...filter, district, status: { $ne: 'waived' } }).lean<Obligation[]>().exec();
    if (obligations.length === 0) return;
    const satisfied = await this.satisfaction(district, obligations);
    const changes = obligations.flatMap((obligation) => {
      const satisfiedAt = satisfied.get(obligation._id) ?? null;
      const atRiskMs = atRiskWindowMs(obligation.kind, this.atRiskDays);
      const next = obligationStatus({ dueAt: obligation.dueAt, now, satisfiedAt, atRiskMs });
      return next === obligation.status ? [] : [{ obligation, next, satisfiedAt }];
    });
    if (changes.length === 0) return;
    const namesOf = await this.announcer.namesOf(district, changes.map((change) => change.obligation));
    let announced = false;
    for (const { obligation, next, satisfiedAt } of changes) {
      announced = (await this.transition(district, obligation, next, satisfiedAt, now, namesOf)) || announced;
    }
    if (announced) this.relay.kick();
  }

  /** Compare-and-set on the previous status: a change is written, and announced, at most once. */
  private async transition(
    district: string,
    obligation: Obligation,
    next: ObligationStatus,
    satisfiedAt: Date | null,
    now: Date,
    namesOf: Awaited<ReturnType<ObligationAnnouncer['namesOf']>>,
  ): Promise<boolean> {
    const set = { status: next, statusChangedAt: now, ...(satisfiedAt ? { metAt: satisfiedAt } : {}) };
    const envelope = this.announcer.envelope(district, obligation, next, satisfiedAt ?? now, namesOf(obligation));
    const update = envelope ? withOutbox({ $set: set }, envelope) : { $set: set };
    const result = await this.obligations.updateOne({ district, _id: obligation._id, status: obligation.status }, update);
    return Boolean(envelope) && result.modifiedCount > 0;
  }

  /** When each obligation was fulfilled; computed here from plain finds since FerretDB 1.x has no $lookup. */
  private async satisfaction(district: string, obligations: Obligation[]): Promise<Map<string, Date>> {
    const byKind = (kinds: ObligationKind[]) => obligations.filter((o) => kinds.includes(o.kind));
    const satisfied = new Map<string, Date>();

    const planObligations = byKind(['plan']);
    if (planObligations.length > 0) {
      const plans = await this.plans
        .find({ district, unitId: { $in: planObligations.map((o) => o.unitId) }, status: { $in: ['submitted', 'approved'] } })
        .lean<Plan[]>()
        .exec();
      const submitted = new Map(plans.map((plan) => [`${plan.campaignId}:${plan.unitId}`, plan.submittedAt]));
      for (const o of planObligations) {
        const at = submitted.get(`${o.campaignId}:${o.unitId}`);
        if (at) satisfied.set(o._id, at);
      }
    }

    const submissionObligations = byKind(['reflection', 'research-report']);
    if (submissionObligations.length > 0) {
      const accepted = await this.submissions
        .find({ district, memberId: { $in: [...new Set(submissionObligations.map((o) => o.memberId))] }, status: 'accepted' })
        .lean<Submission[]>()
        .exec();
      const acceptedAt = new Map(accepted.map((s) => [`${s.campaignId}:${s.kind}:${s.memberId}:${s.year}`, s.reviewedAt]));
      for (const o of submissionObligations) {
        const at = acceptedAt.get(`${o.campaignId}:${o.kind}:${o.memberId}:${o.periodKey}`);
        if (at) satisfied.set(o._id, at);
      }
    }

    const targetObligations = byKind(['target']);
    if (targetObligations.length > 0) {
      const completed = await this.targets
        .find({ district, _id: { $in: targetObligations.map((o) => o.targetId) }, status: 'completed' })
        .lean<Target[]>()
        .exec();
      const completedAt = new Map(completed.map((t) => [t._id, t.completedAt]));
      for (const o of targetObligations) {
        const at = o.targetId ? completedAt.get(o.targetId) : undefined;
        if (at) satisfied.set(o._id, at);
      }
    }

    const studyObligations = byKind(['weekly-collective-study']);
    if (studyObligations.length > 0) {
      const earliest = Math.min(...studyObligations.map((o) => new Date(o.dueAt).getTime())) - WEEK_MS;
      const latest = Math.max(...studyObligations.map((o) => new Date(o.dueAt).getTime()));
      const held = await this.activities
        .find({
          district,
          kind: 'collective-study',
          status: 'held',
          organiserUnitId: { $in: studyObligations.map((o) => o.unitId) },
          startsAt: { $gte: new Date(earliest), $lte: new Date(latest) },
        })
        .lean<Activity[]>()
        .exec();
      for (const o of studyObligations) {
        const due = new Date(o.dueAt).getTime();
        const study = held.find((a) => a.organiserUnitId === o.unitId && a.startsAt.getTime() > due - WEEK_MS && a.startsAt.getTime() <= due);
        if (study?.heldAt) satisfied.set(o._id, study.heldAt);
      }
    }
    return satisfied;
  }
}
