import { Schema } from 'mongoose';
import { RATINGS } from '@campaign/contracts';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export type Rating = (typeof RATINGS)[number];
export const HONOURS = ['advanced-collective', 'excellent-member'] as const;
export type Honour = (typeof HONOURS)[number];

/** The appraisal of one unit or member in a campaign: self-evaluation, the parent unit's review, honour. */
export interface Appraisal {
  district: string;
  campaignId: string;
  subjectType: 'member' | 'unit';
  subjectId: string;
  /** The unit itself, or the member's unit. */
  unitId: string;
  unitPath: string[];
  /** The unit that reviews: a unit's parent, a member's own unit. */
  reviewerUnitId: string | null;
  selfEvaluation: { summary: string; proposedRating: Rating | null; by: string; at: Date } | null;
  review: { rating: Rating; comment: string; reviewer: string; reviewerUnitId: string | null; at: Date } | null;
  honour: Honour | null;
  honourSystemId: string | null;
  frozen: boolean;
}

export const AppraisalSchema = new Schema(
  {
    campaignId: { type: String, required: true },
    subjectType: { type: String, enum: ['member', 'unit'], required: true },
    subjectId: { type: String, required: true },
    unitId: { type: String, required: true },
    unitPath: { type: [String], required: true },
    reviewerUnitId: { type: String, default: null },
    selfEvaluation: { type: Schema.Types.Mixed, default: null },
    review: { type: Schema.Types.Mixed, default: null },
    honour: { type: String, default: null },
    honourSystemId: { type: String, default: null },
    frozen: { type: Boolean, default: false },
  },
  { ...defaultSchemaOptions, collection: 'appraisals' },
);
AppraisalSchema.plugin(tenantPlugin);
AppraisalSchema.index({ district: 1, campaignId: 1, subjectType: 1, subjectId: 1 }, { unique: true });
AppraisalSchema.index({ district: 1, campaignId: 1, unitPath: 1 });

/** The appraisal round of a campaign: open until finalised; the finalisation announces itself through the outbox. */
export interface AppraisalRound {
  district: string;
  campaignId: string;
  status: 'open' | 'finalising' | 'finalised';
  finalisedBy: string | null;
  finalisedAt: Date | null;
  rankingIds: string[];
}

export const AppraisalRoundSchema = new Schema(
  {
    campaignId: { type: String, required: true },
    status: { type: String, required: true },
    finalisedBy: { type: String, default: null },
    finalisedAt: { type: Date, default: null },
    rankingIds: { type: [String], default: [] },
  },
  { ...defaultSchemaOptions, collection: 'appraisal_rounds' },
);
AppraisalRoundSchema.plugin(tenantPlugin);
AppraisalRoundSchema.plugin(outboxPlugin);
AppraisalRoundSchema.index({ district: 1, campaignId: 1 }, { unique: true });

/** How many of an honour a system may award in a campaign, and how many it has (counted by compare-and-set). */
export interface HonourQuota {
  district: string;
  campaignId: string;
  systemId: string;
  honour: Honour;
  quota: number;
  used: number;
}

export const HonourQuotaSchema = new Schema(
  {
    campaignId: { type: String, required: true },
    systemId: { type: String, required: true },
    honour: { type: String, enum: HONOURS, required: true },
    quota: { type: Number, required: true },
    used: { type: Number, default: 0 },
  },
  { ...defaultSchemaOptions, collection: 'honour_quotas' },
);
HonourQuotaSchema.plugin(tenantPlugin);
HonourQuotaSchema.index({ district: 1, campaignId: 1, systemId: 1, honour: 1 }, { unique: true });
