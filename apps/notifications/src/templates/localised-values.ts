import { Locale, SUPPORTED_LOCALES } from '@campaign/i18n';
import { RATINGS } from '@campaign/contracts';
import { notificationText } from '../i18n/messages';

/** A text in every supported locale. */
export type Localised = Record<Locale, string>;

/** A template variable: one text for every language (a name, a title, a date) or one per language (a rating, a period). */
export type VariableValue = string | Localised;
export type Variables = Record<string, VariableValue>;

/** The variables as one language's template needs them. */
export function inLocale(variables: Variables, locale: Locale): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : value[locale]]));
}

export function sameInEveryLocale(text: string): Localised {
  return Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, text])) as Localised;
}

/** A standing period as people say it: 活动全程 / the whole campaign, 2026年第48周 / week 48 of 2026, 2026年11月 / 11/2026. */
export function periodLabel(period: string): Localised {
  if (period === 'campaign') return notificationText.all('period.campaign');
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) return notificationText.all('period.week', { year: week[1], week: Number(week[2]) });
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return notificationText.all('period.month', { year: month[1], month: Number(month[2]) });
  return sameInEveryLocale(period);
}

export function ratingLabel(rating: (typeof RATINGS)[number]): Localised {
  return notificationText.all(`rating.${rating}`);
}

/** The honour as a clause after the rating, or nothing. */
export function honourClause(honour: 'advanced-collective' | 'excellent-member' | null): Localised {
  return honour ? notificationText.all(`honour.${honour}`) : sameInEveryLocale('');
}
