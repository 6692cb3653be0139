import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { Principal } from '@campaign/auth';
import { PlanApproved, PlanReturned, PlanSubmitted } from '@campaign/contracts';
import { EventPublisher, OutboxRelay, withOutbox } from '@campaign/messaging';
import { isDuplicateKey } from '@campaign/persistence';
import { AccessService } from '../access/access.service';
import { resubmissionDueAt } from '../campaigns/campaign-calendar';
import { CampaignService } from '../campaigns/campaign.service';
import { conflict, label, notFound, orList } from '../i18n/messages';
import { ObligationService } from '../obligations/obligation.service';
import { OrgDirectoryService } from '../org-read-model/org-directory.service';
import { DraftPlanDto, ReturnPlanDto, UpdatePlanDto } from './plan.dto';
import { PLAN, Plan, PlanStatus } from './plan.schema';

export interface ChildPlanStatus {
  unitId: string;
  unitName: string;
  planId: string | null;
  status: PlanStatus | 'missing';
  dueAt: Date;
  overdue: boolean;
}

@Injectable()
export class PlanService {
  private readonly resubmissionDays: number;

  constructor(
    @InjectModel(PLAN) private readonly plans: Model<Plan>,
    private readonly campaigns: CampaignService,
    private readonly access: AccessService,
    private readonly directory: OrgDirectoryService,
    private readonly obligations: ObligationService,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
    config: ConfigService,
  ) {
    this.resubmissionDays = config.getOrThrow<number>('PLAN_RESUBMISSION_DAYS');
  }

  async draft(principal: Principal, dto: DraftPlanDto): Promise<Plan> {
    const { district } = principal;
    const unit = await this.access.managedUnit(principal, dto.unitId);
    const campaign = await this.campaigns.requireStage(district, dto.campaignId, 'plan');
    try {
      const plan = await this.plans.create({
        _id: randomUUID(),
        district,
        campaignId: campaign._id,
        unitId: unit._id,
        parentUnitId: unit.parentId,
        theme: dto.theme,
        carriers: dto.carriers,
        institutions: dto.institutions,
        status: 'draft',
        dueAt: campaign.planDueAt,
        history: [{ status: 'draft', at: new Date(), by: principal.sub }],
      });
      return plan.toObject();
    } catch (error) {
      if (isDuplicateKey(error)) throw conflict('plan-exists', { unitName: unit.name });
      throw error;
    }
  }

  async get(principal: Principal, planId: string): Promise<Plan> {
    const plan = await this.plans.findOne({ district: principal.district, _id: planId }).lean<Plan>().exec();
    if (!plan) throw notFound('plan-not-found', { planId });
    await this.access.managedUnit(principal, plan.unitId);
    return plan;
  }

  async update(principal: Principal, planId: string, dto: UpdatePlanDto): Promise<Plan> {
    const plan = await this.get(principal, planId);
    await this.campaigns.requireStage(principal.district, plan.campaignId, 'plan');
    await this.changeFrom(principal.district, plan, ['draft', 'returned'], { $set: Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) });
    return this.get(principal, planId);
  }

  async submit(principal: Principal, planId: string): Promise<Plan> {
    const plan = await this.get(principal, planId);
    await this.campaigns.requireStage(principal.district, plan.campaignId, 'plan');
    const unit = await this.access.unitOrThrow(principal, plan.unitId);
    const submittedAt = new Date();
    const envelope = this.publisher.envelope(
      PlanSubmitted,
      { ...this.ref(plan), parentUnitId: unit.parentId, submittedAt: submittedAt.toISOString() },
      principal.district,
    );
    await this.changeFrom(
      principal.district,
      plan,
      ['draft', 'returned'],
      withOutbox(
        { $set: { status: 'submitted', submittedAt, parentUnitId: unit.parentId }, $push: { history: { status: 'submitted', at: submittedAt, by: principal.sub } } },
        envelope,
      ),
    );
    await this.afterChange(principal.district, plan);
    return this.get(principal, planId);
  }

  async approve(principal: Principal, planId: string): Promise<Plan> {
    const plan = await this.reviewable(principal, planId);
    const approvedAt = new Date();
    const submittedAt = plan.submittedAt as Date;
    const envelope = this.publisher.envelope(
      PlanApproved,
      {
        ...this.ref(plan),
        approvedAt: approvedAt.toISOString(),
        submittedAt: submittedAt.toISOString(),
        onTime: submittedAt.getTime() <= new Date(plan.dueAt).getTime(),
      },
      principal.district,
    );
    await this.changeFrom(
      principal.district,
      plan,
      ['submitted'],
      withOutbox({ $set: { status: 'approved', reviewedAt: approvedAt }, $push: { history: { status: 'approved', at: approvedAt, by: principal.sub } } }, envelope),
    );
    await this.afterChange(principal.district, plan);
    return this.get(principal, planId);
  }

  /** Back to the unit with a comment and a date to resubmit by, from the campaign's calendar. */
  async return(principal: Principal, planId: string, dto: ReturnPlanDto): Promise<Plan> {
    const plan = await this.reviewable(principal, planId);
    const campaign = await this.campaigns.get(principal.district, plan.campaignId);
    const returnedAt = new Date();
    const resubmitBy = resubmissionDueAt(campaign, campaign.stage, returnedAt, this.resubmissionDays);
    const envelope = this.publisher.envelope(
      PlanReturned,
      { ...this.ref(plan), returnedAt: returnedAt.toISOString(), comment: dto.comment, resubmitBy: resubmitBy.toISOString() },
      principal.district,
    );
    await this.changeFrom(
      principal.district,
      plan,
      ['submitted'],
      withOutbox(
        {
          $set: { status: 'returned', reviewedAt: returnedAt, reviewComment: dto.comment, resubmitBy },
          $push: { history: { status: 'returned', at: returnedAt, by: principal.sub, comment: dto.comment } },
        },
        envelope,
      ),
    );
    await this.afterChange(principal.district, plan);
    return this.get(principal, planId);
  }

  /** The child units of a unit with the state of their plans; overdue = not submitted by the campaign's deadline. */
  async ofUnit(principal: Principal, unitId: string, campaignId: string): Promise<Plan> {
    await this.access.managedUnit(principal, unitId);
    const plan = await this.plans.findOne({ district: principal.district, campaignId, unitId }).lean<Plan>().exec();
    if (!plan) throw notFound('unit-plan-not-found', { unitId });
    return plan;
  }

  async childrenStatus(principal: Principal, unitId: string, campaignId: string): Promise<ChildPlanStatus[]> {
    await this.access.managedUnit(principal, unitId);
    const campaign = await this.campaigns.get(principal.district, campaignId);
    const [children, plans] = await Promise.all([
      this.directory.childUnits(principal.district, unitId),
      this.plans.find({ district: principal.district, campaignId, parentUnitId: unitId }).lean<Plan[]>().exec(),
    ]);
    const byUnit = new Map(plans.map((plan) => [plan.unitId, plan]));
    const late = Date.now() > new Date(campaign.planDueAt).getTime();
    return children.map((child) => {
      const plan = byUnit.get(child._id);
      const status = plan?.status ?? 'missing';
      return {
        unitId: child._id,
        unitName: child.name,
        planId: plan?._id ?? null,
        status,
        dueAt: campaign.planDueAt,
        overdue: late && ['missing', 'draft', 'returned'].includes(status),
      };
    });
  }

  /** Only a manager of the parent unit reviews (the unit's own admin cannot approve its own plan); then the stage must allow it. */
  async overdueChildren(principal: Principal, unitId: string, campaignId: string): Promise<ChildPlanStatus[]> {
    return (await this.childrenStatus(principal, unitId, campaignId)).filter((child) => child.overdue);
  }

  /** Plans waiting for the parent unit's review, without their history. */
  awaitingReview(district: string, campaignId?: string): Promise<Plan[]> {
    return this.plans.find({ district, status: 'submitted', ...(campaignId ? { campaignId } : {}) }).select('-history').lean<Plan[]>().exec();
  }

  private async reviewable(principal: Principal, planId: string): Promise<Plan> {
    const plan = await this.get(principal, planId);
    if (!plan.parentUnitId) throw conflict('plan-root-unit');
    await this.access.managedUnit(principal, plan.parentUnitId);
    await this.campaigns.requireStage(principal.district, plan.campaignId, 'review');
    return plan;
  }

  /** Compare-and-set on the status: a concurrent transition makes this one fail with 409. */
  private async changeFrom(district: string, plan: Plan, from: PlanStatus[], update: Record<string, unknown>): Promise<void> {
    if (!from.includes(plan.status)) {
      throw conflict('plan-status', { status: label('plan-status', plan.status), expected: orList(from.map((status) => label('plan-status', status))) });
    }
    const result = await this.plans.updateOne({ district, _id: plan._id, status: plan.status }, update);
    if (result.matchedCount === 0) throw conflict('concurrent-change');
  }

  private async afterChange(district: string, plan: Plan): Promise<void> {
    this.relay.kick();
    await this.obligations.refresh(district, { campaignId: plan.campaignId, kind: 'plan', unitId: plan.unitId });
  }

  private ref(plan: Plan) {
    return {
      planId: plan._id,
      campaignId: plan.campaignId,
      unitId: plan.unitId,
      parentUnitId: plan.parentUnitId,
      dueAt: new Date(plan.dueAt).toISOString(),
    };
  }
}
