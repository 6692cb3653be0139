import express, { NextFunction, Request, Response, Router } from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';
import { hasRole, Principal, TokenVerifier } from '@campaign/auth';
import { expandUnmatchedTypedAdds, normaliseScimBody } from './entra-quirks';
import { ListParams, ScimContext, ScimService } from './scim.service';
import { etagOf } from './scim-user-mapping';

type ScimRequest = Request & { scimPrincipal?: Principal };

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
    .type('application/scim+json')
    .send(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), ...(scimType ? { scimType } : {}), detail }));
}

function listParams(source: Record<string, unknown>): ListParams {
  return {
    filter: typeof source['filter'] === 'string' ? source['filter'] : undefined,
    startIndex: source['startIndex'] !== undefined ? Number(source['startIndex']) : undefined,
    count: source['count'] !== undefined ? Number(source['count']) : undefined,
  };
}

const SINGLE_RESOURCE = /^\/(Users|Groups)\/([^/.][^/]*)$/;

/**
 * The SCIM 2.0 service provider under /scim/v2: our bearer check (role hr-sync of the token's district), the
 * provisioning-client quirks, ETags, and list/filter/paging done in the store; SCIMMY does discovery, PATCH and
 * the resource protocol.
 */
export function createScimRouter(service: ScimService, verifier: TokenVerifier): Router {
  declareResources();
  const router = express.Router();
  router.use(express.json({ type: ['application/scim+json', 'application/json'], limit: '1mb' }));

  router.use(async (request: ScimRequest, response: Response, next: NextFunction) => {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) return sendError(response, 401, 'a bearer token is required');
    try {
      request.scimPrincipal = await verifier.verify(token);
    } catch (error) {
      return sendError(response, 401, `invalid token: ${(error as Error).message}`);
    }
    if (!hasRole(request.scimPrincipal, 'hr-sync')) return sendError(response, 403, 'SCIM provisioning needs a token with the hr-sync role');
    next();
  });

  router.use((request: Request, _response: Response, next: NextFunction) => {
    if (request.body && ['POST', 'PUT', 'PATCH'].includes(request.method)) request.body = normaliseScimBody(request.body);
    next();
  });

  router.use(async (request: ScimRequest, response: Response, next: NextFunction) => {
    const match = SINGLE_RESOURCE.exec(request.path);
    if (!match) return next();
    const district = (request.scimPrincipal as Principal).district;
    const ifMatch = request.headers['if-match'];
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifMatch || ifNoneMatch) {
      const revision = await service.revisionOf(district, match[1] as 'Users' | 'Groups', match[2]).catch(next);
      const current = revision === undefined ? undefined : etagOf(revision as number);
      const matches = (header: string) => header.split(',').map((tag) => tag.trim()).some((tag) => tag === '*' || tag === current || tag === current?.slice(2));
      if (ifMatch && current && !matches(String(ifMatch))) return sendError(response, 412, `resource version is ${current}`);
      if (ifNoneMatch && request.method === 'GET' && current && matches(String(ifNoneMatch))) return void response.status(304).end();
    }
    if (request.method === 'PATCH' && match[1] === 'Users') {
      const current = await service.userEgress(district, match[2]).catch(() => undefined);
      if (current) request.body = expandUnmatchedTypedAdds(request.body, current);
    }
    const json = response.json.bind(response);
    response.json = (body: unknown) => {
      const version = (body as { meta?: { version?: string } } | undefined)?.meta?.version;
      if (version) response.setHeader('ETag', version);
      return json(body);
    };
    next();
  });

  const list = (resource: 'Users' | 'Groups') => async (request: ScimRequest, response: Response) => {
    const district = (request.scimPrincipal as Principal).district;
    const params = listParams(request.method === 'GET' ? (request.query as Record<string, unknown>) : (request.body ?? {}));
    try {
      const { total, resources } = resource === 'Users' ? await service.listUsers(district, params) : await service.listGroups(district, params);
      const basepath = `${request.baseUrl}/${resource}`;
      const formatted = resources.map((item) =>
        resource === 'Users' ? new SCIMMY.Schemas.User(item as never, 'out', basepath) : new SCIMMY.Schemas.Group(item as never, 'out', basepath),
      );
      response.type('application/scim+json').send(
        JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
          totalResults: total,
          startIndex: Math.max(1, Math.floor(params.startIndex ?? 1) || 1),
          itemsPerPage: formatted.length,
          Resources: formatted,
        }),
      );
    } catch (error) {
      const scim = error as { status?: number; scimType?: string; message: string };
      if (scim.status) return sendError(response, scim.status, scim.message, scim.scimType);
      sendError(response, 500, 'internal error');
    }
  };
  router.get('/Users', list('Users'));
  router.post('/Users/.search', list('Users'));
  router.get('/Groups', list('Groups'));
  router.post('/Groups/.search', list('Groups'));
  router.post('/.search', (_request, response) => sendError(response, 501, 'search across resource types is not supported: use /Users/.search or /Groups/.search'));

  const scimmy = new SCIMMYRouters({
    type: 'bearer',
    handler: (request: ScimRequest) => (request.scimPrincipal as Principal).memberId ?? (request.scimPrincipal as Principal).sub,
    context: (request: ScimRequest): ScimContext => ({ district: (request.scimPrincipal as Principal).district, service }),
  });
  SCIMMY.Config.set({ etag: { supported: true }, bulk: { supported: false }, filter: { supported: true, maxResults: 200 }, sort: { supported: false } });
  router.use(scimmy);
  return router;
}
