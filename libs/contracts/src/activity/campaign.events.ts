import { z } from 'zod';
import { defineEvent } from '../envelope';
import { id, isoDate, isoDateTime } from '../common';

export const CAMPAIGN_STAGES = ['planning', 'operation', 'appraisal', 'closed'] as const;
export const campaignStage = z.enum(CAMPAIGN_STAGES);

const stageWindow = z.object({ startsOn: isoDate, endsOn: isoDate });

export const CampaignLaunched = defineEvent(
  'activity.campaign.launched',
  1,
  z.object({
    campaignId: id,
    name: z.string().min(1),
    mobilisedOn: isoDate,
    stages: z.object({ planning: stageWindow, operation: stageWindow, appraisal: stageWindow }),
    /** The IANA zone whose calendar days the stage dates and campaign weeks are (additive; Asia/Shanghai when absent). */
    timeZone: z.string().min(1).optional(),
  }),
);

export const CampaignStageChanged = defineEvent(
  'activity.campaign.stage-changed',
  1,
  z.object({ campaignId: id, from: campaignStage, to: campaignStage, changedAt: isoDateTime }),
);
