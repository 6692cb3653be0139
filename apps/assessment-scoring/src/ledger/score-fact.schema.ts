import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';
import { Fact } from '../rules/facts';

/**
 * The scoring-relevant records of activity-records, one per record and campaign (a correction replaces it):
 * what required counts are counted from, and what a recompute under a new scheme version replays.
 */
export interface ScoreFact {
  /** `districtKey(district, campaignId, factKey)`: the fact is read by its key alone. */
  _id: string;
  district: string;
  campaignId: string;
  /** The record: `attendance:<id>`, `study:<id>`, `submission:<id>` … */
  factKey: string;
  eventId: string;
  /** Orders corrections of one record: its revision, or the time of the change. */
  order: number;
  type: Fact['type'];
  memberId: string | null;
  unitId: string;
  at: Date;
  day: string;
  week: string;
  month: string;
  year: string;
  activityKind: string | null;
  status: string | null;
  submissionKind: string | null;
  outcome: string | null;
  fact: Fact;
  /** Events of earlier versions of the record, whose lines are reversed. */
  supersededEventIds: string[];
}

export const SCORE_FACT = 'ScoreFact';

export const scoreFactSchema = new Schema(
  {
    _id: { type: String, required: true },
    campaignId: { type: String, required: true },
    factKey: { type: String, required: true },
    eventId: { type: String, required: true },
    order: { type: Number, required: true },
    type: { type: String, required: true },
    memberId: { type: String, default: null },
    unitId: { type: String, required: true },
    at: { type: Date, required: true },
    day: { type: String, required: true },
    week: { type: String, required: true },
    month: { type: String, required: true },
    year: { type: String, required: true },
    activityKind: { type: String, default: null },
    status: { type: String, default: null },
    submissionKind: { type: String, default: null },
    outcome: { type: String, default: null },
    fact: { type: Schema.Types.Mixed, required: true },
    supersededEventIds: { type: [String], default: [] },
  },
  { ...defaultSchemaOptions, collection: 'score_facts' },
);
scoreFactSchema.plugin(tenantPlugin);
// One fact per record is its `_id` (the natural key): a unique index on the same fields would only slow every insert.
scoreFactSchema.index({ district: 1, campaignId: 1, memberId: 1, type: 1 });
scoreFactSchema.index({ district: 1, campaignId: 1, at: 1 });
