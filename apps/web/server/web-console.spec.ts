import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { ApiService, startWebConsole, WebConsole } from './web-console';

const SECRET = 'a-development-secret-for-the-console-spec';

interface Upstream {
  url: string;
  requests: { url?: string; authorization?: string }[];
  server: Server;
}

/** A service stand-in: answers JSON with the path it saw, or a stream of events on /live/scores. */
async function upstream(): Promise<Upstream> {
  const requests: Upstream['requests'] = [];
  const server = createServer((request: IncomingMessage, response) => {
    requests.push({ url: request.url, authorization: request.headers.authorization });
    if (request.url?.startsWith('/live/scores')) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('event: ready\ndata: {}\n\n');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ path: request.url }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

describe('the web console gateway', () => {
  let services: Record<ApiService, Upstream>;
  let web: WebConsole;
  const staticDir = mkdtempSync(join(tmpdir(), 'console-'));

  beforeAll(async () => {
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
    services = {
      'org-registry': await upstream(),
      'activity-records': await upstream(),
      'assessment-scoring': await upstream(),
      notifications: await upstream(),
    };
    web = await startWebConsole({
      upstreams: Object.fromEntries(Object.entries(services).map(([name, service]) => [name, service.url])) as Record<ApiService, string>,
      staticDir,
      development: { secret: SECRET, identities: [{ id: 'district-admin', label: '区委组织部', principal: { sub: 'admin', district: 'd-1', roles: ['district-admin'], units: [] } }] },
    });
  });

  afterAll(async () => {
    await web.stop();
    for (const service of Object.values(services)) {
      service.server.closeAllConnections();
      service.server.close();
    }
  });

  it('forwards /api/<service>/… to that service without the prefix, with the caller’s token', async () => {
    const response = await fetch(`${web.url}/api/activity-records/campaigns?x=1`, { headers: { authorization: 'Bearer t-1' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ path: '/campaigns?x=1' });
    expect(services['activity-records'].requests.at(-1)).toEqual({ url: '/campaigns?x=1', authorization: 'Bearer t-1' });
    expect(services['org-registry'].requests).toEqual([]);
  });

  it('passes server-sent events through as they come, before the stream ends', async () => {
    const abort = new AbortController();
    const response = await fetch(`${web.url}/api/assessment-scoring/live/scores`, { signal: abort.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('event: ready');
    abort.abort();
  });

  it('answers a readable 502 when a service is down', async () => {
    const down = await startWebConsole({ upstreams: { ...Object.fromEntries(Object.entries(services).map(([name, service]) => [name, service.url])), notifications: 'http://127.0.0.1:1' } as Record<ApiService, string>, staticDir });
    try {
      const response = await fetch(`${down.url}/api/notifications/me/inbox`);
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({ statusCode: 502, message: expect.stringMatching(/^notifications is unreachable/) });
    } finally {
      await down.stop();
    }
  });

  it('issues development tokens the services trust, only for the identities offered', async () => {
    expect(await (await fetch(`${web.url}/console-config.json`)).json()).toEqual({ auth: { mode: 'development' } });
    expect(await (await fetch(`${web.url}/auth/dev/identities`)).json()).toEqual([{ id: 'district-admin', label: '区委组织部', roles: ['district-admin'] }]);
    const issued = await fetch(`${web.url}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identityId: 'district-admin' }) });
    const { token } = (await issued.json()) as { token: string };
    const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET), { issuer: 'campaign-platform-dev', audience: 'campaign-platform' });
    expect(payload).toMatchObject({ sub: 'admin', district: 'd-1', roles: ['district-admin'] });
    const refused = await fetch(`${web.url}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identityId: 'operator' }) });
    expect(refused.status).toBe(404);
  });

  it('offers no development sign-in without a development secret, and OIDC settings when configured', async () => {
    const production = await startWebConsole({
      upstreams: Object.fromEntries(Object.entries(services).map(([name, service]) => [name, service.url])) as Record<ApiService, string>,
      staticDir,
      oidc: { mode: 'oidc', authority: 'https://sso.example.gov.cn/realms/district', clientId: 'campaign-console' },
    });
    try {
      expect(await (await fetch(`${production.url}/console-config.json`)).json()).toEqual({
        auth: { mode: 'oidc', authority: 'https://sso.example.gov.cn/realms/district', clientId: 'campaign-console', scope: 'openid profile' },
      });
      const token = await fetch(`${production.url}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"identityId":"district-admin"}' });
      expect(token.status).not.toBe(200);
    } finally {
      await production.stop();
    }
  });

  it('serves the app’s page for client-side routes', async () => {
    const response = await fetch(`${web.url}/unit/u-1`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>console</title>');
  });
});
