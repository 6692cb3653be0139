import { DEFAULT_RULES } from './rule-defaults';
import { RuleBodyDto } from './rule.dto';
import { ruleProblems } from './rules.service';

const base: RuleBodyDto = {
  trigger: 'obligation-missed',
  audience: 'member-and-secretary',
  templates: {
    'zh-CN': { subject: '未完成：{{description}}', body: '{{recipientName}}同志：{{memberName}}的{{description}}已逾期' },
    en: { subject: 'Missed: {{description}}', body: 'Dear {{recipientName}}, {{description}} of {{memberName}} is overdue' },
  },
};

describe('rule validation', () => {
  it('accepts every default rule', () => {
    for (const rule of DEFAULT_RULES) expect(ruleProblems(rule)).toEqual([]);
  });

  it('names the locale and part of a template with an unknown variable', () => {
    const problems = ruleProblems({ ...base, templates: { ...base.templates, en: { ...base.templates.en, body: '{{rank}}' } } });
    expect(problems).toEqual([{ field: 'templates.en.body', code: 'rule.problem.unknown-variable', params: expect.objectContaining({ variable: '{{rank}}' }) }]);
  });

  it('refuses an audience the trigger cannot resolve and reminders without a deadline', () => {
    expect(ruleProblems({ ...base, audience: 'invited-members' })).toEqual([expect.objectContaining({ field: 'audience', code: 'rule.problem.audience' })]);
    expect(ruleProblems({ ...base, remindBeforeMinutes: [60] })).toEqual([expect.objectContaining({ field: 'remindBeforeMinutes', code: 'rule.problem.no-deadline' })]);
  });
});
