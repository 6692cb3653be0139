import { catalogueProblems } from '@campaign/i18n';
import { SCORING_CATALOGUES } from './messages';

describe('assessment-scoring catalogues', () => {
  it('give every text in Chinese and English with the same placeholders', () => {
    expect(catalogueProblems(SCORING_CATALOGUES)).toEqual([]);
  });
});
