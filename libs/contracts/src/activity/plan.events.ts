import { z } from 'zod';
import { defineEvent } from '../envelope';
import { id, isoDateTime } from '../common';

const planRef = { planId: id, campaignId: id, unitId: id, parentUnitId: id.nullable(), dueAt: isoDateTime };

export const PlanSubmitted = defineEvent('activity.plan.submitted', 1, z.object({ ...planRef, submittedAt: isoDateTime }));
export const PlanApproved = defineEvent(
  'activity.plan.approved',
  1,
  z.object({ ...planRef, approvedAt: isoDateTime, submittedAt: isoDateTime, onTime: z.boolean() }),
);
export const PlanReturned = defineEvent(
  'activity.plan.returned',
  1,
  z.object({
    ...planRef,
    returnedAt: isoDateTime,
    comment: z.string().min(1),
    /** When the revised plan is due back, from the campaign's calendar: never past the stage's end nor in the past (additive). */
    resubmitBy: isoDateTime.optional(),
  }),
);
