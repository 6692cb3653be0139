import { Locale } from '../settings/district-settings.schema';

export interface DigestLine {
  text: string;
  dueAt?: string;
}

export interface DailyDigest {
  date: string;
  messages: string[];
  ownOutstanding: DigestLine[];
  /** Only for branch secretaries: what members of their branch have not done. */
  branchGaps: DigestLine[] | null;
}

export interface UnitCompliance {
  unitName: string;
  due: number;
  met: number;
  missed: number;
}

const TEXT = {
  'zh-CN': {
    daily: (date: string) => `每日汇总 ${date}`,
    messages: '新消息',
    own: '您的待完成事项',
    gaps: '本支部未完成事项',
    due: '截止',
    weekly: (week: string) => `每周完成情况 ${week}`,
    unit: (c: UnitCompliance) => `${c.unitName}：应完成 ${c.due}，已完成 ${c.met}，逾期 ${c.missed}`,
    nothing: '本周无到期事项。',
  },
  en: {
    daily: (date: string) => `Daily digest ${date}`,
    messages: 'New messages',
    own: 'Your open obligations',
    gaps: 'Gaps in your branch',
    due: 'due',
    weekly: (week: string) => `Weekly compliance ${week}`,
    unit: (c: UnitCompliance) => `${c.unitName}: ${c.due} due, ${c.met} met, ${c.missed} missed`,
    nothing: 'Nothing fell due this week.',
  },
} as const;

function section(title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : [`${title} (${lines.length}):`, ...lines.map((line) => `· ${line}`), ''];
}

export function isEmptyDigest(digest: DailyDigest): boolean {
  return digest.messages.length === 0 && digest.ownOutstanding.length === 0 && (digest.branchGaps ?? []).length === 0;
}

export function renderDailyDigest(digest: DailyDigest, locale: Locale): { subject: string; body: string } {
  const text = TEXT[locale];
  const line = (item: DigestLine) => (item.dueAt ? `${item.text}（${text.due} ${item.dueAt}）` : item.text);
  const body = [
    ...section(text.messages, digest.messages),
    ...section(text.own, digest.ownOutstanding.map(line)),
    ...section(text.gaps, (digest.branchGaps ?? []).map(line)),
  ];
  return { subject: text.daily(digest.date), body: body.join('\n').trim() };
}

export function renderWeeklySummary(week: string, units: UnitCompliance[], locale: Locale): { subject: string; body: string } {
  const text = TEXT[locale];
  return { subject: text.weekly(week), body: units.length === 0 ? text.nothing : units.map(text.unit).join('\n') };
}
