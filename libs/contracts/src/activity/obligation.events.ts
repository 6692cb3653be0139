import { z } from 'zod';
import { defineEvent } from '../envelope';
import { id, isoDateTime } from '../common';

export const OBLIGATION_KINDS = ['weekly-collective-study', 'reflection', 'research-report', 'target', 'plan'] as const;
export const OBLIGATION_STATUSES = ['open', 'at-risk', 'met', 'missed'] as const;

/** What is owed, by whom, by when; emitted whenever an obligation's status changes. */
const obligation = {
  obligationId: id,
  campaignId: id,
  kind: z.enum(OBLIGATION_KINDS),
  /** A member obligation names the member; a unit obligation (weekly study, plan) names only the unit. */
  memberId: id.nullable(),
  unitId: id,
  dueAt: isoDateTime,
  periodKey: z.string().min(1),
  description: z.string().min(1),
};

export const ObligationAtRisk = defineEvent('activity.obligation.at-risk', 1, z.object({ ...obligation, status: z.literal('at-risk') }));
export const ObligationMissed = defineEvent('activity.obligation.missed', 1, z.object({ ...obligation, status: z.literal('missed') }));
export const ObligationMet = defineEvent('activity.obligation.met', 1, z.object({ ...obligation, status: z.literal('met'), metAt: isoDateTime }));
