import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

/**
 * Local read models of org-registry and activity-records, fed by their events (we never read their databases). Units,
 * members and systems are stored by `@campaign/org-read-model` as `scoringOrgReadModel` configures: keyed by
 * `districtKey(district, id)`, so a lookup by id is a read by `_id` alone.
 */

export interface UnitView {
  district: string;
  unitId: string;
  name: string;
  parentId: string | null;
  path: string[];
  systemIds: string[];
  status: 'active' | 'closed';
  revision: number;
}

export interface MemberView {
  district: string;
  memberId: string;
  name: string;
  unitId: string;
  unitPath: string[];
  isLeader: boolean;
  isKeyPost: boolean;
  status: string;
  /** The day a member who is not active left (YYYY-MM-DD): from then on it is not ranked, appraised or scored. */
  leftOn: string | null;
  revision: number;
}

export interface SystemView {
  district: string;
  systemId: string;
  name: string;
  leadUnitId: string | null;
  unitIds: string[];
  revision: number;
}

export interface CampaignView {
  district: string;
  campaignId: string;
  name: string;
  stage: 'planning' | 'operation' | 'appraisal' | 'closed';
  /** When the held stage was entered: a stage change older than this is stale and ignored. */
  stageChangedAt: Date;
}

export const CAMPAIGN_VIEW = 'CampaignView';

export const CampaignViewSchema = new Schema(
  {
    campaignId: { type: String, required: true },
    name: { type: String, required: true },
    stage: { type: String, required: true },
    stageChangedAt: { type: Date, required: true },
  },
  { ...defaultSchemaOptions, collection: 'campaigns' },
);
CampaignViewSchema.plugin(tenantPlugin);
CampaignViewSchema.index({ district: 1, campaignId: 1 }, { unique: true });

export const READ_MODELS = [{ name: CAMPAIGN_VIEW, schema: CampaignViewSchema }];
