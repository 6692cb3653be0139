import { catalogueProblems } from '@campaign/i18n';
import { orgCatalogues } from './messages';

describe('org-registry catalogues', () => {
  it('give every text in Chinese and English with the same placeholders', () => {
    expect(catalogueProblems(orgCatalogues)).toEqual([]);
  });

  it('keep each language to itself: no Chinese in English texts', () => {
    const mixed = Object.entries(orgCatalogues.en).filter(([, text]) => /\p{Script=Han}/u.test(text));
    expect(mixed).toEqual([]);
  });
});
