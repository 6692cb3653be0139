/** A request exactly as it was sent: path with its query, raw JSON body, Accept-Language. */
export interface FuzzRequest {
  path: string;
  body?: string;
  language: string;
}

/** Requests that once answered a 5xx or a stack trace, replayed before the generated ones of their operation. */
export const API_FUZZ_REGRESSIONS: { service: string; operation: string; request: FuzzRequest; found: string }[] = [
  {
    service: 'assessment-scoring',
    operation: 'GET /campaigns/{campaignId}/audit',
    request: { path: '/campaigns/nul%00/audit', language: 'en' },
    found: '500: the campaign guard queried the store with a NUL before the text policy ran',
  },
  {
    service: 'assessment-scoring',
    operation: 'POST /campaigns/{campaignId}/adjustments',
    request: { path: '/campaigns/nul%00/adjustments', body: '{}', language: 'zh-CN' },
    found: '500: the campaign guard queried the store with a NUL before the text policy ran',
  },
  {
    service: 'notifications',
    operation: 'PUT /settings',
    request: { path: '/settings', body: '[]', language: 'en' },
    found: '500: an array body passed validation and reached the store as an empty $set',
  },
];
