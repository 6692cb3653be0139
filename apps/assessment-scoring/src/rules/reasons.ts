/**
 * Why a ledger line has its points, as data: each reason is a catalogue key and its values, rendered in the reader's
 * language when the score is explained (common/explanations.ts). Values named like a kind (`activityKind`, `window` …)
 * are codes the renderer names in that language too.
 */
export type ReasonKey =
  | 'reason.present'
  | 'reason.excused'
  | 'reason.absent'
  | 'reason.study-hours'
  | 'reason.submission-accepted'
  | 'reason.on-time'
  | 'reason.late'
  | 'reason.target-completed'
  | 'reason.strict-target-completed'
  | 'reason.plan-approved'
  | 'reason.activity-held'
  | 'reason.activity-held-under-carrier'
  | 'reason.obligation-missed'
  | 'reason.requirement-met'
  | 'reason.strict-multiplier'
  | 'reason.weight'
  | 'reason.capped'
  | 'reason.no-attendance-records'
  | 'reason.no-members'
  | 'reason.attendance-rate'
  | 'reason.requirements-share'
  | 'reason.period'
  | 'reason.already-granted'
  | 'reason.reversal'
  | 'reason.recomputed'
  | 'reason.recomputed-without-scheme'
  | 'reason.corrected'
  | 'reason.adjustment'
  | 'reason.as-written';

export interface Reason {
  key: ReasonKey;
  params?: Record<string, string | number>;
  /** For a reversal: the reasons of the line it offsets. */
  of?: Reason[];
}

export const reason = (key: ReasonKey, params?: Record<string, string | number>): Reason => (params ? { key, params } : { key });
