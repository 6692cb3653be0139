import { defineCatalogues } from '@campaign/i18n';
import { requestTranslator } from '@campaign/service-kit';

/** Every text assessment-scoring shows people: errors and score explanations, in Chinese (default) and English. */
export const SCORING_CATALOGUES = defineCatalogues({
  'zh-CN': {
    'adjustment.unknown-indicator': '{{day}}适用的考核方案中没有指标“{{indicatorId}}”',
    'adjustment.indicator-subject': '指标“{{indicatorId}}”考核的是{{indicatorSubject}}，不能用于{{subjectType}}',
    'adjustment.no-such-line': '活动{{campaignId}}中没有台账记录{{lineId}}',
    'adjustment.correction-of-other-subject': '台账记录{{lineId}}属于{{lineSubject}}，不能用来更正{{subject}}的分数',
    'adjustment.correction-of-other-indicator': '台账记录{{lineId}}计入指标“{{lineIndicatorId}}”，更正须计入同一指标',
    'appraisal.member-left': '党员{{memberId}}已于{{leftOn}}离开，不再参加评比和表彰',
    'subject.member': '党员',
    'subject.unit': '单位',
    'error.no-member': '没有党员{{memberId}}',
    'error.no-unit': '没有单位{{unitId}}',
  },
  en: {
    'adjustment.unknown-indicator': 'the scheme in force on {{day}} has no indicator "{{indicatorId}}"',
    'adjustment.indicator-subject': 'indicator "{{indicatorId}}" scores {{indicatorSubject}}, not {{subjectType}}',
    'adjustment.no-such-line': 'campaign {{campaignId}} has no ledger line {{lineId}}',
    'adjustment.correction-of-other-subject': 'ledger line {{lineId}} belongs to {{lineSubject}}; it cannot correct the score of {{subject}}',
    'adjustment.correction-of-other-indicator': 'ledger line {{lineId}} counts under indicator "{{lineIndicatorId}}"; its correction must count under the same indicator',
    'appraisal.member-left': 'member {{memberId}} left on {{leftOn}} and is no longer appraised or honoured',
    'subject.member': 'members',
    'subject.unit': 'units',
    'error.no-member': 'no member {{memberId}}',
    'error.no-unit': 'no unit {{unitId}}',
  },
});

export type MessageKey = keyof (typeof SCORING_CATALOGUES)['en'];

/** Speaks the request's language (Accept-Language), Chinese by default and in event handlers. */
export const messages = requestTranslator(SCORING_CATALOGUES);
