import { Schema } from 'mongoose';
import { OBLIGATION_KINDS, OBLIGATION_STATUSES } from '@campaign/contracts';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const OBLIGATION = 'Obligation';

export type ObligationKind = (typeof OBLIGATION_KINDS)[number];
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export interface Obligation {
  /** `<campaign>:<kind>:<subject>:<period>`: deterministic, so every replica materialises the same document. */
  _id: string;
  district: string;
  campaignId: string;
  kind: ObligationKind;
  memberId: string | null;
  unitId: string;
  /** The subject's unit path, for subtree compliance views. */
  unitPath: string[];
  periodKey: string;
  /** For target obligations, the target they track. */
  targetId?: string;
  dueAt: Date;
  description: string;
  status: ObligationStatus;
  statusChangedAt: Date;
  metAt?: Date;
}

export const obligationSchema = new Schema(
  {
    _id: { type: String, required: true },
    campaignId: { type: String, required: true },
    kind: { type: String, required: true },
    memberId: { type: String, default: null },
    unitId: { type: String, required: true },
    unitPath: { type: [String], index: true },
    periodKey: { type: String, required: true },
    targetId: String,
    dueAt: { type: Date, required: true },
    description: { type: String, required: true },
    status: { type: String, required: true },
    statusChangedAt: { type: Date, required: true },
    metAt: Date,
  },
  { ...defaultSchemaOptions, collection: 'obligations' },
);
obligationSchema.plugin(tenantPlugin);
obligationSchema.plugin(outboxPlugin);
obligationSchema.index({ district: 1, campaignId: 1, kind: 1, status: 1 });
obligationSchema.index({ district: 1, memberId: 1 });

export function obligationId(campaignId: string, kind: ObligationKind, subjectId: string, periodKey: string): string {
  return `${campaignId}:${kind}:${subjectId}:${periodKey}`;
}
