import { catalogueProblems } from '@campaign/i18n';
import { scimCatalogues } from './scim.messages';

describe('SCIM messages', () => {
  it('say the same thing in every locale, with the same placeholders', () => {
    expect(catalogueProblems(scimCatalogues)).toEqual([]);
  });
});
