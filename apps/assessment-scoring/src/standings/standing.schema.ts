import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';
import { StandingScope } from './standing-targets';

/** A maintained total (projection of the ledger) for one subject, campaign and period; rankings read those of units and members. */
export interface Standing {
  /** `standingId(district, campaignId, period, scope, subjectId)`. */
  _id: string;
  district: string;
  campaignId: string;
  period: string;
  scope: StandingScope;
  subjectId: string;
  /** A member's unit of attribution: of its latest line, or where a transfer effective in the period moved it. */
  unitId: string | null;
  /** When `unitId` took effect (the line's time, or the transfer's day): a line from before leaves it alone. */
  unitSince?: Date | null;
  /** For a member who left: the day it left (YYYY-MM-DD); rankings of periods it reaches leave the member out. */
  leftOn?: string | null;
  points: number;
  lines: number;
  /** The last lock generation whose lines were added: a generation's increment lands at most once. */
  appliedGeneration?: number;
}

export const STANDING = 'Standing';

export const standingSchema = new Schema(
  {
    _id: { type: String, required: true },
    campaignId: { type: String, required: true },
    period: { type: String, required: true },
    scope: { type: String, required: true },
    subjectId: { type: String, required: true },
    unitId: { type: String, default: null },
    unitSince: { type: Date, default: null },
    leftOn: { type: String, default: null },
    points: { type: Number, default: 0 },
    lines: { type: Number, default: 0 },
    appliedGeneration: { type: Number },
  },
  { ...defaultSchemaOptions, collection: 'standings' },
);
standingSchema.plugin(tenantPlugin);
// One standing per subject and period is its `_id` (the natural key): no unique index on the same fields to rewrite on every update.
// Rankings: a unit's members `{district, campaignId, period, scope: 'member', unitId}`; the district's units and reconciliation use its prefix.
standingSchema.index({ district: 1, campaignId: 1, period: 1, scope: 1, unitId: 1 });
// A member's standings in every campaign `{district, scope: 'member', subjectId}`, relisted when it transfers or leaves.
standingSchema.index({ district: 1, scope: 1, subjectId: 1 });
