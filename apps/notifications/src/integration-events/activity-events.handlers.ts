import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ActivityCancelled,
  ActivityScheduled,
  EventEnvelope,
  ObligationAtRisk,
  ObligationMet,
  ObligationMissed,
  ObligationWaived,
  PayloadOf,
  PlanReturned,
  PlanSubmitted,
  SubmissionSubmitted,
} from '@campaign/contracts';
import { InboxEventPattern } from '@campaign/messaging';
import { DirectoryService } from '../directory/directory.service';
import { DirectoryMember } from '../directory/member.schema';
import { TrackedObligation } from '../obligations/obligation.schema';
import { descriptionOf, ObligationsService } from '../obligations/obligations.service';
import { formatLocal } from '../preferences/local-time';
import { RemindersService } from '../reminders/reminders.service';
import { Addressee, RuleEngine } from '../rules/rule-engine.service';
import { Audience } from '../rules/triggers';
import { SettingsService } from '../settings/settings.service';
import { Variables } from '../templates/localised-values';

type Envelope<D> = EventEnvelope<PayloadOf<D>>;

const addressed = (members: DirectoryMember[]): Addressee[] => members.map((member) => ({ member }));

export const activityReason = (activityId: string) => `activity:${activityId}`;
export const planReason = (planId: string) => `plan:${planId}`;
export const obligationReason = (obligationId: string) => `obligation:${obligationId}`;
export const submissionReason = (campaignId: string, memberId: string, kind: string) => `submission:${campaignId}:${memberId}:${kind}`;

/** activity-records' events: notices, deadline reminders, and the cancellations that make reminders moot. */
@Controller()
export class ActivityEventHandlers {
  constructor(
    private readonly engine: RuleEngine,
    private readonly directory: DirectoryService,
    private readonly reminders: RemindersService,
    private readonly obligations: ObligationsService,
    private readonly settings: SettingsService,
  ) {}

  @InboxEventPattern(ActivityScheduled)
  async onActivityScheduled(@Payload() event: Envelope<typeof ActivityScheduled>): Promise<void> {
    const { district, payload } = event;
    // An activity entered after it began (a meeting recorded afterwards) calls for neither a notice nor a reminder.
    if (new Date(payload.startsAt) <= new Date(event.occurredAt)) return;
    const timeZone = (await this.settings.forDistrict(district)).timeZone;
    await this.engine.fire({
      district,
      trigger: 'activity-scheduled',
      sourceEventId: event.eventId,
      variables: {
        activityTitle: payload.title,
        startsAt: formatLocal(payload.startsAt, timeZone),
        place: payload.place ?? '',
        unitName: await this.directory.unitName(district, payload.organiserUnitId),
      },
      // Those activity-records lets attend: the organiser's subtree and the invited units (or their office holders).
      addressees: async (audience) => addressed(await this.directory.audience(district, audience, { unitIds: [payload.organiserUnitId, ...payload.invitedUnitIds] })),
      deadline: { at: new Date(payload.startsAt), reasonKeys: [activityReason(payload.activityId)] },
    });
  }

  @InboxEventPattern(ActivityCancelled)
  async onActivityCancelled(@Payload() event: Envelope<typeof ActivityCancelled>): Promise<void> {
    await this.reminders.cancel(event.district, activityReason(event.payload.activityId));
  }

  @InboxEventPattern(PlanReturned)
  async onPlanReturned(@Payload() event: Envelope<typeof PlanReturned>): Promise<void> {
    const { district, payload } = event;
    const timeZone = (await this.settings.forDistrict(district)).timeZone;
    // The date the revised plan is due back, as activity-records computed it from the campaign's calendar.
    const resubmitBy = payload.resubmitBy ?? payload.dueAt;
    await this.engine.fire({
      district,
      trigger: 'plan-returned',
      sourceEventId: event.eventId,
      variables: { unitName: await this.directory.unitName(district, payload.unitId), comment: payload.comment, dueAt: formatLocal(resubmitBy, timeZone) },
      addressees: async (audience) => addressed(await this.directory.audience(district, audience, { unitIds: [payload.unitId] })),
      deadline: { at: new Date(resubmitBy), reasonKeys: [planReason(payload.planId)] },
    });
  }

  @InboxEventPattern(PlanSubmitted)
  async onPlanSubmitted(@Payload() event: Envelope<typeof PlanSubmitted>): Promise<void> {
    await this.reminders.cancel(event.district, planReason(event.payload.planId));
  }

  @InboxEventPattern(ObligationAtRisk)
  async onObligationAtRisk(@Payload() event: Envelope<typeof ObligationAtRisk>): Promise<void> {
    const current = await this.obligations.apply(event);
    // A newer status (met, missed) arrived first: this at-risk is stale and must not schedule reminders.
    if (current?.status !== 'at-risk') return;
    const reasonKeys = [obligationReason(current.obligationId)];
    if (current.memberId) reasonKeys.push(submissionReason(current.campaignId, current.memberId, current.kind));
    await this.engine.fire({
      district: event.district,
      trigger: 'obligation-at-risk',
      sourceEventId: event.eventId,
      variables: await this.obligationVariables(event.district, current),
      addressees: (audience) => this.obligationAddressees(event.district, current, audience),
      deadline: { at: current.dueAt, reasonKeys },
    });
  }

  @InboxEventPattern(ObligationMissed)
  async onObligationMissed(@Payload() event: Envelope<typeof ObligationMissed>): Promise<void> {
    const current = await this.obligations.apply(event);
    await this.reminders.cancel(event.district, obligationReason(event.payload.obligationId));
    if (current?.status !== 'missed') return;
    await this.engine.fire({
      district: event.district,
      trigger: 'obligation-missed',
      sourceEventId: event.eventId,
      variables: await this.obligationVariables(event.district, current),
      addressees: (audience) => this.obligationAddressees(event.district, current, audience),
    });
  }

  @InboxEventPattern(ObligationMet)
  async onObligationMet(@Payload() event: Envelope<typeof ObligationMet>): Promise<void> {
    await this.obligations.apply(event);
    await this.reminders.cancel(event.district, obligationReason(event.payload.obligationId));
  }

  /** No longer owed (the member left): it leaves digests and its reminders are moot. */
  @InboxEventPattern(ObligationWaived)
  async onObligationWaived(@Payload() event: Envelope<typeof ObligationWaived>): Promise<void> {
    await this.obligations.apply(event);
    await this.reminders.cancel(event.district, obligationReason(event.payload.obligationId));
  }

  @InboxEventPattern(SubmissionSubmitted)
  async onSubmissionSubmitted(@Payload() event: Envelope<typeof SubmissionSubmitted>): Promise<void> {
    const { campaignId, memberId, kind } = event.payload;
    await this.reminders.cancel(event.district, submissionReason(campaignId, memberId, kind));
  }

  private async obligationVariables(district: string, obligation: TrackedObligation): Promise<Variables> {
    const timeZone = (await this.settings.forDistrict(district)).timeZone;
    const member = obligation.memberId ? await this.directory.member(district, obligation.memberId) : null;
    return {
      description: descriptionOf(obligation),
      dueAt: formatLocal(obligation.dueAt, timeZone),
      memberName: member?.name ?? '',
      unitName: await this.directory.unitName(district, obligation.unitId),
    };
  }

  /** The member owing it, and (by the rule's audience) the secretaries of the unit it belongs to; a unit's own obligation goes to its secretaries. */
  private async obligationAddressees(district: string, obligation: TrackedObligation, audience: Audience): Promise<Addressee[]> {
    return addressed(await this.directory.audience(district, audience, { unitIds: [obligation.unitId], memberId: obligation.memberId }));
  }
}
