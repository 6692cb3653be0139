import { renderTemplate, templateProblems } from './template';

describe('templates', () => {
  const allowed = ['recipientName', 'activityTitle', 'startsAt'];

  it('accepts a template that uses only the trigger variables, with or without spaces', () => {
    expect(templateProblems('{{recipientName}}同志：请参加{{ activityTitle }}（{{startsAt}}）', allowed)).toEqual([]);
  });

  it('names every unknown variable and what is allowed', () => {
    const problems = templateProblems('Dear {{recipientName}}, {{rank}} and {{score}}', allowed);
    expect(problems).toEqual([
      { code: 'rule.problem.unknown-variable', params: { variable: '{{rank}}', allowed: 'recipientName, activityTitle, startsAt' } },
      { code: 'rule.problem.unknown-variable', params: { variable: '{{score}}', allowed: 'recipientName, activityTitle, startsAt' } },
    ]);
  });

  it('refuses malformed and unbalanced placeholders', () => {
    expect(templateProblems('{{recipient name}}', allowed)).toEqual([{ code: 'rule.problem.malformed-placeholder', params: { placeholder: '{{recipient name}}' } }]);
    expect(templateProblems('Hello {{recipientName', allowed)).toEqual([{ code: 'rule.problem.unbalanced', params: {} }]);
    expect(templateProblems('Hello recipientName}}', allowed)).toEqual([{ code: 'rule.problem.unbalanced', params: {} }]);
  });

  it('renders every occurrence and leaves no placeholder for a missing value', () => {
    expect(renderTemplate('{{a}}-{{ a }}-{{b}}', { a: '学习' })).toBe('学习-学习-');
  });
});
