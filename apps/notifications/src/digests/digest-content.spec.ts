import { isEmptyDigest, renderDailyDigest, renderWeeklySummary } from './digest-content';

describe('digest content', () => {
  const digest = {
    date: '2026-12-03',
    messages: ['活动通知：党性教育集中学习'],
    ownOutstanding: [{ text: { 'zh-CN': '2026年度心得体会', en: 'Reflection for 2026' }, dueAt: '2026-12-05 10:00' }],
    branchGaps: null,
  };

  it('renders one message with a section per kind of item, wholly in the recipient’s language', () => {
    expect(renderDailyDigest(digest, 'zh-CN')).toEqual({
      subject: '每日汇总 2026-12-03',
      body: '新消息 (1):\n· 活动通知：党性教育集中学习\n\n您的待完成事项 (1):\n· 2026年度心得体会（截止 2026-12-05 10:00）',
    });
    const gaps = [{ owner: '王芳', text: { 'zh-CN': '调研报告', en: 'Research report' } }];
    expect(renderDailyDigest({ ...digest, messages: [], branchGaps: gaps }, 'en')).toEqual({
      subject: 'Daily digest 2026-12-03',
      body: 'Your open obligations (1):\n· Reflection for 2026 (due 2026-12-05 10:00)\n\nGaps in your branch (1):\n· 王芳: Research report',
    });
  });

  it('knows when there is nothing to send', () => {
    expect(isEmptyDigest({ ...digest, messages: [], ownOutstanding: [] })).toBe(true);
    expect(isEmptyDigest({ ...digest, messages: [], ownOutstanding: [], branchGaps: [{ text: { 'zh-CN': 'x', en: 'x' } }] })).toBe(false);
  });

  it('summarises compliance per unit for the week', () => {
    expect(renderWeeklySummary('2026-W49', [{ unitName: '区教育局', due: 3, met: 2, missed: 1 }], 'zh-CN')).toEqual({
      subject: '每周完成情况 2026-W49',
      body: '区教育局：应完成 3，已完成 2，逾期 1',
    });
    expect(renderWeeklySummary('2026-W49', [], 'en').body).toBe('Nothing fell due this week.');
  });
});
