import { Locale } from '@campaign/i18n';
import { MessageKey, messages } from '../common/messages';
import { SchemeError } from '../rules/scheme.definition';

/** Values that are subject codes, named in the reader's language. */
const SUBJECT_PARAMS = new Set(['ruleSubject', 'indicatorSubject']);

/** A scheme problem as shown: its JSON path and what is wrong there, in the request's language (or `locale`). */
export function schemeErrorView(error: SchemeError, locale?: Locale): { path: string; message: string } {
  const params = Object.fromEntries(Object.entries(error.params).map(([name, value]) => [name, SUBJECT_PARAMS.has(name) ? messages.t(`subject.${value}` as MessageKey, {}, locale) : value]));
  return { path: error.path, message: messages.t(error.key, params, locale) };
}
