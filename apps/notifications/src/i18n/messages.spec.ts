import { catalogueProblems } from '@campaign/i18n';
import { notificationCatalogues } from './messages';

const withoutPlaceholders = (text: string) => text.replace(/\{\{\s*[^{}]*?\s*\}\}/g, '');

describe('notifications catalogues', () => {
  it('give every text in Chinese and English with the same placeholders', () => {
    expect(catalogueProblems(notificationCatalogues)).toEqual([]);
  });

  it('keep each language to itself: no Latin words in Chinese texts, no Chinese in English ones', () => {
    const latinInChinese = Object.entries(notificationCatalogues['zh-CN']).filter(([, text]) => /[A-Za-z]{2,}/.test(withoutPlaceholders(text)));
    const chineseInEnglish = Object.entries(notificationCatalogues.en).filter(([, text]) => /\p{Script=Han}/u.test(text));
    expect(latinInChinese).toEqual([]);
    expect(chineseInEnglish).toEqual([]);
  });
});
