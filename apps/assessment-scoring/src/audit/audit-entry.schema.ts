import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const AUDIT_ACTIONS = [
  'scheme.saved',
  'scheme.recomputed',
  'ledger.adjusted',
  'ledger.derived',
  'standings.reconciled',
  'appraisal.self-evaluated',
  'appraisal.reviewed',
  'appraisal.honoured',
  'appraisal.quota-set',
  'appraisal.excellent-limit-set',
  'appraisal.finalised',
  'ranking.published',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who changed what, when and why: schemes, adjustments, ratings, honours, finalisation. */
export interface AuditEntry {
  district: string;
  campaignId: string;
  action: AuditAction;
  actor: string;
  target: string;
  reason: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

export const AUDIT_ENTRY = 'AuditEntry';

export const auditEntrySchema = new Schema(
  {
    campaignId: { type: String, required: true },
    action: { type: String, enum: AUDIT_ACTIONS, required: true },
    actor: { type: String, required: true },
    target: { type: String, required: true },
    reason: { type: String, default: null },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { ...defaultSchemaOptions, collection: 'audit_entries' },
);
auditEntrySchema.plugin(tenantPlugin);
auditEntrySchema.index({ district: 1, campaignId: 1, createdAt: -1 });
