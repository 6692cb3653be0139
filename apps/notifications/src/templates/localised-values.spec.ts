import { DEFAULT_RULES } from '../rules/rule-defaults';
import { renderMessage } from '../rules/render-message';
import { honourClause, inLocale, periodLabel, ratingLabel, Variables } from './localised-values';

const hasLatinWords = (text: string) => /[A-Za-z]{2,}/.test(text);
const hasChinese = (text: string) => /\p{Script=Han}/u.test(text);
const rule = (ruleId: string) => DEFAULT_RULES.find((candidate) => candidate.ruleId === ruleId)!;

describe('values put into templates', () => {
  it('name periods as people say them, in each language', () => {
    expect(periodLabel('campaign')).toEqual({ 'zh-CN': '活动全程', en: 'the whole campaign' });
    expect(periodLabel('2026-W48')).toEqual({ 'zh-CN': '2026年第48周', en: 'week 48 of 2026' });
    expect(periodLabel('2026-11')).toEqual({ 'zh-CN': '2026年11月', en: '11/2026' });
    expect(periodLabel('2026年第四季度')).toEqual({ 'zh-CN': '2026年第四季度', en: '2026年第四季度' });
  });

  it('translate ratings and honours: excellent is 优秀 in Chinese', () => {
    expect(ratingLabel('excellent')).toEqual({ 'zh-CN': '优秀', en: 'Excellent' });
    expect(honourClause('excellent-member')['zh-CN']).toBe('，荣获“优秀党员”称号');
    expect(honourClause(null)).toEqual({ 'zh-CN': '', en: '' });
  });

  it('keep what is the same in every language (names, titles) as it is', () => {
    const variables: Variables = { unitName: '盈口乡', rating: ratingLabel('good') };
    expect(inLocale(variables, 'en')).toEqual({ unitName: '盈口乡', rating: 'Good' });
  });
});

describe('default templates rendered with their values', () => {
  it('read wholly in one language: a campaign ranking is not “排名发布：campaign”', () => {
    const variables: Variables = { recipientName: '李强', unitName: '盈口乡', period: periodLabel('campaign'), rank: '2', points: '88.5' };
    const zh = renderMessage(rule('ranking-published').templates['zh-CN'], inLocale(variables, 'zh-CN'));
    expect(zh).toEqual({ subject: '排名发布：活动全程', body: '李强同志：活动全程排名已发布，盈口乡名列第2名，得分88.5。' });
    const en = renderMessage(rule('ranking-published').templates.en, inLocale({ ...variables, recipientName: 'Li Qiang', unitName: 'Yingkou' }, 'en'));
    expect(en.subject).toBe('Ranking published: the whole campaign');
    expect(hasChinese(`${en.subject} ${en.body}`)).toBe(false);
  });

  it('give an appraisal as 优秀, not “优秀 excellent”', () => {
    const variables: Variables = { recipientName: '王芳', subjectName: '王芳', rating: ratingLabel('excellent'), honour: honourClause('excellent-member') };
    const zh = renderMessage(rule('appraisal-result').templates['zh-CN'], inLocale(variables, 'zh-CN'));
    expect(zh.body).toBe('王芳同志：王芳的评比结果为“优秀”，荣获“优秀党员”称号。');
    expect(hasLatinWords(`${zh.subject}${zh.body}`)).toBe(false);
  });

  it('every default template is monolingual in each locale', () => {
    for (const defaults of DEFAULT_RULES) {
      const strip = (text: string) => text.replace(/\{\{\s*[^{}]*?\s*\}\}/g, '');
      expect([defaults.ruleId, hasLatinWords(strip(defaults.templates['zh-CN'].subject + defaults.templates['zh-CN'].body))]).toEqual([defaults.ruleId, false]);
      expect([defaults.ruleId, hasChinese(defaults.templates.en.subject + defaults.templates.en.body)]).toEqual([defaults.ruleId, false]);
    }
  });
});
