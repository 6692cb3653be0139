import i18next, { i18n } from 'i18next';
import { DEFAULT_LOCALE, Locale, SUPPORTED_LOCALES } from './locale';

/** One text per key in every supported locale; placeholders are `{{name}}`. */
export type Catalogues<K extends string> = Record<Locale, Record<K, string>>;
export type TranslationParams = Record<string, string | number>;

export interface Translator<K extends string> {
  /** The text of `key` in `locale` (default: the resolver's, else zh-CN) with its placeholders filled. */
  t(key: K, params?: TranslationParams, locale?: Locale): string;
  /** The text of `key` in every supported locale, for what is stored once and read in either language. */
  all(key: K, params?: TranslationParams): Record<Locale, string>;
}

/** Keeps the key's type when catalogues are declared, so a missing or extra key in one locale fails to compile. */
export function defineCatalogues<K extends string>(catalogues: Catalogues<K>): Catalogues<K> {
  return catalogues;
}

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]))].sort();
}

/** Keys whose placeholders differ between locales, or whose text is empty: for a catalogue's unit test. */
export function catalogueProblems<K extends string>(catalogues: Catalogues<K>): string[] {
  const problems: string[] = [];
  const reference = catalogues[DEFAULT_LOCALE];
  for (const key of Object.keys(reference) as K[]) {
    const expected = placeholdersOf(reference[key]).join(',');
    for (const locale of SUPPORTED_LOCALES) {
      const text = catalogues[locale][key];
      if (typeof text !== 'string' || text.trim() === '') problems.push(`${locale}:${key} is empty`);
      else if (placeholdersOf(text).join(',') !== expected) problems.push(`${locale}:${key} has placeholders {${placeholdersOf(text)}} instead of {${expected}}`);
    }
  }
  return problems;
}

export interface TranslatorOptions {
  /** The locale of the work in progress (e.g. the HTTP request's), used when a call names none. */
  locale?: () => Locale | undefined;
}

export function createTranslator<K extends string>(catalogues: Catalogues<K>, options: TranslatorOptions = {}): Translator<K> {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, { translation: catalogues[locale] }])),
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    // Keys are flat identifiers such as `ranking.published`, not nested paths.
    keySeparator: false,
    nsSeparator: false,
    initAsync: false,
    // Texts go into JSON, e-mail bodies rendered as text and logs, never raw into HTML.
    interpolation: { escapeValue: false },
    returnNull: false,
    // Keeps i18next's advertisement out of the services' JSON logs.
    showSupportNotice: false,
  });
  const t = (key: K, params?: TranslationParams, locale?: Locale): string =>
    instance.t(key, { ...params, lng: locale ?? options.locale?.() ?? DEFAULT_LOCALE });
  return {
    t,
    all: (key, params) => Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, t(key, params, locale)])) as Record<Locale, string>,
  };
}
