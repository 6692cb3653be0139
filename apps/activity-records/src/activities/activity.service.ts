import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { Principal } from '@campaign/auth';
import { ActivityCancelled, ActivityHeld, ActivityScheduled } from '@campaign/contracts';
import { EventPublisher, outboxFields, OutboxRelay, withOutbox } from '@campaign/messaging';
import { AccessService } from '../access/access.service';
import { CampaignService } from '../campaigns/campaign.service';
import { badRequest, conflict, forbidden, label, notFound } from '../i18n/messages';
import { ObligationService } from '../obligations/obligation.service';
import { OrgDirectoryService } from '../org-read-model/org-directory.service';
import { ActivityListQueryDto, CancelActivityDto, HoldActivityDto, ScheduleActivityDto } from './activity.dto';
import { ACTIVITY, Activity, ActivityStatus } from './activity.schema';

@Injectable()
export class ActivityService {
  constructor(
    @InjectModel(ACTIVITY) private readonly activities: Model<Activity>,
    private readonly campaigns: CampaignService,
    private readonly access: AccessService,
    private readonly directory: OrgDirectoryService,
    private readonly obligations: ObligationService,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
  ) {}

  async schedule(principal: Principal, dto: ScheduleActivityDto): Promise<Activity> {
    const { district } = principal;
    await this.access.managedUnit(principal, dto.organiserUnitId);
    const campaign = await this.campaigns.requireStage(district, dto.campaignId, 'schedule-activity', dto.kind);
    if (dto.carrierId && !campaign.carriers.some((carrier) => carrier.carrierId === dto.carrierId)) {
      throw badRequest('unknown-carrier', { carrierId: dto.carrierId }, { field: 'carrierId' });
    }
    const invitedUnitIds = [...new Set(dto.invitedUnitIds ?? [])];
    const invited = await Promise.all(invitedUnitIds.map((unitId) => this.directory.unit(district, unitId)));
    const unknown = invitedUnitIds.filter((_, index) => !invited[index]);
    if (unknown.length > 0) throw badRequest('unknown-invited-units', { unitIds: unknown.join(', ') }, { field: 'invitedUnitIds', unitIds: unknown });
    const activityId = randomUUID();
    const startsAt = new Date(dto.startsAt);
    const envelope = this.publisher.envelope(
      ActivityScheduled,
      {
        activityId,
        campaignId: campaign._id,
        organiserUnitId: dto.organiserUnitId,
        kind: dto.kind,
        carrierId: dto.carrierId ?? null,
        title: dto.title,
        startsAt: startsAt.toISOString(),
        place: dto.place,
        invitedUnitIds,
      },
      district,
    );
    await this.activities.create({
      _id: activityId,
      district,
      campaignId: campaign._id,
      kind: dto.kind,
      title: dto.title,
      organiserUnitId: dto.organiserUnitId,
      carrierId: dto.carrierId ?? null,
      startsAt,
      place: dto.place,
      invitedUnitIds,
      status: 'scheduled',
      ...outboxFields(envelope),
    });
    this.relay.kick();
    return this.find(district, activityId);
  }

  async find(district: string, activityId: string): Promise<Activity> {
    const activity = await this.activities.findOne({ district, _id: activityId }).lean<Activity>().exec();
    if (!activity) throw notFound('activity-not-found', { activityId });
    return activity;
  }

  /** The week's collective studies (cancelled ones aside) organised by the unit or an ancestor, or to which the unit was invited. */
  async collectiveStudiesOpenTo(district: string, unit: { _id: string; path: string[] }, week: { startsAt: Date; endsAt: Date }): Promise<Activity[]> {
    const inWeek = { district, kind: 'collective-study', status: { $ne: 'cancelled' }, startsAt: { $gte: week.startsAt, $lt: week.endsAt } };
    // Two finds instead of $or: studies of the unit or an ancestor, and studies the unit was invited to.
    const [organised, invited] = await Promise.all([
      this.activities.find({ ...inWeek, organiserUnitId: { $in: unit.path } }).lean<Activity[]>().exec(),
      this.activities.find({ ...inWeek, invitedUnitIds: unit._id }).lean<Activity[]>().exec(),
    ]);
    return [...new Map([...organised, ...invited].map((a) => [a._id, a])).values()];
  }

  /** Visible to managers of the organiser or of an invited unit; anyone else in the district is refused (403). */
  async get(principal: Principal, activityId: string): Promise<Activity> {
    const activity = await this.find(principal.district, activityId);
    const units = await Promise.all([activity.organiserUnitId, ...activity.invitedUnitIds].map((unitId) => this.directory.unit(principal.district, unitId)));
    if (!units.some((unit) => unit && this.access.canManagePath(principal, unit.path))) throw forbidden('activity-out-of-scope', { title: activity.title });
    return activity;
  }

  /** The activity, if the caller manages its organising unit. */
  async managed(principal: Principal, activityId: string): Promise<Activity> {
    const activity = await this.find(principal.district, activityId);
    await this.access.managedUnit(principal, activity.organiserUnitId);
    return activity;
  }

  async list(principal: Principal, query: ActivityListQueryDto): Promise<Activity[]> {
    await this.access.managedUnit(principal, query.unitId);
    const organisers = await this.directory.subtreeUnitIds(principal.district, query.unitId);
    return this.activities
      .find({ district: principal.district, organiserUnitId: { $in: organisers }, ...(query.campaignId ? { campaignId: query.campaignId } : {}) })
      .sort({ startsAt: -1 })
      .limit(1000)
      .lean<Activity[]>()
      .exec();
  }

  async hold(principal: Principal, activityId: string, dto: HoldActivityDto): Promise<Activity> {
    const activity = await this.managed(principal, activityId);
    await this.campaigns.requireStage(principal.district, activity.campaignId, 'record');
    const heldAt = new Date();
    const envelope = this.publisher.envelope(ActivityHeld, { ...this.ref(activity), heldAt: heldAt.toISOString() }, principal.district);
    await this.changeFrom(principal.district, activity, withOutbox({ $set: { status: 'held', heldAt, minutes: dto.minutes } }, envelope));
    this.relay.kick();
    if (activity.kind === 'collective-study') {
      await this.obligations.refresh(principal.district, { kind: 'weekly-collective-study', unitId: activity.organiserUnitId });
    }
    return this.find(principal.district, activityId);
  }

  async cancel(principal: Principal, activityId: string, dto: CancelActivityDto): Promise<Activity> {
    const activity = await this.managed(principal, activityId);
    const cancelledAt = new Date();
    const envelope = this.publisher.envelope(
      ActivityCancelled,
      { ...this.ref(activity), reason: dto.reason, cancelledAt: cancelledAt.toISOString() },
      principal.district,
    );
    await this.changeFrom(principal.district, activity, withOutbox({ $set: { status: 'cancelled', cancelledAt, cancelReason: dto.reason } }, envelope));
    this.relay.kick();
    return this.find(principal.district, activityId);
  }

  /** Only a scheduled activity is held or cancelled; compare-and-set on the status. */
  private async changeFrom(district: string, activity: Activity, update: Record<string, unknown>): Promise<void> {
    const from: ActivityStatus = 'scheduled';
    if (activity.status !== from) throw conflict('activity-status', { status: label('activity-status', activity.status) });
    const result = await this.activities.updateOne({ district, _id: activity._id, status: from }, update);
    if (result.matchedCount === 0) throw conflict('concurrent-change');
  }

  private ref(activity: Activity) {
    return {
      activityId: activity._id,
      campaignId: activity.campaignId,
      organiserUnitId: activity.organiserUnitId,
      kind: activity.kind,
      carrierId: activity.carrierId,
      title: activity.title,
      startsAt: new Date(activity.startsAt).toISOString(),
    };
  }
}
