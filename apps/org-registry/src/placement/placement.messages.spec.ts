import { catalogueProblems } from '@campaign/i18n';
import { placementCatalogues } from './placement.messages';

describe('placement messages', () => {
  it('say the same thing in every locale, with the same placeholders', () => {
    expect(catalogueProblems(placementCatalogues)).toEqual([]);
  });
});
