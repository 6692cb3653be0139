import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';
import { Indicator } from '../rules/scheme.definition';

/** One saved version of a campaign's assessment scheme; versions are never edited, a change is a new version. */
export interface SchemeVersionDocument {
  district: string;
  campaignId: string;
  version: number;
  effectiveFrom: string;
  reason: string;
  indicators: Indicator[];
  savedBy: string;
  createdAt: Date;
}

export const SCHEME_VERSION = 'SchemeVersion';

export const schemeVersionSchema = new Schema(
  {
    campaignId: { type: String, required: true },
    version: { type: Number, required: true },
    effectiveFrom: { type: String, required: true },
    reason: { type: String, required: true },
    // Validated by the scheme definition before saving; stored as the declarative document it is.
    indicators: { type: [Schema.Types.Mixed], required: true },
    savedBy: { type: String, required: true },
  },
  { ...defaultSchemaOptions, collection: 'scheme_versions' },
);
schemeVersionSchema.plugin(tenantPlugin);
schemeVersionSchema.index({ district: 1, campaignId: 1, version: 1 }, { unique: true });
