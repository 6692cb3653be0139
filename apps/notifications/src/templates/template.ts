import { NotificationMessageKey } from '../i18n/messages';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** What is wrong with part of a rule: a catalogue code and its values, shown in the caller's language. */
export interface TemplateProblem {
  code: Extract<NotificationMessageKey, `rule.problem.${string}`>;
  params: Record<string, string>;
}

/** What is wrong with a template: malformed placeholders and variables the trigger does not provide. */
export function templateProblems(text: string, allowed: readonly string[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (!VARIABLE_NAME.test(name)) problems.push({ code: 'rule.problem.malformed-placeholder', params: { placeholder: `{{${name}}}` } });
    else if (!allowed.includes(name)) problems.push({ code: 'rule.problem.unknown-variable', params: { variable: `{{${name}}}`, allowed: allowed.join(', ') } });
  }
  const leftover = text.replace(PLACEHOLDER, '');
  if (leftover.includes('{{') || leftover.includes('}}')) problems.push({ code: 'rule.problem.unbalanced', params: {} });
  return problems;
}

/** Replaces each {{variable}}; a variable without a value renders empty rather than leaking the placeholder. */
export function renderTemplate(text: string, variables: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => variables[name] ?? '');
}
