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

export const APPRAISAL = 'Appraisal';

export const appraisalSchema = new Schema(
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
appraisalSchema.plugin(tenantPlugin);
appraisalSchema.index({ district: 1, campaignId: 1, subjectType: 1, subjectId: 1 }, { unique: true });
appraisalSchema.index({ district: 1, campaignId: 1, unitPath: 1 });

/** The appraisal round of a campaign: open until finalised; the finalisation announces itself through the outbox. */
export interface AppraisalRound {
  district: string;
  campaignId: string;
  status: 'open' | 'finalising' | 'finalised';
  finalisedBy: string | null;
  finalisedAt: Date | null;
  rankingIds: string[];
}

export const APPRAISAL_ROUND = 'AppraisalRound';

export const appraisalRoundSchema = new Schema(
  {
    campaignId: { type: String, required: true },
    status: { type: String, required: true },
    finalisedBy: { type: String, default: null },
    finalisedAt: { type: Date, default: null },
    rankingIds: { type: [String], default: [] },
  },
  { ...defaultSchemaOptions, collection: 'appraisal_rounds' },
);
appraisalRoundSchema.plugin(tenantPlugin);
appraisalRoundSchema.plugin(outboxPlugin);
appraisalRoundSchema.index({ district: 1, campaignId: 1 }, { unique: true });

/** How many of an honour a system may award in a campaign, and how many it has (counted by compare-and-set). */
export interface HonourQuota {
  district: string;
  campaignId: string;
  systemId: string;
  honour: Honour;
  quota: number;
  used: number;
}

export const HONOUR_QUOTA = 'HonourQuota';

export const honourQuotaSchema = new Schema(
  {
    campaignId: { type: String, required: true },
    systemId: { type: String, required: true },
    honour: { type: String, enum: HONOURS, required: true },
    quota: { type: Number, required: true },
    used: { type: Number, default: 0 },
  },
  { ...defaultSchemaOptions, collection: 'honour_quotas' },
);
honourQuotaSchema.plugin(tenantPlugin);
honourQuotaSchema.index({ district: 1, campaignId: 1, systemId: 1, honour: 1 }, { unique: true });

/**
 * A limit on "excellent" ratings: the campaign's share of those each unit reviews (`reviewerUnitId` `*`), or one
 * reviewing unit's own maximum.
 */
export interface ExcellentLimit {
  district: string;
  campaignId: string;
  subjectType: 'member' | 'unit';
  reviewerUnitId: string;
  maxShare: number | null;
  max: number | null;
}

export const EXCELLENT_LIMIT = 'ExcellentLimit';

export const excellentLimitSchema = new Schema(
  {
    campaignId: { type: String, required: true },
    subjectType: { type: String, enum: ['member', 'unit'], required: true },
    reviewerUnitId: { type: String, required: true },
    maxShare: { type: Number, default: null },
    max: { type: Number, default: null },
  },
  { ...defaultSchemaOptions, collection: 'excellent_limits' },
);
excellentLimitSchema.plugin(tenantPlugin);
excellentLimitSchema.index({ district: 1, campaignId: 1, subjectType: 1, reviewerUnitId: 1 }, { unique: true });

/**
 * One of a reviewing unit's "excellent" places, held by the subject rated excellent: taken by a unique insert of
 * `<unit>|<n>` for n below the limit, so concurrent reviews on any replica never exceed it (FerretDB updates are not atomic).
 */
export interface ExcellentPlace {
  /** `districtKey(district, campaignId, subjectType, reviewerUnitId, n)`. */
  _id: string;
  district: string;
  campaignId: string;
  subjectType: 'member' | 'unit';
  reviewerUnitId: string;
  subjectId: string;
}

export const EXCELLENT_PLACE = 'ExcellentPlace';

export const excellentPlaceSchema = new Schema(
  {
    _id: { type: String, required: true },
    campaignId: { type: String, required: true },
    subjectType: { type: String, enum: ['member', 'unit'], required: true },
    reviewerUnitId: { type: String, required: true },
    subjectId: { type: String, required: true },
  },
  { ...defaultSchemaOptions, collection: 'excellent_places' },
);
excellentPlaceSchema.plugin(tenantPlugin);
excellentPlaceSchema.index({ district: 1, campaignId: 1, subjectType: 1, reviewerUnitId: 1 });
excellentPlaceSchema.index({ district: 1, campaignId: 1, subjectType: 1, subjectId: 1 });
