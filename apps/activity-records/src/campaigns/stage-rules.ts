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

export type StageRefusal = { reason: 'stage' } | { reason: 'activity-kind'; allowedKinds: readonly ActivityKind[] };

/** Null when allowed, else why not: the stage forbids the action, or (while planning) the kind of activity. */
export function stageRefusal(stage: CampaignStage, action: StageAction, activityKind?: ActivityKind): StageRefusal | null {
  if (!ALLOWED[stage].includes(action)) return { reason: 'stage' };
  if (action === 'schedule-activity' && stage === 'planning' && activityKind && !PLANNING_ACTIVITY_KINDS.includes(activityKind)) {
    return { reason: 'activity-kind', allowedKinds: PLANNING_ACTIVITY_KINDS };
  }
  return null;
}

/** Stages only move forward, one at a time. */
export function nextStage(stage: CampaignStage): CampaignStage | null {
  const index = CAMPAIGN_STAGES.indexOf(stage);
  return index < CAMPAIGN_STAGES.length - 1 ? CAMPAIGN_STAGES[index + 1] : null;
}
