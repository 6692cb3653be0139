import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';
import { Locale } from '../settings/district-settings.schema';
import { Audience, Trigger } from './triggers';

export const NOTIFICATION_RULE = 'NotificationRule';

export interface MessageTemplate {
  subject: string;
  body: string;
}

export type RuleTemplates = Record<Locale, MessageTemplate>;

export interface NotificationRule {
  district: string;
  ruleId: string;
  trigger: Trigger;
  audience: Audience;
  enabled: boolean;
  /** Reminders before the event's deadline, in minutes (e.g. 4320 = three days before). */
  remindBeforeMinutes: number[];
  templates: RuleTemplates;
}

const template = { _id: false, subject: { type: String, required: true }, body: { type: String, required: true } };

export const notificationRuleSchema = new Schema(
  {
    ruleId: { type: String, required: true },
    trigger: { type: String, required: true },
    audience: { type: String, required: true },
    enabled: { type: Boolean, default: true },
    remindBeforeMinutes: { type: [Number], default: [] },
    templates: { type: { _id: false, 'zh-CN': template, en: template }, required: true },
  },
  { ...defaultSchemaOptions, collection: 'notification_rules' },
);
notificationRuleSchema.plugin(tenantPlugin);
notificationRuleSchema.index({ district: 1, ruleId: 1 }, { unique: true });
notificationRuleSchema.index({ district: 1, trigger: 1 });
