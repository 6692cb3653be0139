import { Locale } from '@campaign/i18n';
import { MessageKey } from '../i18n/catalogues';
import { messages } from '../i18n/messages';
import { Obligation } from './obligation.schema';

export interface ObligationNames {
  unitName: string;
  memberName: string;
  campaignName: string;
}

type Described = Pick<Obligation, 'kind' | 'periodKey' | 'title'>;

function params(obligation: Described, names: ObligationNames) {
  return { ...names, week: obligation.periodKey, year: obligation.periodKey.split('/')[0], title: obligation.title ?? '' };
}

/** What is owed, in one language (the caller's unless named): `区政协：2026-W49周组织集中学习`. */
export function describeObligation(obligation: Described, names: ObligationNames, locale?: Locale): string {
  return messages.t(`obligation.${obligation.kind}` as MessageKey, params(obligation, names), locale);
}

/** What is owed, in every language: what an event carries, read later in either. */
export function describeObligationInAll(obligation: Described, names: ObligationNames): Record<Locale, string> {
  return messages.all(`obligation.${obligation.kind}` as MessageKey, params(obligation, names));
}
