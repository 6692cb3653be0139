import { NotificationRule } from './rule.schema';

const DAY = 24 * 60;

/** What a district starts with; district admins edit, disable or delete them. */
export const DEFAULT_RULES: Omit<NotificationRule, 'district'>[] = [
  {
    ruleId: 'activity-notice',
    trigger: 'activity-scheduled',
    audience: 'invited-members',
    enabled: true,
    remindBeforeMinutes: [DAY],
    templates: {
      'zh-CN': { subject: '活动通知：{{activityTitle}}', body: '{{recipientName}}同志：{{unitName}}将于{{startsAt}}在{{place}}举行“{{activityTitle}}”，请准时参加。' },
      en: { subject: 'Activity: {{activityTitle}}', body: 'Dear {{recipientName}}, {{unitName}} holds "{{activityTitle}}" at {{place}} on {{startsAt}}. Please attend.' },
    },
  },
  {
    ruleId: 'plan-returned',
    trigger: 'plan-returned',
    audience: 'unit-admins',
    enabled: true,
    remindBeforeMinutes: [],
    templates: {
      'zh-CN': { subject: '实施方案被退回：{{unitName}}', body: '{{recipientName}}同志：{{unitName}}的实施方案被退回，意见：{{comment}}。请于{{dueAt}}前修改后重新提交。' },
      en: { subject: 'Plan returned: {{unitName}}', body: 'Dear {{recipientName}}, the plan of {{unitName}} was returned: {{comment}}. Resubmit by {{dueAt}}.' },
    },
  },
  {
    ruleId: 'obligation-due',
    trigger: 'obligation-at-risk',
    audience: 'member',
    enabled: true,
    remindBeforeMinutes: [3 * DAY, DAY],
    templates: {
      'zh-CN': { subject: '待完成：{{description}}', body: '{{recipientName}}同志：“{{description}}”将于{{dueAt}}截止，尚未完成，请抓紧。' },
      en: { subject: 'Due soon: {{description}}', body: 'Dear {{recipientName}}, "{{description}}" is due on {{dueAt}} and is not done yet.' },
    },
  },
  {
    ruleId: 'obligation-missed',
    trigger: 'obligation-missed',
    audience: 'member-and-secretary',
    enabled: true,
    remindBeforeMinutes: [],
    templates: {
      'zh-CN': { subject: '未按期完成：{{description}}', body: '{{recipientName}}同志：{{memberName}}（{{unitName}}）的“{{description}}”已于{{dueAt}}逾期未完成。' },
      en: { subject: 'Missed: {{description}}', body: 'Dear {{recipientName}}, "{{description}}" of {{memberName}} ({{unitName}}) was due on {{dueAt}} and was missed.' },
    },
  },
  {
    ruleId: 'ranking-published',
    trigger: 'ranking-published',
    audience: 'unit-admins',
    enabled: true,
    remindBeforeMinutes: [],
    templates: {
      'zh-CN': { subject: '排名发布：{{period}}', body: '{{recipientName}}同志：{{period}}排名已发布，{{unitName}}名列第{{rank}}名，得分{{points}}。' },
      en: { subject: 'Ranking published: {{period}}', body: 'Dear {{recipientName}}, the {{period}} ranking is out: {{unitName}} is number {{rank}} with {{points}} points.' },
    },
  },
  {
    ruleId: 'appraisal-result',
    trigger: 'appraisal-finalised',
    audience: 'concerned',
    enabled: true,
    remindBeforeMinutes: [],
    templates: {
      'zh-CN': { subject: '评比结果：{{subjectName}}', body: '{{recipientName}}同志：{{subjectName}}的评比结果为“{{rating}}”{{honour}}。' },
      en: { subject: 'Appraisal result: {{subjectName}}', body: 'Dear {{recipientName}}, {{subjectName}} was rated "{{rating}}" {{honour}}.' },
    },
  },
];
