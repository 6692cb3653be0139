import { defineCatalogues } from '@campaign/i18n';
import { requestTranslator } from '@campaign/service-kit';

/** The `detail` of the SCIM errors this service raises itself (SCIMMY's own protocol errors keep SCIMMY's English). */
export const scimCatalogues = defineCatalogues({
  'zh-CN': {
    'scim.tokenRequired': '需要 Bearer 令牌',
    'scim.tokenInvalid': '令牌无效：{{reason}}',
    'scim.roleRequired': 'SCIM 同步需要具有 hr-sync 角色的令牌',
    'scim.notFound': '资源 {{id}} 不存在',
    'scim.versionMismatch': '资源当前版本为 {{version}}',
    'scim.invalidFilter': '过滤条件无效：{{reason}}',
    'scim.invalidParameter': '参数 {{parameter}} 必须是整数',
    'scim.userNameTaken': '用户名 {{userName}} 已存在',
    'scim.nameRequired': '用户需要 displayName、name.formatted 或 name.familyName/givenName 之一',
    'scim.groupNameRequired': '用户组需要 displayName',
    'scim.groupExists': '用户组 {{displayName}} 已存在',
    'scim.groupMembersUnknown': '用户组成员中有不存在的用户',
    'scim.changedConcurrently': '资源 {{id}} 同时被修改，请重试',
    'scim.invalidJson': '请求正文不是有效的 JSON：{{reason}}',
    'scim.bodyTooLarge': '请求正文超过上限 {{limit}}',
    'scim.unreadableBody': '无法读取请求正文：{{reason}}',
    'scim.internal': '服务器内部错误（请求编号 {{correlationId}}）',
    'scim.searchAcrossTypes': '不支持跨资源类型查询，请使用 /Users/.search 或 /Groups/.search',
    'scim.textPolicy': '文本不符合要求：{{problems}}',
  },
  en: {
    'scim.tokenRequired': 'a bearer token is required',
    'scim.tokenInvalid': 'invalid token: {{reason}}',
    'scim.roleRequired': 'SCIM provisioning needs a token with the hr-sync role',
    'scim.notFound': 'Resource {{id}} not found',
    'scim.versionMismatch': 'resource version is {{version}}',
    'scim.invalidFilter': 'invalid filter: {{reason}}',
    'scim.invalidParameter': '{{parameter}} must be a whole number',
    'scim.userNameTaken': 'userName {{userName}} already exists',
    'scim.nameRequired': 'a user needs displayName, name.formatted or name.familyName/givenName',
    'scim.groupNameRequired': 'a group needs a displayName',
    'scim.groupExists': 'group {{displayName}} already exists',
    'scim.groupMembersUnknown': 'some members of the group do not exist',
    'scim.changedConcurrently': 'resource {{id}} changed concurrently; retry',
    'scim.invalidJson': 'the request body is not valid JSON: {{reason}}',
    'scim.bodyTooLarge': 'the request body is larger than {{limit}}',
    'scim.unreadableBody': 'the request body cannot be read: {{reason}}',
    'scim.internal': 'internal error (request {{correlationId}})',
    'scim.searchAcrossTypes': 'search across resource types is not supported: use /Users/.search or /Groups/.search',
    'scim.textPolicy': 'text breaks the platform’s policy: {{problems}}',
  },
});

export const scimText = requestTranslator(scimCatalogues);
