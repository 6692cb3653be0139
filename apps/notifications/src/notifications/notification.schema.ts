import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const NOTIFICATION = 'Notification';

export const NOTIFICATION_KINDS = ['event', 'reminder', 'digest'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One message to one member; the unique (sourceEventId, ruleId, recipient) makes a redelivered event a no-op. */
export interface Notification {
  district: string;
  notificationId: string;
  /** The event, reminder or digest period the message comes from. */
  sourceEventId: string;
  ruleId: string;
  recipientMemberId: string;
  kind: NotificationKind;
  locale: string;
  subject: string;
  body: string;
  /** Shown in the member's in-app inbox. */
  inbox: boolean;
  /** Waiting for the member's next daily digest instead of its own email/webhook. */
  awaitingDigest: boolean;
  readAt: Date | null;
  createdAt?: Date;
}

export const notificationSchema = new Schema(
  {
    notificationId: { type: String, required: true },
    sourceEventId: { type: String, required: true },
    ruleId: { type: String, required: true },
    recipientMemberId: { type: String, required: true },
    kind: { type: String, required: true },
    locale: { type: String, required: true },
    subject: { type: String, required: true },
    body: { type: String, required: true },
    inbox: { type: Boolean, default: true },
    awaitingDigest: { type: Boolean, default: false },
    readAt: { type: Date, default: null },
  },
  { ...defaultSchemaOptions, collection: 'notifications' },
);
notificationSchema.plugin(tenantPlugin);
notificationSchema.index({ district: 1, notificationId: 1 }, { unique: true });
notificationSchema.index({ district: 1, sourceEventId: 1, ruleId: 1, recipientMemberId: 1 }, { unique: true });
notificationSchema.index({ district: 1, recipientMemberId: 1, createdAt: -1 });
