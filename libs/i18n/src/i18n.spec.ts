import { catalogueProblems, createTranslator, defineCatalogues } from './translator';
import { negotiateLocale } from './locale';

const catalogues = defineCatalogues({
  'zh-CN': { 'ranking.published': '{{period}}排名已发布，{{unitName}}名列第{{rank}}名', 'rating.excellent': '优秀' },
  en: { 'ranking.published': 'The {{period}} ranking is out: {{unitName}} is number {{rank}}', 'rating.excellent': 'Excellent' },
});

describe('translator', () => {
  it('fills placeholders in the locale asked for, Chinese by default', () => {
    const { t } = createTranslator(catalogues);
    expect(t('ranking.published', { period: '2026-W48', unitName: '盈口乡', rank: 1 })).toBe('2026-W48排名已发布，盈口乡名列第1名');
    expect(t('rating.excellent', {}, 'en')).toBe('Excellent');
  });

  it('takes the locale of the work in progress when a call names none', () => {
    let current: 'zh-CN' | 'en' | undefined = 'en';
    const { t } = createTranslator(catalogues, { locale: () => current });
    expect(t('rating.excellent')).toBe('Excellent');
    current = undefined;
    expect(t('rating.excellent')).toBe('优秀');
  });

  it('does not escape what it fills in (texts are not HTML)', () => {
    const { t } = createTranslator(catalogues);
    expect(t('ranking.published', { period: 'Q4', unitName: '区委办 & <区政府办>', rank: 2 }, 'en')).toContain('区委办 & <区政府办>');
  });

  it('gives every locale at once', () => {
    expect(createTranslator(catalogues).all('rating.excellent')).toEqual({ 'zh-CN': '优秀', en: 'Excellent' });
  });
});

describe('catalogueProblems', () => {
  it('accepts catalogues whose locales share placeholders', () => {
    expect(catalogueProblems(catalogues)).toEqual([]);
  });

  it('names a key whose placeholders differ between locales, or whose text is empty', () => {
    const broken = defineCatalogues({ 'zh-CN': { a: '{{x}}', b: '好' }, en: { a: '{{y}}', b: ' ' } });
    expect(catalogueProblems(broken)).toEqual(['en:a has placeholders {y} instead of {x}', 'en:b is empty']);
  });
});

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-Hans-CN', 'zh-CN'],
    ['fr-FR, en;q=0.5, zh;q=0.8', 'zh-CN'],
    ['de, fr', 'zh-CN'],
    ['zh;q=0, en', 'en'],
  ])('%s → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
