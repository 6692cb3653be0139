export const TRIGGERS = [
  'activity-scheduled',
  'plan-returned',
  'obligation-at-risk',
  'obligation-missed',
  'ranking-published',
  'appraisal-finalised',
] as const;
export type Trigger = (typeof TRIGGERS)[number];

/**
 * Who a rule addresses, always from explicit roles that org-registry resolves (never from post titles):
 * - `invited-members`: the active members of the organising and invited units' subtrees;
 * - `unit-admins`: holders of a unit admin grant for the unit (role `unit-admin`);
 * - `secretaries`: the unit's secretaries (role `secretary`, from posts such as 支部书记 through the post dictionary);
 * - `leading-group`: the seats of the unit's leading groups (组长, 副组长, 成员);
 * - `member`: the member the event is about (a unit's obligation, which has none, goes to the unit's secretaries);
 * - `member-and-secretary`: that member and the secretaries of the unit the obligation belongs to;
 * - `concerned`: an appraised member, or an appraised unit's admins and secretaries.
 * Each trigger offers the audiences its event can resolve.
 */
export const AUDIENCES = ['invited-members', 'unit-admins', 'secretaries', 'leading-group', 'member', 'member-and-secretary', 'concerned'] as const;
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
    audiences: ['invited-members', 'unit-admins', 'secretaries', 'leading-group'],
    deadline: true,
  },
  'plan-returned': {
    events: ['activity.plan.returned.v1'],
    variables: [...RECIPIENT, 'unitName', 'comment', 'dueAt'],
    audiences: ['unit-admins', 'secretaries', 'leading-group'],
    deadline: true,
  },
  'obligation-at-risk': {
    events: ['activity.obligation.at-risk.v1'],
    variables: [...RECIPIENT, 'memberName', 'unitName', 'description', 'dueAt'],
    audiences: ['member', 'member-and-secretary', 'secretaries'],
    deadline: true,
  },
  'obligation-missed': {
    events: ['activity.obligation.missed.v1'],
    variables: [...RECIPIENT, 'memberName', 'unitName', 'description', 'dueAt'],
    audiences: ['member', 'member-and-secretary', 'secretaries'],
    deadline: false,
  },
  'ranking-published': {
    events: ['scoring.ranking.published.v1'],
    variables: [...RECIPIENT, 'unitName', 'period', 'rank', 'points'],
    audiences: ['unit-admins', 'secretaries', 'leading-group'],
    deadline: false,
  },
  'appraisal-finalised': {
    events: ['scoring.appraisal.finalised.v1'],
    variables: [...RECIPIENT, 'subjectName', 'rating', 'honour'],
    audiences: ['concerned'],
    deadline: false,
  },
};
