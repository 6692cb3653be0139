import { Injectable } from '@nestjs/common';
import {
  ActivityCancelled,
  ActivityScheduled,
  EventEnvelope,
  ObligationAtRisk,
  ObligationMet,
  ObligationMissed,
  PayloadOf,
  PlanReturned,
  PlanSubmitted,
  SubmissionSubmitted,
} from '@campaign/contracts';
import { OnEvent } from '@campaign/messaging';
import { DirectoryService } from '../directory/directory.service';
import { DirectoryMember } from '../directory/member.schema';
import { TrackedObligation } from '../obligations/obligation.schema';
import { ObligationsService } from '../obligations/obligations.service';
import { formatLocal } from '../preferences/local-time';
import { RemindersService } from '../reminders/reminders.service';
import { Addressee, RuleEngine } from '../rules/rule-engine.service';
import { Audience } from '../rules/triggers';
import { SettingsService } from '../settings/settings.service';

type Envelope<D> = EventEnvelope<PayloadOf<D>>;

const addressed = (members: DirectoryMember[]): Addressee[] => members.map((member) => ({ member }));

export const activityReason = (activityId: string) => `activity:${activityId}`;
export const planReason = (planId: string) => `plan:${planId}`;
export const obligationReason = (obligationId: string) => `obligation:${obligationId}`;
export const submissionReason = (campaignId: string, memberId: string, kind: string) => `submission:${campaignId}:${memberId}:${kind}`;

/** activity-records' events: notices, deadline reminders, and the cancellations that make reminders moot. */
@Injectable()
export class ActivityEventHandlers {
  constructor(
    private readonly engine: RuleEngine,
    private readonly directory: DirectoryService,
    private readonly reminders: RemindersService,
    private readonly obligations: ObligationsService,
    private readonly settings: SettingsService,
  ) {}

  @OnEvent(ActivityScheduled)
  async onActivityScheduled(event: Envelope<typeof ActivityScheduled>): Promise<void> {
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
      // Those activity-records lets attend: the organiser's subtree and the invited units.
      addressees: async (audience) => {
        const units = [payload.organiserUnitId, ...payload.invitedUnitIds];
        return addressed(audience === 'unit-admins' ? await this.directory.unitAdmins(district, units) : await this.directory.membersUnder(district, units));
      },
      deadline: { at: new Date(payload.startsAt), reasonKeys: [activityReason(payload.activityId)] },
    });
  }

  @OnEvent(ActivityCancelled)
  async onActivityCancelled(event: Envelope<typeof ActivityCancelled>): Promise<void> {
    await this.reminders.cancel(event.district, activityReason(event.payload.activityId));
  }

  @OnEvent(PlanReturned)
  async onPlanReturned(event: Envelope<typeof PlanReturned>): Promise<void> {
    const { district, payload } = event;
    const timeZone = (await this.settings.forDistrict(district)).timeZone;
    await this.engine.fire({
      district,
      trigger: 'plan-returned',
      sourceEventId: event.eventId,
      variables: { unitName: await this.directory.unitName(district, payload.unitId), comment: payload.comment, dueAt: formatLocal(payload.dueAt, timeZone) },
      addressees: async () => addressed(await this.directory.unitAdmins(district, [payload.unitId])),
      deadline: { at: new Date(payload.dueAt), reasonKeys: [planReason(payload.planId)] },
    });
  }

  @OnEvent(PlanSubmitted)
  async onPlanSubmitted(event: Envelope<typeof PlanSubmitted>): Promise<void> {
    await this.reminders.cancel(event.district, planReason(event.payload.planId));
  }

  @OnEvent(ObligationAtRisk)
  async onObligationAtRisk(event: Envelope<typeof ObligationAtRisk>): Promise<void> {
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

  @OnEvent(ObligationMissed)
  async onObligationMissed(event: Envelope<typeof ObligationMissed>): Promise<void> {
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

  @OnEvent(ObligationMet)
  async onObligationMet(event: Envelope<typeof ObligationMet>): Promise<void> {
    await this.obligations.apply(event);
    await this.reminders.cancel(event.district, obligationReason(event.payload.obligationId));
  }

  @OnEvent(SubmissionSubmitted)
  async onSubmissionSubmitted(event: Envelope<typeof SubmissionSubmitted>): Promise<void> {
    const { campaignId, memberId, kind } = event.payload;
    await this.reminders.cancel(event.district, submissionReason(campaignId, memberId, kind));
  }

  private async obligationVariables(district: string, obligation: TrackedObligation): Promise<Record<string, string>> {
    const timeZone = (await this.settings.forDistrict(district)).timeZone;
    const member = obligation.memberId ? await this.directory.member(district, obligation.memberId) : null;
    return {
      description: obligation.description,
      dueAt: formatLocal(obligation.dueAt, timeZone),
      memberName: member?.name ?? '',
      unitName: await this.directory.unitName(district, obligation.unitId),
    };
  }

  /** The member owing it; a unit obligation (no member) or "and secretary" brings in the unit's secretaries. */
  private async obligationAddressees(district: string, obligation: TrackedObligation, audience: Audience): Promise<Addressee[]> {
    const member = obligation.memberId ? await this.directory.member(district, obligation.memberId) : null;
    const owner = member?.status === 'active' ? [member] : [];
    const withSecretaries = audience === 'member-and-secretary' || !obligation.memberId;
    const secretaries = withSecretaries ? await this.directory.secretariesOf(district, obligation.unitId) : [];
    return addressed([...owner, ...secretaries]);
  }
}
