import { PeriodKeys } from './periods';

/** What an activity-records event means for scoring, normalised; the engine sees only facts, never envelopes. */
interface FactBase {
  /** The event the points come from: the ledger's source event id. */
  eventId: string;
  /** The record the fact is about (`attendance:<id>`): a correction of the record replaces its fact. */
  factKey: string;
  campaignId: string;
  /** Null for a unit's own record (plan, activity held, unit obligation). */
  memberId: string | null;
  /** The member's unit when the fact happened (attribution), or the unit whose record it is. */
  unitId: string;
  /** When it happened (not when it was recorded): decides the scheme version and the period. */
  at: string;
  /** When it was recorded; absent on facts stored before it was kept (then taken as `at`). */
  recordedAt?: string;
  keys: PeriodKeys;
}

export type FactData =
  | { type: 'attendance'; activityKind: string; status: 'present' | 'absent' | 'excused' }
  | { type: 'study'; hours: number }
  | { type: 'submission'; submissionKind: string; outcome: 'accepted' | 'returned'; dueAt: string; doneAt: string }
  | { type: 'target'; strict: boolean; dueAt: string; doneAt: string }
  | { type: 'plan'; dueAt: string; doneAt: string }
  | { type: 'activity-held'; activityKind: string; carrierId: string | null }
  | { type: 'obligation-missed'; obligationKind: string };

export type Fact = FactBase & FactData;
export type FactType = FactData['type'];

/** Which facts a required-count rule counts: the store filters facts with it. */
export type CountedFactFilter =
  | { type: 'attendance'; activityKinds: string[] }
  | { type: 'submission'; submissionKinds: string[] }
  | { type: 'study' };

/** The member's standing in the organisation when the fact is scored: leaders and key posts are judged more strictly. */
export interface MemberContext {
  isLeader: boolean;
  isKeyPost: boolean;
}
