/** Where the SCIM 2.0 service provider is mounted and the protocol values it advertises and answers with. */
export const SCIM_BASE_PATH = '/scim/v2';
export const SCIM_CONTENT_TYPE = 'application/scim+json';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:Error';
/** Advertised as `filter.maxResults`; a larger `count` is capped to it (RFC 7644 §3.4.2.4). */
export const MAX_RESULTS = 200;
export const DEFAULT_COUNT = 100;
/** The same as the platform's JSON limit: an Okta group pushed whole can carry tens of thousands of members. */
export const SCIM_BODY_LIMIT = '10mb';
