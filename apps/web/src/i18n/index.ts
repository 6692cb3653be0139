import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

export const LANGUAGES = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
] as const;

/** Chinese first (also for any language we do not have), English second; the choice is remembered in the browser. */
export async function initI18n(language?: string): Promise<typeof i18next> {
  await i18next
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      lng: language,
      fallbackLng: 'zh-CN',
      supportedLngs: ['zh-CN', 'en'],
      detection: { order: ['localStorage'], caches: ['localStorage'], lookupLocalStorage: 'console.language' },
      interpolation: { escapeValue: false },
    });
  i18next.on('languageChanged', (lng) => document.documentElement.setAttribute('lang', lng));
  document.documentElement.setAttribute('lang', i18next.resolvedLanguage ?? 'zh-CN');
  return i18next;
}
