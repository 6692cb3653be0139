import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const PLAN = 'Plan';

export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The institutions a unit sets up for the campaign (学习、调研、考核制度). */
export interface PlanInstitutions {
  weeklyCollectiveStudy: boolean;
  studyRules?: string;
  researchRules?: string;
  assessmentRules?: string;
}

export interface Plan {
  _id: string;
  district: string;
  campaignId: string;
  unitId: string;
  parentUnitId: string | null;
  theme: string;
  carriers: string[];
  institutions: PlanInstitutions;
  status: PlanStatus;
  dueAt: Date;
  submittedAt?: Date;
  reviewedAt?: Date;
  reviewComment?: string;
  /** When a returned plan is due back, from the campaign's calendar. */
  resubmitBy?: Date;
  history: { status: PlanStatus; at: Date; by: string; comment?: string }[];
}

export const planSchema = new Schema(
  {
    _id: { type: String, default: () => randomUUID() },
    campaignId: { type: String, required: true },
    unitId: { type: String, required: true },
    parentUnitId: { type: String, default: null },
    theme: { type: String, default: '' },
    carriers: { type: [String], default: [] },
    institutions: {
      _id: false,
      weeklyCollectiveStudy: { type: Boolean, default: false },
      studyRules: String,
      researchRules: String,
      assessmentRules: String,
    },
    status: { type: String, required: true },
    dueAt: { type: Date, required: true },
    submittedAt: Date,
    reviewedAt: Date,
    reviewComment: String,
    resubmitBy: Date,
    history: { type: [{ _id: false, status: String, at: Date, by: String, comment: String }], default: [] },
  },
  { ...defaultSchemaOptions, collection: 'plans' },
);
planSchema.plugin(tenantPlugin);
planSchema.plugin(outboxPlugin);
planSchema.index({ district: 1, campaignId: 1, unitId: 1 }, { unique: true });
planSchema.index({ district: 1, campaignId: 1, parentUnitId: 1 });
