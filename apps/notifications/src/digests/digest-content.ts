import { notificationText } from '../i18n/messages';
import { Locale } from '../settings/district-settings.schema';
import { Localised } from '../templates/localised-values';

export interface DigestLine {
  text: Localised;
  dueAt?: string;
  /** Whose it is, when it is not the recipient's own. */
  owner?: string;
}

export interface DailyDigest {
  date: string;
  /** Subjects of the messages held back, already in the recipient's language. */
  messages: string[];
  ownOutstanding: DigestLine[];
  /** Only for secretaries: what members of their units have not done. */
  branchGaps: DigestLine[] | null;
}

export interface UnitCompliance {
  unitName: string;
  due: number;
  met: number;
  missed: number;
}

function section(title: string, lines: string[], locale: Locale): string[] {
  return lines.length === 0 ? [] : [notificationText.t('digest.section', { title, count: lines.length }, locale), ...lines.map((line) => `· ${line}`), ''];
}

export function isEmptyDigest(digest: DailyDigest): boolean {
  return digest.messages.length === 0 && digest.ownOutstanding.length === 0 && (digest.branchGaps ?? []).length === 0;
}

export function renderDailyDigest(digest: DailyDigest, locale: Locale): { subject: string; body: string } {
  const t = (key: Parameters<typeof notificationText.t>[0], params?: Record<string, string | number>) => notificationText.t(key, params, locale);
  const line = (item: DigestLine) => {
    const text = item.owner ? t('digest.line.owner', { owner: item.owner, text: item.text[locale] }) : item.text[locale];
    return item.dueAt ? t('digest.line.due', { text, dueAt: item.dueAt }) : text;
  };
  const body = [
    ...section(t('digest.section.messages'), digest.messages, locale),
    ...section(t('digest.section.own'), digest.ownOutstanding.map(line), locale),
    ...section(t('digest.section.gaps'), (digest.branchGaps ?? []).map(line), locale),
  ];
  return { subject: t('digest.daily.subject', { date: digest.date }), body: body.join('\n').trim() };
}

export function renderWeeklySummary(week: string, units: UnitCompliance[], locale: Locale): { subject: string; body: string } {
  const t = (key: Parameters<typeof notificationText.t>[0], params?: Record<string, string | number>) => notificationText.t(key, params, locale);
  const body = units.length === 0 ? t('digest.weekly.nothing') : units.map((unit) => t('digest.weekly.unit', { ...unit })).join('\n');
  return { subject: t('digest.weekly.subject', { week }), body };
}
