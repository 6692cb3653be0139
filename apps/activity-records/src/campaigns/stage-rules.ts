import { ActivityKind, CAMPAIGN_STAGES } from '@campaign/contracts';

export type CampaignStage = (typeof CAMPAIGN_STAGES)[number];

/** What a caller wants to do inside a campaign; each stage allows a subset. */
export type StageAction = 'plan' | 'schedule-activity' | 'record' | 'review';

const ALLOWED: Record<CampaignStage, readonly StageAction[]> = {
  planning: ['plan', 'schedule-activity', 'record', 'review'],
  operation: ['plan', 'schedule-activity', 'record', 'review'],
  appraisal: ['review'],
  closed: [],
};

/** While planning, only the launch meetings are held; the rest of the activities belong to the operation stage. */
const PLANNING_ACTIVITY_KINDS: readonly ActivityKind[] = ['mobilisation-meeting', 'special-meeting'];

/** Null when allowed, else the reason. */
export function stageRefusal(stage: CampaignStage, action: StageAction, activityKind?: ActivityKind): string | null {
  if (!ALLOWED[stage].includes(action)) return `the campaign is in its ${stage} stage: ${action} is not allowed`;
  if (action === 'schedule-activity' && stage === 'planning' && activityKind && !PLANNING_ACTIVITY_KINDS.includes(activityKind)) {
    return `the campaign is in its planning stage: only ${PLANNING_ACTIVITY_KINDS.join(', ')} may be scheduled`;
  }
  return null;
}

/** Stages only move forward, one at a time. */
export function nextStage(stage: CampaignStage): CampaignStage | null {
  const index = CAMPAIGN_STAGES.indexOf(stage);
  return index < CAMPAIGN_STAGES.length - 1 ? CAMPAIGN_STAGES[index + 1] : null;
}
