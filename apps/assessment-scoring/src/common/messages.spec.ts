import { ACTIVITY_KINDS, OBLIGATION_KINDS, SUBMISSION_KINDS } from '@campaign/contracts';
import { catalogueProblems } from '@campaign/i18n';
import { schemeErrorView } from '../schemes/scheme-errors';
import { validateScheme } from '../rules/scheme.definition';
import { SCORING_CATALOGUES } from './messages';

describe('assessment-scoring catalogues', () => {
  it('give every text in Chinese and English with the same placeholders', () => {
    expect(catalogueProblems(SCORING_CATALOGUES)).toEqual([]);
  });

  it('name every code an explanation shows: activity, submission and obligation kinds, roles, windows, caps', () => {
    const keys = Object.keys(SCORING_CATALOGUES['zh-CN']);
    const codes = [
      ...ACTIVITY_KINDS.map((kind) => `activity.${kind}`),
      ...SUBMISSION_KINDS.map((kind) => `submission.${kind}`),
      ...OBLIGATION_KINDS.map((kind) => `obligation.${kind}`),
      ...['leader', 'key-post'].map((role) => `role.${role}`),
      ...['day', 'week', 'month', 'year'].map((window) => `window.${window}`),
      ...['rule', 'indicator'].map((cap) => `cap.${cap}`),
    ];
    expect(codes.filter((code) => !keys.includes(code))).toEqual([]);
  });

  it('word every problem of a broken scheme in both languages', () => {
    const broken = validateScheme({
      effectiveFrom: '1 Jan',
      reason: '',
      extra: true,
      indicators: [
        { id: 'Study!', name: '学习', subject: 'member', weight: -1, caps: { day: 5, week: 3 }, rules: [{ id: 'x', kind: 'galaxy' }] },
        { id: 'unit', name: '单位', subject: 'unit', rules: [{ id: 'r', kind: 'study-hours', pointsPerHour: 0 }, { id: 'r', kind: 'activity-held', pointsPerActivity: 1, activityKinds: ['party'] }] },
      ],
    });
    if (broken.ok) throw new Error('expected problems');
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const error of broken.errors) expect(schemeErrorView(error, locale).message).not.toMatch(/scheme-error\.|\{\{/);
    }
    expect(broken.errors.map((error) => schemeErrorView(error, 'zh-CN'))).toContainEqual({ path: 'effectiveFrom', message: '须为YYYY-MM-DD' });
  });
});
