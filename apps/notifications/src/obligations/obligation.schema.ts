import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';
import { Localised } from '../templates/localised-values';

export const TRACKED_OBLIGATION = 'TrackedObligation';

/** activity-records' obligations as last heard of: what digests list and what stops reminders for a met one. */
export interface TrackedObligation {
  district: string;
  obligationId: string;
  campaignId: string;
  kind: string;
  memberId: string | null;
  unitId: string;
  dueAt: Date;
  periodKey: string;
  description: string;
  /** The description in every language, when activity-records sent it (older events carry only the Chinese one). */
  descriptions: Localised | null;
  status: 'open' | 'at-risk' | 'met' | 'missed' | 'waived';
  /** The occurredAt of the event applied last: older events arriving late change nothing. */
  lastEventAt: Date;
}

export const trackedObligationSchema = new Schema(
  {
    obligationId: { type: String, required: true },
    campaignId: { type: String, required: true },
    kind: { type: String, required: true },
    memberId: { type: String, default: null },
    unitId: { type: String, required: true },
    dueAt: { type: Date, required: true },
    periodKey: { type: String, required: true },
    description: { type: String, required: true },
    descriptions: { type: { _id: false, 'zh-CN': String, en: String }, default: null },
    status: { type: String, required: true },
    lastEventAt: { type: Date, required: true },
  },
  { ...defaultSchemaOptions, collection: 'tracked_obligations' },
);
trackedObligationSchema.plugin(tenantPlugin);
trackedObligationSchema.index({ district: 1, obligationId: 1 }, { unique: true });
trackedObligationSchema.index({ district: 1, memberId: 1, status: 1 });
trackedObligationSchema.index({ district: 1, unitId: 1, status: 1 });
trackedObligationSchema.index({ district: 1, dueAt: 1 });
