import { Schema, Types } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';
import { Reason } from '../rules/reasons';

export const LINE_KINDS = ['rule', 'reversal', 'adjustment', 'derived'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/** One line of the append-only score ledger: never updated except its `applied` flag, never deleted. */
export interface LedgerLine {
  _id: Types.ObjectId;
  district: string;
  campaignId: string;
  /** The event the points come from (or `adjustment:<uuid>`, `derived:<rule>:<period>` for lines without one). */
  sourceEventId: string;
  /** The rule and scheme version (`attendance@v2`), `…~reversed` for a reversal: unique per source event and subject. */
  ruleKey: string;
  ruleId: string;
  kind: LineKind;
  schemeVersion: number | null;
  indicatorId: string;
  subjectType: 'member' | 'unit';
  subjectId: string;
  /** Attribution: the unit the member was in when the event happened; a transfer never moves it. */
  unitId: string;
  /** The systems that unit was in when the line was written. */
  systemIds: string[];
  carrierId: string | null;
  points: number;
  /** Why the line has its points, rendered in the reader's language when explained. */
  reasons: Reason[];
  /** The reasons as written, in Chinese: what lines written before reasons were kept show instead. */
  explanation: string;
  /** When what the line scores happened: decides its periods and what a ranking as of an instant counts. */
  occurredAt: Date;
  /** When what it scores was recorded (an adjustment, a derivation: when it was made). */
  recordedAt: Date;
  /** Recorded after the week it counts in had ended: a late entry (补录). */
  lateEntry: boolean;
  day: string;
  week: string;
  month: string;
  year: string;
  reason: string | null;
  author: string | null;
  /** For a reversal or correction: the line it offsets. */
  correctsLineId: Types.ObjectId | null;
  /** Set once (compare-and-set) when the line has been added to the standings. */
  applied: boolean;
  /** The append that inserted the line: its lines are marked applied together, by this equality. */
  writeBatch: string | null;
  createdAt: Date;
}

export const LEDGER_LINE = 'LedgerLine';

export const ledgerLineSchema = new Schema(
  {
    campaignId: { type: String, required: true },
    sourceEventId: { type: String, required: true },
    ruleKey: { type: String, required: true },
    ruleId: { type: String, required: true },
    kind: { type: String, enum: LINE_KINDS, required: true },
    schemeVersion: { type: Number, default: null },
    indicatorId: { type: String, required: true },
    subjectType: { type: String, enum: ['member', 'unit'], required: true },
    subjectId: { type: String, required: true },
    unitId: { type: String, required: true },
    systemIds: { type: [String], default: [] },
    carrierId: { type: String, default: null },
    points: { type: Number, required: true },
    reasons: { type: [Schema.Types.Mixed], default: [] },
    explanation: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    recordedAt: { type: Date, required: true },
    lateEntry: { type: Boolean, default: false },
    day: { type: String, required: true },
    week: { type: String, required: true },
    month: { type: String, required: true },
    year: { type: String, required: true },
    reason: { type: String, default: null },
    author: { type: String, default: null },
    correctsLineId: { type: Schema.Types.ObjectId, default: null },
    applied: { type: Boolean, default: false },
    writeBatch: { type: String, default: null },
  },
  { ...defaultSchemaOptions, collection: 'ledger_lines' },
);
ledgerLineSchema.plugin(tenantPlugin);
// Redelivery never double-counts: one line per source event, (versioned) rule and subject.
ledgerLineSchema.index({ district: 1, sourceEventId: 1, campaignId: 1, ruleKey: 1, subjectType: 1, subjectId: 1 }, { unique: true });
ledgerLineSchema.index({ district: 1, campaignId: 1, subjectType: 1, subjectId: 1, ruleId: 1 });
ledgerLineSchema.index({ district: 1, campaignId: 1, occurredAt: 1 });
ledgerLineSchema.index({ district: 1, applied: 1, createdAt: 1 });
ledgerLineSchema.index({ district: 1, writeBatch: 1 });
