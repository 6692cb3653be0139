import { z } from 'zod';
import { defineEvent } from '../envelope';
import { id, isoDate, isoDateTime } from '../common';

export const StudyLogged = defineEvent(
  'activity.study.logged',
  1,
  z.object({
    entryId: id,
    campaignId: id.nullable(),
    memberId: id,
    memberUnitId: id,
    studiedOn: isoDate,
    topic: z.string().min(1),
    hours: z.number().positive().max(24),
    recordedBy: z.enum(['member', 'unit']),
  }),
);

export const SUBMISSION_KINDS = ['reflection', 'research-report'] as const;
export const submissionKind = z.enum(SUBMISSION_KINDS);

const submissionRef = {
  submissionId: id,
  campaignId: id,
  memberId: id,
  memberUnitId: id,
  kind: submissionKind,
  year: z.number().int().min(2000).max(2100),
  dueAt: isoDateTime,
};

export const SubmissionSubmitted = defineEvent(
  'activity.submission.submitted',
  1,
  z.object({ ...submissionRef, submittedAt: isoDateTime, attempt: z.number().int().positive() }),
);
export const SubmissionReviewed = defineEvent(
  'activity.submission.reviewed',
  1,
  z.object({
    ...submissionRef,
    outcome: z.enum(['accepted', 'returned']),
    comment: z.string().optional(),
    submittedAt: isoDateTime,
    reviewedAt: isoDateTime,
    onTime: z.boolean(),
  }),
);

const targetRef = {
  targetId: id,
  campaignId: id,
  memberId: id,
  memberUnitId: id,
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(['common', 'individual']),
  title: z.string().min(1),
  strict: z.boolean(),
  dueAt: isoDateTime,
};

export const TargetSet = defineEvent('activity.target.set', 1, z.object(targetRef));
export const TargetCompleted = defineEvent(
  'activity.target.completed',
  1,
  z.object({ ...targetRef, completedAt: isoDateTime, onTime: z.boolean() }),
);

/** A member's reported progress on a target (0–100 %); additive to v1 of the target events. */
export const TargetProgressed = defineEvent(
  'activity.target.progressed',
  1,
  z.object({ ...targetRef, progress: z.number().min(0).max(100), note: z.string().optional(), reportedAt: isoDateTime }),
);
