import { z } from 'zod';
import { defineEvent } from '../envelope';
import { id, isoDateTime } from '../common';

/** `member-weekly-study`: each active member, each campaign week, attends a collective study or logs study (每周集中学习). */
export const OBLIGATION_KINDS = ['weekly-collective-study', 'reflection', 'research-report', 'target', 'plan', 'member-weekly-study'] as const;
/** `waived`: no longer owed (the member left before it fell due). */
export const OBLIGATION_STATUSES = ['open', 'at-risk', 'met', 'missed', 'waived'] as const;

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
  /** In Chinese, the default language. */
  description: z.string().min(1),
  /** The description in every supported language (additive). */
  descriptions: z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }).optional(),
};

export const ObligationAtRisk = defineEvent('activity.obligation.at-risk', 1, z.object({ ...obligation, status: z.literal('at-risk') }));
export const ObligationMissed = defineEvent('activity.obligation.missed', 1, z.object({ ...obligation, status: z.literal('missed') }));
export const ObligationMet = defineEvent('activity.obligation.met', 1, z.object({ ...obligation, status: z.literal('met'), metAt: isoDateTime }));
/** The obligation is no longer owed (a leaver's open obligations); reminders scheduled for it are moot. Additive event. */
export const ObligationWaived = defineEvent(
  'activity.obligation.waived',
  1,
  z.object({ ...obligation, status: z.literal('waived'), waivedAt: isoDateTime, reason: z.enum(['member-left']) }),
);
