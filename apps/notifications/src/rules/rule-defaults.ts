import { NotificationMessageKey, notificationCatalogues } from '../i18n/messages';
import { LOCALES } from '../settings/district-settings.schema';
import { NotificationRule, RuleTemplates } from './rule.schema';

const DAY = 24 * 60;

/** A default rule's templates, read raw from the catalogues: their {{variables}} are filled per message, not here. */
function templates(name: string): RuleTemplates {
  const text = (locale: (typeof LOCALES)[number], part: 'subject' | 'body') => notificationCatalogues[locale][`template.${name}.${part}` as NotificationMessageKey];
  return Object.fromEntries(LOCALES.map((locale) => [locale, { subject: text(locale, 'subject'), body: text(locale, 'body') }])) as RuleTemplates;
}

/** What a district starts with; district admins edit, disable or delete them. */
export const DEFAULT_RULES: Omit<NotificationRule, 'district'>[] = [
  { ruleId: 'activity-notice', trigger: 'activity-scheduled', audience: 'invited-members', enabled: true, remindBeforeMinutes: [DAY], templates: templates('activity-notice') },
  { ruleId: 'plan-returned', trigger: 'plan-returned', audience: 'unit-admins', enabled: true, remindBeforeMinutes: [], templates: templates('plan-returned') },
  { ruleId: 'obligation-due', trigger: 'obligation-at-risk', audience: 'member', enabled: true, remindBeforeMinutes: [3 * DAY, DAY], templates: templates('obligation-due') },
  { ruleId: 'obligation-missed', trigger: 'obligation-missed', audience: 'member-and-secretary', enabled: true, remindBeforeMinutes: [], templates: templates('obligation-missed') },
  { ruleId: 'ranking-published', trigger: 'ranking-published', audience: 'unit-admins', enabled: true, remindBeforeMinutes: [], templates: templates('ranking-published') },
  { ruleId: 'appraisal-result', trigger: 'appraisal-finalised', audience: 'concerned', enabled: true, remindBeforeMinutes: [], templates: templates('appraisal-result') },
];
