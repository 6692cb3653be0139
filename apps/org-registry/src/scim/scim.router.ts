import { Logger } from '@nestjs/common';
import express, { ErrorRequestHandler, NextFunction, Request, Response, Router } from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';
import { hasRole, Principal, TokenVerifier } from '@campaign/auth';
import { currentContext, normaliseText } from '@campaign/service-kit';
import { expandUnmatchedTypedAdds, normaliseScimBody } from './client-quirks';
import { publicBaseUrl } from './public-base-url';
import { ERROR_RESPONSE, LIST_RESPONSE, MAX_RESULTS, SCIM_BODY_LIMIT, SCIM_CONTENT_TYPE } from './scim-protocol';
import { etagOf } from './scim-user-mapping';
import { scimText } from './scim.messages';
import { ListParams, ListResult, ScimContext, ScimService } from './scim.service';

type ScimRequest = Request & { scimPrincipal?: Principal };
type Resource = { meta?: { location?: string; version?: string }; [key: string]: unknown };

let declared = false;

/** SCIMMY keeps its resources process-wide: declare them once; each call carries its district and service in the context. */
function declareResources(): void {
  if (declared) return;
  declared = true;
  const User = SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false);
  // SCIMMY's handler types expect its schema classes back; plain objects are what it accepts at run time.
  const egress = (read: (ctx: ScimContext, id: string) => Promise<unknown>) =>
    ((resource: { id?: string }, ctx: ScimContext) => read(ctx, resource.id as string)) as never;
  const ingress = (write: (ctx: ScimContext, id: string | undefined, instance: never) => Promise<unknown>) =>
    ((resource: { id?: string }, instance: never, ctx: ScimContext) => write(ctx, resource.id, instance)) as never;
  const degress = (remove: (ctx: ScimContext, id: string) => Promise<void>) =>
    ((resource: { id?: string }, ctx: ScimContext) => remove(ctx, resource.id as string)) as never;
  SCIMMY.Resources.declare(
    User.egress(egress((ctx, id) => ctx.service.userEgress(ctx.district, id)))
      .ingress(ingress((ctx, id, instance) => ctx.service.userIngress(ctx.district, id, instance)))
      .degress(degress((ctx, id) => ctx.service.userDegress(ctx.district, id))),
  );
  SCIMMY.Resources.declare(
    SCIMMY.Resources.Group.egress(egress((ctx, id) => ctx.service.groupEgress(ctx.district, id)))
      .ingress(ingress((ctx, id, instance) => ctx.service.groupIngress(ctx.district, id, instance)))
      .degress(degress((ctx, id) => ctx.service.groupDegress(ctx.district, id))),
  );
}

function sendError(response: Response, status: number, detail: string, scimType?: string): void {
  response
    .status(status)
    .type(SCIM_CONTENT_TYPE)
    .send(JSON.stringify({ schemas: [ERROR_RESPONSE], status: String(status), ...(scimType ? { scimType } : {}), detail }));
}

function sendScimError(response: Response, error: unknown): void {
  const scim = error as { status?: number; scimType?: string; message?: string };
  if (scim.status) return sendError(response, scim.status, scim.message ?? '', scim.scimType);
  sendError(response, 500, scimText.t('scim.internal', { correlationId: currentContext()?.correlationId ?? '-' }));
}

function integerOf(value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  return typeof value === 'number' ? value : Number(value);
}

function listParams(source: Record<string, unknown>): ListParams {
  return {
    filter: typeof source['filter'] === 'string' ? source['filter'] : undefined,
    startIndex: integerOf(source['startIndex']),
    count: integerOf(source['count']),
  };
}

/** `attributes` / `excludedAttributes` as SCIMMY reads them (a search request sends them as lists). */
function attributeFilter(source: Record<string, unknown>): SCIMMY.Types.Filter | undefined {
  const listed = (value: unknown) => (Array.isArray(value) ? value.join(',') : value);
  const params = {
    ...(source['attributes'] !== undefined ? { attributes: listed(source['attributes']) } : {}),
    ...(source['excludedAttributes'] !== undefined ? { excludedAttributes: listed(source['excludedAttributes']) } : {}),
  };
  return (new SCIMMY.Resources.User(params as never) as unknown as { attributes?: SCIMMY.Types.Filter }).attributes;
}

/** A location SCIMMY or the mapping made relative to this host, made absolute on the public base URL. */
function absolute(location: unknown, base: string): unknown {
  return typeof location === 'string' && location.startsWith('/') ? `${base}${location}` : location;
}

function withAbsoluteLocations(resource: Resource, base: string, enterprise: string): Resource {
  const manager = (resource[enterprise] as { manager?: { $ref?: string } } | undefined)?.manager;
  return {
    ...resource,
    ...(resource.meta?.location ? { meta: { ...resource.meta, location: absolute(resource.meta.location, base) as string } } : {}),
    ...(manager?.$ref ? { [enterprise]: { ...(resource[enterprise] as object), manager: { ...manager, $ref: absolute(manager.$ref, base) } } } : {}),
  };
}

const SINGLE_RESOURCE = /^\/(Users|Groups)\/([^/.][^/]*)$/;
const logger = new Logger('Scim');

export interface ScimRouterOptions {
  /** The URL clients reach the service at (configuration); else taken from forwarded headers or the request. */
  publicBaseUrl?: string;
}

/**
 * The SCIM 2.0 service provider: our bearer check (role hr-sync of the token's district), the provisioning-client
 * quirks, ETags, absolute locations, and list/filter/paging done in the store; SCIMMY does discovery, PATCH and the
 * resource protocol. Mount it with `scimErrorHandler` after it, on the application, so that errors of the body
 * parsers (the platform's own runs first) answer in SCIM's shape too.
 */
export function createScimRouter(service: ScimService, verifier: TokenVerifier, options: ScimRouterOptions = {}): Router {
  declareResources();
  const enterprise = SCIMMY.Schemas.EnterpriseUser.id;
  const router = express.Router();

  router.use((request: Request, response: Response, next: NextFunction) => {
    const base = publicBaseUrl(request.headers, request.protocol, options.publicBaseUrl);
    response.setHeader('Content-Type', `${SCIM_CONTENT_TYPE}; charset=utf-8`);
    const json = response.json.bind(response);
    response.json = (body: unknown) => {
      if (!body || typeof body !== 'object') return json(body);
      const plain = JSON.parse(JSON.stringify(body)) as Resource & { Resources?: Resource[] };
      const answer = Array.isArray(plain.Resources)
        ? { ...plain, Resources: plain.Resources.map((resource) => withAbsoluteLocations(resource, base, enterprise)) }
        : withAbsoluteLocations(plain, base, enterprise);
      if (answer.meta?.version) response.setHeader('ETag', answer.meta.version);
      if (response.statusCode === 201 && answer.meta?.location) response.location(answer.meta.location);
      return json(answer);
    };
    next();
  });

  router.use(express.json({ type: [SCIM_CONTENT_TYPE, 'application/json'], limit: SCIM_BODY_LIMIT }));

  router.use(async (request: ScimRequest, response: Response, next: NextFunction) => {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) return sendError(response, 401, scimText.t('scim.tokenRequired'));
    try {
      request.scimPrincipal = await verifier.verify(token);
    } catch (error) {
      return sendError(response, 401, scimText.t('scim.tokenInvalid', { reason: (error as Error).message }));
    }
    if (!hasRole(request.scimPrincipal, 'hr-sync')) return sendError(response, 403, scimText.t('scim.roleRequired'));
    next();
  });

  router.use((request: Request, response: Response, next: NextFunction) => {
    if (!request.body || !['POST', 'PUT', 'PATCH'].includes(request.method)) return next();
    // The platform's text policy everywhere: NFC, and no NUL or lone surrogate in any string or key of the body.
    const problems: string[] = [];
    const body = normaliseText(request.body, '', problems);
    if (problems.length) return sendError(response, 400, scimText.t('scim.textPolicy', { problems: problems.join('; ') }), 'invalidValue');
    request.body = normaliseScimBody(body);
    next();
  });

  router.use(async (request: ScimRequest, response: Response, next: NextFunction) => {
    const match = SINGLE_RESOURCE.exec(request.path);
    if (!match) return next();
    const district = (request.scimPrincipal as Principal).district;
    const ifMatch = request.headers['if-match'];
    const ifNoneMatch = request.headers['if-none-match'];
    try {
      if (ifMatch || ifNoneMatch) {
        const revision = await service.revisionOf(district, match[1] as 'Users' | 'Groups', match[2]);
        const current = revision === undefined ? undefined : etagOf(revision);
        const matches = (header: string) => header.split(',').map((tag) => tag.trim()).some((tag) => tag === '*' || tag === current || tag === current?.slice(2));
        if (ifMatch && current && !matches(String(ifMatch))) return sendError(response, 412, scimText.t('scim.versionMismatch', { version: current }));
        if (ifNoneMatch && request.method === 'GET' && current && matches(String(ifNoneMatch))) return void response.status(304).end();
      }
      if (request.method === 'PATCH' && match[1] === 'Users') {
        const current = await service.userEgress(district, match[2]).catch(() => undefined);
        if (current) request.body = expandUnmatchedTypedAdds(request.body, current);
      }
    } catch (error) {
      return next(error);
    }
    next();
  });

  const list = (resource: 'Users' | 'Groups') => async (request: ScimRequest, response: Response) => {
    const district = (request.scimPrincipal as Principal).district;
    const source = (request.method === 'GET' ? request.query : (request.body ?? {})) as Record<string, unknown>;
    try {
      const attributes = attributeFilter(source);
      const params = listParams(source);
      const result: ListResult = resource === 'Users' ? await service.listUsers(district, params) : await service.listGroups(district, params);
      if (!result.resources) return void response.json({ schemas: [LIST_RESPONSE], totalResults: result.total });
      const basepath = `${request.baseUrl}/${resource}`;
      const Resources = result.resources.map((item) =>
        resource === 'Users' ? new SCIMMY.Schemas.User(item as never, 'out', basepath, attributes) : new SCIMMY.Schemas.Group(item as never, 'out', basepath, attributes),
      );
      response.json({ schemas: [LIST_RESPONSE], totalResults: result.total, startIndex: result.startIndex, itemsPerPage: Resources.length, Resources });
    } catch (error) {
      sendScimError(response, error);
    }
  };
  router.get('/Users', list('Users'));
  router.post('/Users/.search', list('Users'));
  router.get('/Groups', list('Groups'));
  router.post('/Groups/.search', list('Groups'));
  router.post('/.search', (_request, response) => sendError(response, 501, scimText.t('scim.searchAcrossTypes')));

  const scimmy = new SCIMMYRouters({
    type: 'bearer',
    handler: (request: ScimRequest) => (request.scimPrincipal as Principal).memberId ?? (request.scimPrincipal as Principal).sub,
    context: (request: ScimRequest): ScimContext => ({ district: (request.scimPrincipal as Principal).district, service }),
  });
  SCIMMY.Config.set({ etag: { supported: true }, bulk: { supported: false }, filter: { supported: true, maxResults: MAX_RESULTS }, sort: { supported: false } });
  router.use(scimmy);
  return router;
}

/**
 * Every error under the SCIM path in SCIM's shape: a body that is not JSON or is too large (whichever body parser saw
 * it), and anything unexpected. An error SCIMMY already answered arrives here only to be logged.
 */
export const scimErrorHandler: ErrorRequestHandler = (error: unknown, _request: Request, response: Response, _next: NextFunction) => {
  const failure = error as { type?: string; status?: number; statusCode?: number; message?: string; scimType?: string; expose?: boolean };
  const status = failure.status ?? failure.statusCode ?? 500;
  if (status >= 500) logger.error(error);
  if (response.headersSent) return;
  if (failure.type === 'entity.parse.failed') return sendError(response, 400, scimText.t('scim.invalidJson', { reason: failure.message ?? '' }), 'invalidSyntax');
  if (failure.type === 'entity.too.large') return sendError(response, 413, scimText.t('scim.bodyTooLarge', { limit: SCIM_BODY_LIMIT }));
  if (error instanceof SCIMMY.Types.Error) return sendError(response, status, failure.message ?? '', failure.scimType);
  if (status < 500 && failure.expose) return sendError(response, status, scimText.t('scim.unreadableBody', { reason: failure.message ?? '' }));
  sendError(response, 500, scimText.t('scim.internal', { correlationId: currentContext()?.correlationId ?? '-' }));
};
