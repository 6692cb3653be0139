export const TRIGGERS = [
  'activity-scheduled',
  'plan-returned',
  'obligation-at-risk',
  'obligation-missed',
  'ranking-published',
  'appraisal-finalised',
] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** Who a rule addresses; each trigger offers the audiences its event can resolve. */
export const AUDIENCES = ['invited-members', 'unit-admins', 'member', 'member-and-secretary', 'concerned'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface TriggerSpec {
  /** The events that fire it, for documentation and the API. */
  events: string[];
  variables: string[];
  audiences: Audience[];
  /** Whether the event carries a deadline reminders can be scheduled before. */
  deadline: boolean;
}

const RECIPIENT = ['recipientName'];

export const TRIGGER_SPECS: Record<Trigger, TriggerSpec> = {
  'activity-scheduled': {
    events: ['activity.activity.scheduled.v1'],
    variables: [...RECIPIENT, 'activityTitle', 'startsAt', 'place', 'unitName'],
    audiences: ['invited-members', 'unit-admins'],
    deadline: true,
  },
  'plan-returned': {
    events: ['activity.plan.returned.v1'],
    variables: [...RECIPIENT, 'unitName', 'comment', 'dueAt'],
    audiences: ['unit-admins'],
    deadline: true,
  },
  'obligation-at-risk': {
    events: ['activity.obligation.at-risk.v1'],
    variables: [...RECIPIENT, 'memberName', 'unitName', 'description', 'dueAt'],
    audiences: ['member', 'member-and-secretary'],
    deadline: true,
  },
  'obligation-missed': {
    events: ['activity.obligation.missed.v1'],
    variables: [...RECIPIENT, 'memberName', 'unitName', 'description', 'dueAt'],
    audiences: ['member', 'member-and-secretary'],
    deadline: false,
  },
  'ranking-published': {
    events: ['scoring.ranking.published.v1'],
    variables: [...RECIPIENT, 'unitName', 'period', 'rank', 'points'],
    audiences: ['unit-admins'],
    deadline: false,
  },
  'appraisal-finalised': {
    events: ['scoring.appraisal.finalised.v1'],
    variables: [...RECIPIENT, 'subjectName', 'rating', 'honour'],
    audiences: ['concerned'],
    deadline: false,
  },
};
