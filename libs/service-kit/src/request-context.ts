import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Catalogues, createTranslator, DEFAULT_LOCALE, Locale, Translator } from '@campaign/i18n';

export interface RequestContext {
  correlationId: string;
  /** The event whose handling caused the current work, when there is one. */
  causationId?: string;
  /** The caller's language (HTTP `Accept-Language`); work caused by an event has none and speaks the default. */
  locale?: Locale;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const CORRELATION_HEADER = 'x-correlation-id';

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function runInContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function newCorrelationId(): string {
  return randomUUID();
}

export function currentLocale(): Locale {
  return storage.getStore()?.locale ?? DEFAULT_LOCALE;
}

/** A translator that speaks the current request's language unless a call names another. */
export function requestTranslator<K extends string>(catalogues: Catalogues<K>): Translator<K> {
  return createTranslator(catalogues, { locale: currentLocale });
}
