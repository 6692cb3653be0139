import i18next from 'i18next';
import { en } from './en';
import { initI18n } from './index';
import { zhCN } from './zh-CN';

type Tree = { [key: string]: string | Tree };
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`)));
const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((match) => match[1]).sort();

describe('the console’s catalogues', () => {
  it('speak Chinese by default and English on request', async () => {
    localStorage.clear();
    await initI18n();
    expect(i18next.resolvedLanguage).toBe('zh-CN');
    expect(i18next.t('signIn.title')).toBe('登录');
    await i18next.changeLanguage('en');
    expect(i18next.t('signIn.title')).toBe('Sign in');
    expect(document.documentElement.lang).toBe('en');
  });

  it('have the same keys and the same placeholders in both languages', () => {
    expect(keys(en as unknown as Tree)).toEqual(keys(zhCN as unknown as Tree));
    const zh = zhCN as unknown as Tree;
    const english = en as unknown as Tree;
    const at = (tree: Tree, key: string) => key.split('.').reduce<string | Tree>((node, part) => (node as Tree)[part], tree) as string;
    for (const key of keys(zh)) expect([key, placeholders(at(english, key))]).toEqual([key, placeholders(at(zh, key))]);
  });
});
