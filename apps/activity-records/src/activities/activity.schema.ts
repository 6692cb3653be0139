import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import { ActivityKind } from '@campaign/contracts';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const ACTIVITY = 'Activity';

export type ActivityStatus = 'scheduled' | 'held' | 'cancelled';

export interface Activity {
  _id: string;
  district: string;
  campaignId: string;
  kind: ActivityKind;
  title: string;
  organiserUnitId: string;
  carrierId: string | null;
  startsAt: Date;
  place?: string;
  invitedUnitIds: string[];
  status: ActivityStatus;
  minutes?: string;
  heldAt?: Date;
  cancelledAt?: Date;
  cancelReason?: string;
}

export const activitySchema = new Schema(
  {
    _id: { type: String, default: () => randomUUID() },
    campaignId: { type: String, required: true },
    kind: { type: String, required: true },
    title: { type: String, required: true },
    organiserUnitId: { type: String, required: true },
    carrierId: { type: String, default: null },
    startsAt: { type: Date, required: true },
    place: String,
    invitedUnitIds: { type: [String], default: [] },
    status: { type: String, required: true },
    minutes: String,
    heldAt: Date,
    cancelledAt: Date,
    cancelReason: String,
  },
  { ...defaultSchemaOptions, collection: 'activities' },
);
activitySchema.plugin(tenantPlugin);
activitySchema.plugin(outboxPlugin);
activitySchema.index({ district: 1, organiserUnitId: 1, startsAt: 1 });
