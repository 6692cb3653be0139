import { renderTemplate, templateProblems } from './template';

describe('templates', () => {
  const allowed = ['recipientName', 'activityTitle', 'startsAt'];

  it('accepts a template that uses only the trigger variables, with or without spaces', () => {
    expect(templateProblems('{{recipientName}}同志：请参加{{ activityTitle }}（{{startsAt}}）', allowed)).toEqual([]);
  });

  it('names every unknown variable and what is allowed', () => {
    const problems = templateProblems('Dear {{recipientName}}, {{rank}} and {{score}}', allowed);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/unknown variable \{\{rank\}\}.*allowed: recipientName, activityTitle, startsAt/);
    expect(problems[1]).toMatch(/\{\{score\}\}/);
  });

  it('refuses malformed and unbalanced placeholders', () => {
    expect(templateProblems('{{recipient name}}', allowed)).toEqual(['malformed placeholder {{recipient name}}']);
    expect(templateProblems('Hello {{recipientName', allowed)).toEqual(['unbalanced {{ or }}']);
    expect(templateProblems('Hello recipientName}}', allowed)).toEqual(['unbalanced {{ or }}']);
  });

  it('renders every occurrence and leaves no placeholder for a missing value', () => {
    expect(renderTemplate('{{a}}-{{ a }}-{{b}}', { a: '学习' })).toBe('学习-学习-');
  });
});
