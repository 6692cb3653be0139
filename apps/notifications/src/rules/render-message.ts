import { notificationText } from '../i18n/messages';
import { Locale } from '../settings/district-settings.schema';
import { renderTemplate } from '../templates/template';
import { MessageTemplate } from './rule.schema';

export function renderMessage(template: MessageTemplate, variables: Record<string, string>): { subject: string; body: string } {
  return { subject: renderTemplate(template.subject, variables), body: renderTemplate(template.body, variables) };
}

export function renderReminder(template: MessageTemplate, variables: Record<string, string>, locale: Locale): { subject: string; body: string } {
  const message = renderMessage(template, variables);
  return { ...message, subject: notificationText.t('reminder.subject', { subject: message.subject }, locale) };
}
