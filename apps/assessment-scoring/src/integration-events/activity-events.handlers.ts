import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ActivityHeld,
  AttendanceRecorded,
  EventEnvelope,
  ObligationMissed,
  PayloadOf,
  PlanApproved,
  StudyLogged,
  SubmissionReviewed,
  TargetCompleted,
} from '@campaign/contracts';
import { BatchOutcome, GroupCommitEventPattern, InboxEventPattern } from '@campaign/messaging';
import { LedgerService } from '../ledger/ledger.service';
import { RecordedFact, ScoringService } from '../ledger/scoring.service';
import { FactData } from '../rules/facts';
import { SchemesService } from '../schemes/schemes.service';

interface ScoredRecord {
  district: string;
  eventId: string;
  factKey: string;
  /** Orders versions of the same record: a correction has a larger one. */
  order: number;
  campaignId: string;
  memberId: string | null;
  unitId: string;
  /** When what is scored happened: the activity's start, the study day, the submission … */
  at: string;
  /** When it was recorded: later than `at` for an entry made after the fact. */
  recordedAt: string;
  data: FactData;
}

/** activity-records' events, as facts for the rule engine; every handler is idempotent by the record's key. */
@Controller()
export class ActivityEventsHandlers {
  constructor(
    private readonly scoring: ScoringService,
    private readonly ledger: LedgerService,
    private readonly schemes: SchemesService,
  ) {}

  /** A fetch's attendance is scored together (group commit): first versions in one insert, their lines in one append. */
  @GroupCommitEventPattern(AttendanceRecorded)
  async onAttendance(@Payload() events: EventEnvelope<PayloadOf<typeof AttendanceRecorded>>[]): Promise<BatchOutcome> {
    const byDistrict = new Map<string, RecordedFact[]>();
    for (const event of events) {
      const p = event.payload;
      const { district, order, fact } = this.factOf({
        district: event.district,
        eventId: event.eventId,
        factKey: `attendance:${p.attendanceId}`,
        order: p.revision,
        campaignId: p.campaignId,
        memberId: p.memberId,
        unitId: p.memberUnitId,
        at: p.activityAt,
        recordedAt: p.recordedAt,
        data: { type: 'attendance', activityKind: p.activityKind, status: p.status },
      });
      byDistrict.set(district, [...(byDistrict.get(district) ?? []), { order, fact }]);
    }
    const repeated = new Set<string>();
    for (const [district, items] of byDistrict) for (const eventId of await this.scoring.recordBatch(district, items)) repeated.add(eventId);
    return { repeated };
  }

  /** A study log outside any campaign counts in every campaign of the district that has a scheme. */
  @InboxEventPattern(StudyLogged)
  async onStudy(@Payload() event: EventEnvelope<PayloadOf<typeof StudyLogged>>): Promise<void> {
    const p = event.payload;
    const campaigns = p.campaignId ? [p.campaignId] : await this.schemes.campaignsWithSchemes(event.district);
    for (const campaignId of campaigns) {
      await this.record({
        district: event.district,
        eventId: event.eventId,
        factKey: `study:${p.entryId}`,
        order: 0,
        campaignId,
        memberId: p.memberId,
        unitId: p.memberUnitId,
        at: this.ledger.noonOf(p.studiedOn).toISOString(),
        recordedAt: event.occurredAt,
        data: { type: 'study', hours: p.hours },
      });
    }
  }

  @InboxEventPattern(SubmissionReviewed)
  async onSubmissionReviewed(@Payload() event: EventEnvelope<PayloadOf<typeof SubmissionReviewed>>): Promise<void> {
    const p = event.payload;
    await this.record({
      district: event.district,
      eventId: event.eventId,
      factKey: `submission:${p.submissionId}`,
      order: Date.parse(p.reviewedAt),
      campaignId: p.campaignId,
      memberId: p.memberId,
      unitId: p.memberUnitId,
      at: p.submittedAt,
      recordedAt: p.reviewedAt,
      data: { type: 'submission', submissionKind: p.kind, outcome: p.outcome, dueAt: p.dueAt, doneAt: p.submittedAt },
    });
  }

  @InboxEventPattern(TargetCompleted)
  async onTargetCompleted(@Payload() event: EventEnvelope<PayloadOf<typeof TargetCompleted>>): Promise<void> {
    const p = event.payload;
    await this.record({
      district: event.district,
      eventId: event.eventId,
      factKey: `target:${p.targetId}`,
      order: Date.parse(p.completedAt),
      campaignId: p.campaignId,
      memberId: p.memberId,
      unitId: p.memberUnitId,
      at: p.completedAt,
      recordedAt: event.occurredAt,
      data: { type: 'target', strict: p.strict, dueAt: p.dueAt, doneAt: p.completedAt },
    });
  }

  @InboxEventPattern(PlanApproved)
  async onPlanApproved(@Payload() event: EventEnvelope<PayloadOf<typeof PlanApproved>>): Promise<void> {
    const p = event.payload;
    await this.record({
      district: event.district,
      eventId: event.eventId,
      factKey: `plan:${p.planId}`,
      order: Date.parse(p.approvedAt),
      campaignId: p.campaignId,
      memberId: null,
      unitId: p.unitId,
      at: p.approvedAt,
      recordedAt: p.approvedAt,
      data: { type: 'plan', dueAt: p.dueAt, doneAt: p.submittedAt },
    });
  }

  @InboxEventPattern(ActivityHeld)
  async onActivityHeld(@Payload() event: EventEnvelope<PayloadOf<typeof ActivityHeld>>): Promise<void> {
    const p = event.payload;
    await this.record({
      district: event.district,
      eventId: event.eventId,
      factKey: `activity:${p.activityId}`,
      order: 0,
      campaignId: p.campaignId,
      memberId: null,
      unitId: p.organiserUnitId,
      // The points belong to when the activity took place, not to when it was marked held.
      at: p.startsAt,
      recordedAt: p.heldAt,
      data: { type: 'activity-held', activityKind: p.kind, carrierId: p.carrierId },
    });
  }

  @InboxEventPattern(ObligationMissed)
  async onObligationMissed(@Payload() event: EventEnvelope<PayloadOf<typeof ObligationMissed>>): Promise<void> {
    const p = event.payload;
    await this.record({
      district: event.district,
      eventId: event.eventId,
      factKey: `obligation:${p.obligationId}:missed`,
      order: 0,
      campaignId: p.campaignId,
      memberId: p.memberId,
      unitId: p.unitId,
      at: p.dueAt,
      recordedAt: event.occurredAt,
      data: { type: 'obligation-missed', obligationKind: p.kind },
    });
  }

  private async record(record: ScoredRecord): Promise<void> {
    const { district, order, fact } = this.factOf(record);
    await this.scoring.record(district, order, fact);
  }

  private factOf(record: ScoredRecord): { district: string } & RecordedFact {
    const { district, order, data, ...base } = record;
    return { district, order, fact: { ...base, ...data, keys: this.ledger.keysOf(record.at) } };
  }
}
