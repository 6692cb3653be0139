import { Schema } from 'mongoose';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const DELIVERY = 'Delivery';

export const EXTERNAL_CHANNELS = ['email', 'webhook'] as const;
export type ExternalChannel = (typeof EXTERNAL_CHANNELS)[number];

/** pending → sending (claimed by one replica) → sent, or back to pending with back-off, or dead after the last attempt. */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryAttempt {
  at: Date;
  ok: boolean;
  error: string | null;
  by: string;
}

/** A notification on one external channel; a dead delivery is the dead-letter record operators replay. */
export interface Delivery {
  district: string;
  /** `${notificationId}:${channel}`: at most one per notification and channel. */
  deliveryId: string;
  notificationId: string;
  recipientMemberId: string;
  channel: ExternalChannel;
  status: DeliveryStatus;
  nextAttemptAt: Date;
  /** Set when the recipient's quiet hours held the first attempt back: it goes out at nextAttemptAt. */
  deferredByQuietHours: boolean;
  attemptCount: number;
  attempts: DeliveryAttempt[];
  claimedBy: string | null;
  leaseUntil: Date | null;
  /** Bumped by every claim; the holder of generation n is whoever won the claim token for n. */
  claimGeneration: number;
  sentAt: Date | null;
  lastError: string | null;
  replays: number;
  updatedAt?: Date;
}

export const deliverySchema = new Schema(
  {
    deliveryId: { type: String, required: true },
    notificationId: { type: String, required: true },
    recipientMemberId: { type: String, required: true },
    channel: { type: String, required: true },
    status: { type: String, required: true, default: 'pending' },
    nextAttemptAt: { type: Date, required: true },
    deferredByQuietHours: { type: Boolean, default: false },
    attemptCount: { type: Number, default: 0 },
    attempts: { type: [{ _id: false, at: Date, ok: Boolean, error: String, by: String }], default: [] },
    claimedBy: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
    claimGeneration: { type: Number, default: 0 },
    sentAt: { type: Date, default: null },
    lastError: { type: String, default: null },
    replays: { type: Number, default: 0 },
  },
  { ...defaultSchemaOptions, collection: 'deliveries' },
);
deliverySchema.plugin(tenantPlugin);
deliverySchema.plugin(outboxPlugin);
deliverySchema.index({ district: 1, deliveryId: 1 }, { unique: true });
deliverySchema.index({ status: 1, nextAttemptAt: 1 });
deliverySchema.index({ district: 1, status: 1, updatedAt: -1 });
deliverySchema.index({ district: 1, notificationId: 1 });
