import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

/**
 * Local read models of org-registry and activity-records, fed by their events (we never read their databases). Units,
 * members and systems are keyed by `districtKey(district, id)`, so a lookup by id is a read by `_id` alone.
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

export const UnitViewSchema = new Schema(
  {
    _id: { type: String, required: true },
    unitId: { type: String, required: true },
    name: { type: String, required: true },
    parentId: { type: String, default: null },
    path: { type: [String], required: true },
    systemIds: { type: [String], default: [] },
    status: { type: String, required: true },
    revision: { type: Number, required: true },
  },
  { ...defaultSchemaOptions, collection: 'units' },
);
UnitViewSchema.plugin(tenantPlugin);
UnitViewSchema.index({ district: 1, unitId: 1 }, { unique: true });
UnitViewSchema.index({ district: 1, path: 1 });
UnitViewSchema.index({ district: 1, parentId: 1, status: 1 });

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

export const MemberViewSchema = new Schema(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    name: { type: String, required: true },
    unitId: { type: String, required: true },
    unitPath: { type: [String], required: true },
    isLeader: { type: Boolean, required: true },
    isKeyPost: { type: Boolean, required: true },
    status: { type: String, required: true },
    leftOn: { type: String, default: null },
    revision: { type: Number, required: true },
  },
  { ...defaultSchemaOptions, collection: 'members' },
);
MemberViewSchema.plugin(tenantPlugin);
MemberViewSchema.index({ district: 1, memberId: 1 }, { unique: true });
MemberViewSchema.index({ district: 1, unitId: 1, status: 1 });

export interface SystemView {
  district: string;
  systemId: string;
  name: string;
  leadUnitId: string | null;
  unitIds: string[];
  revision: number;
}

export const SystemViewSchema = new Schema(
  {
    _id: { type: String, required: true },
    systemId: { type: String, required: true },
    name: { type: String, required: true },
    leadUnitId: { type: String, default: null },
    unitIds: { type: [String], default: [] },
    revision: { type: Number, required: true },
  },
  { ...defaultSchemaOptions, collection: 'systems' },
);
SystemViewSchema.plugin(tenantPlugin);
SystemViewSchema.index({ district: 1, systemId: 1 }, { unique: true });
SystemViewSchema.index({ district: 1, unitIds: 1 });

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

export const READ_MODELS = [
  { name: 'UnitView', schema: UnitViewSchema },
  { name: 'MemberView', schema: MemberViewSchema },
  { name: 'SystemView', schema: SystemViewSchema },
  { name: CAMPAIGN_VIEW, schema: CampaignViewSchema },
];
