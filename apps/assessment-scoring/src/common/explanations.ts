import { Locale } from '@campaign/i18n';
import { Reason } from '../rules/reasons';
import { MessageKey, messages } from './messages';

/** Reason values that are codes, and the catalogue prefix that names them. */
const NAMED_CODES: Record<string, string> = {
  activityKind: 'activity',
  submissionKind: 'submission',
  obligationKind: 'obligation',
  role: 'role',
  window: 'window',
  capOf: 'cap',
};

function render(reason: Reason, locale?: Locale): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(reason.params ?? {})) {
    const prefix = NAMED_CODES[name];
    params[name] = prefix ? messages.t(`${prefix}.${value}` as MessageKey, {}, locale) : value;
  }
  if (reason.of) params.original = reasonsText(reason.of, locale);
  return messages.t(reason.key, params, locale);
}

function reasonsText(reasons: readonly Reason[], locale?: Locale): string {
  return reasons.map((reason) => render(reason, locale)).join(messages.t('explanation.separator', {}, locale));
}

/** A line's explanation in the request's language (or `locale`): its reasons, then its points. */
export function explanationOf(reasons: readonly Reason[], points: number, locale?: Locale): string {
  return messages.t('explanation', { reasons: reasonsText(reasons, locale), points }, locale);
}
