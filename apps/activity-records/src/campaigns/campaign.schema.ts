import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';
import { DEFAULT_TIME_ZONE } from './campaign-calendar';
import { CampaignStage } from './stage-rules';

export const CAMPAIGN = 'Campaign';

export interface StageWindow {
  startsOn: string;
  endsOn: string;
}

export interface Campaign {
  _id: string;
  district: string;
  name: string;
  mobilisedOn: string;
  stages: { planning: StageWindow; operation: StageWindow; appraisal: StageWindow };
  stage: CampaignStage;
  /** The IANA zone whose calendar days the stage dates and campaign weeks are. */
  timeZone: string;
  /** When the campaign entered its operation stage (null before, and for campaigns that entered it before this was kept). */
  operationStartedAt: Date | null;
  /** Every unit's implementation plan is due to its parent by then. */
  planDueAt: Date;
  themes: { themeId: string; title: string }[];
  carriers: { carrierId: string; name: string; description?: string }[];
}

const stageWindow = { _id: false, startsOn: String, endsOn: String };

export const campaignSchema = new Schema(
  {
    _id: { type: String, default: () => randomUUID() },
    name: { type: String, required: true },
    mobilisedOn: { type: String, required: true },
    stages: { planning: stageWindow, operation: stageWindow, appraisal: stageWindow },
    stage: { type: String, required: true },
    timeZone: { type: String, default: DEFAULT_TIME_ZONE },
    operationStartedAt: { type: Date, default: null },
    planDueAt: { type: Date, required: true },
    themes: { type: [{ _id: false, themeId: String, title: String }], default: [] },
    carriers: { type: [{ _id: false, carrierId: String, name: String, description: String }], default: [] },
  },
  { ...defaultSchemaOptions, collection: 'campaigns' },
);
campaignSchema.plugin(tenantPlugin);
campaignSchema.plugin(outboxPlugin);
