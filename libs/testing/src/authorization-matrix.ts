import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { Principal, Role } from '@campaign/auth';
import { TEST_AUTH_SECRET, testToken } from './test-service';

/** Who calls: each role of the platform, and the tokens an attacker could bring. */
export const MATRIX_CALLERS = [
  'district-admin',
  'unit-admin',
  'member',
  'operator',
  'hr-sync',
  'no-token',
  'expired-token',
  'token-of-another-key',
  'admin-of-another-district',
] as const;
export type MatrixCaller = (typeof MATRIX_CALLERS)[number];

/** Who a route admits: anyone (health, metrics, docs, SCIM's own bearer check), or a valid token with one of these roles. */
export type RouteAccess = 'public' | readonly Role[];

/** What a cell answers: past the token and role checks (2xx or a 4xx of the request itself), 403 or 401. */
export type CellOutcome = 'admitted' | 'forbidden' | 'unauthenticated';

/** Route key as the router names it: `METHOD /path/:param`. */
export type AuthorizationTable = Record<string, RouteAccess>;

const ROLE_OF_CALLER: Partial<Record<MatrixCaller, Role>> = {
  'district-admin': 'district-admin',
  'unit-admin': 'unit-admin',
  member: 'member',
  operator: 'operator',
  'hr-sync': 'hr-sync',
  'admin-of-another-district': 'district-admin',
};

export function expectedOutcome(access: RouteAccess, caller: MatrixCaller): CellOutcome {
  if (access === 'public') return 'admitted';
  const role = ROLE_OF_CALLER[caller];
  if (!role) return 'unauthenticated';
  return access.includes(role) ? 'admitted' : 'forbidden';
}

function outcomeOf(status: number): CellOutcome | 'server-error' {
  if (status >= 500) return 'server-error';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  return 'admitted';
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Every route the application serves, from its HTTP router (so routes kept out of OpenAPI count too), as
 * `METHOD /path/:param`; middleware bound to every method and path is not a route.
 */
export function routesOf(app: INestApplication): string[] {
  const router = (app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } }).router;
  const routes = router.stack.flatMap((layer) => {
    if (!layer.route) return [];
    const methods = Object.keys(layer.route.methods).filter((method) => METHODS.includes(method));
    if (methods.length === METHODS.length) return [];
    return methods.map((method) => `${method.toUpperCase()} ${layer.route?.path}`);
  });
  return [...new Set(routes)];
}

async function signed(claims: Principal, secret: string, expiresAt: number): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer('campaign-platform-dev')
    .setAudience('campaign-platform')
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(secret));
}

/** A bearer token per caller, in `district` (but the other district's admin); none for `no-token`. */
export async function matrixTokens(district: string): Promise<Record<MatrixCaller, string | undefined>> {
  const admin: Principal = { sub: 'matrix-district-admin', district, roles: ['district-admin'], units: [] };
  const now = Math.floor(Date.now() / 1000);
  return {
    'district-admin': await testToken(admin),
    'unit-admin': await testToken({ sub: 'matrix-unit-admin', district, roles: ['unit-admin'], units: ['matrix-subtree-root'] }),
    member: await testToken({ sub: 'matrix-member', district, roles: ['member'], units: [], memberId: 'matrix-member' }),
    operator: await testToken({ sub: 'matrix-operator', district, roles: ['operator'], units: [] }),
    'hr-sync': await testToken({ sub: 'matrix-hr-sync', district, roles: ['hr-sync'], units: [] }),
    'no-token': undefined,
    'expired-token': await signed(admin, TEST_AUTH_SECRET, now - 3600),
    'token-of-another-key': await signed(admin, `another-key-${randomUUID()}`, now + 3600),
    'admin-of-another-district': await testToken({ ...admin, district: `${district}-other` }),
  };
}

export interface MatrixReport {
  cells: number;
  /** Cells whose outcome differs from the table, and any 5xx or stack trace. */
  mismatches: string[];
  /** Routes the service has and the table does not classify. */
  unclassified: string[];
  /** Rows of the table for routes the service no longer has. */
  stale: string[];
}

/** A path with each parameter filled by an id no district has, so an admitted caller meets a 404 or a 400, never data. */
function concretePath(path: string): string {
  return path.replace(/:[A-Za-z]+/g, 'matrix-missing-id');
}

interface Answer {
  status: number;
  text: string;
}

/** One call; a stream (server-sent events) is answered by its status and headers, without waiting for its end. */
async function call(baseUrl: string, method: string, path: string, token: string | undefined): Promise<Answer> {
  const withBody = method !== 'GET' && method !== 'DELETE';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(withBody ? { 'Content-Type': 'application/json' } : {}) },
    body: withBody ? '{}' : undefined,
  });
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, text: '' };
  }
  return { status: response.status, text: await response.text() };
}

/**
 * Calls every route the service serves as every caller and compares each answer with the table. Admitted callers
 * send an empty body; what they may then do is the business of each service's own tests.
 */
export async function runAuthorizationMatrix(app: INestApplication, table: AuthorizationTable, district: string): Promise<MatrixReport> {
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const routes = routesOf(app);
  const tokens = await matrixTokens(district);
  const report: MatrixReport = { cells: 0, mismatches: [], unclassified: routes.filter((route) => !(route in table)), stale: Object.keys(table).filter((route) => !routes.includes(route)) };
  for (const route of routes.filter((key) => key in table)) {
    const [method, path] = route.split(' ');
    for (const caller of MATRIX_CALLERS) {
      const answer = await call(baseUrl, method, concretePath(path), tokens[caller]);
      report.cells += 1;
      const expected = expectedOutcome(table[route], caller);
      const observed = outcomeOf(answer.status);
      if (observed !== expected) report.mismatches.push(`${route} as ${caller}: expected ${expected}, answered ${answer.status} ${answer.text.slice(0, 200)}`);
      if (/\n\s+at /.test(answer.text)) report.mismatches.push(`${route} as ${caller}: the answer carries a stack trace`);
    }
  }
  return report;
}

/** The matrix of one service as a jest case: every cell as the table says, no route without a row, no stale row. */
export function authorizationMatrixCases(service: string, table: AuthorizationTable, app: () => INestApplication): void {
  describe(`${service}: the authorization matrix`, () => {
    it('answers every route for every caller as the table declares', async () => {
      const report = await runAuthorizationMatrix(app(), table, `d-matrix-${randomUUID()}`);
      process.stdout.write(`${service}: authorization matrix of ${report.cells} cells (${report.cells / MATRIX_CALLERS.length} routes x ${MATRIX_CALLERS.length} callers)\n`);
      expect(report.unclassified).toEqual([]);
      expect(report.stale).toEqual([]);
      expect(report.mismatches).toEqual([]);
    });
  });
}
