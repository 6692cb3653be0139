import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';
import { Variables } from '../templates/localised-values';

export const SCHEDULED_REMINDER = 'ScheduledReminder';

export const REMINDER_STATUSES = ['pending', 'claimed', 'sent', 'cancelled'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/** A durable reminder: claimed by one replica under a lease, sent once, cancelled when its reason goes away. */
export interface ScheduledReminder {
  district: string;
  /** Deterministic from (source event, rule, recipient, offset): a redelivered event schedules nothing new. */
  reminderId: string;
  ruleId: string;
  sourceEventId: string;
  recipientMemberId: string;
  dueAt: Date;
  status: ReminderStatus;
  claimedBy: string | null;
  leaseUntil: Date | null;
  /** Bumped by every claim; the holder of generation n is whoever won the claim token for n. */
  claimGeneration: number;
  /** What makes it moot, e.g. `activity:<id>`, `obligation:<id>`, `submission:<campaign>:<member>:<kind>`. */
  reasonKeys: string[];
  /** The template values, each one text or one per language (see Variables). */
  variables: Variables;
  sentAt: Date | null;
  cancelledAt: Date | null;
}

export const scheduledReminderSchema = new Schema(
  {
    reminderId: { type: String, required: true },
    ruleId: { type: String, required: true },
    sourceEventId: { type: String, required: true },
    recipientMemberId: { type: String, required: true },
    dueAt: { type: Date, required: true },
    status: { type: String, required: true, default: 'pending' },
    claimedBy: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
    claimGeneration: { type: Number, default: 0 },
    reasonKeys: { type: [String], default: [] },
    variables: { type: Schema.Types.Mixed, default: {} },
    sentAt: { type: Date, default: null },
    cancelledAt: { type: Date, default: null },
  },
  { ...defaultSchemaOptions, collection: 'scheduled_reminders', minimize: false },
);
scheduledReminderSchema.plugin(tenantPlugin);
scheduledReminderSchema.index({ district: 1, reminderId: 1 }, { unique: true });
scheduledReminderSchema.index({ status: 1, dueAt: 1 });
scheduledReminderSchema.index({ district: 1, reasonKeys: 1 });
