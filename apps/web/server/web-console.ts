import { existsSync } from 'node:fs';
import { Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import express, { Express } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { consoleConfig, ConsoleAuth } from './console-config';
import { devSignInRouter, DevIdentity } from './dev-sign-in';

export const API_SERVICES = ['org-registry', 'activity-records', 'assessment-scoring', 'notifications'] as const;
export type ApiService = (typeof API_SERVICES)[number];

export interface WebConsoleOptions {
  /** Where each service answers; `/api/<service>/…` is forwarded there with the prefix removed. */
  upstreams: Record<ApiService, string>;
  port?: number;
  host?: string;
  /** The built single-page app (`vite build`); dist/apps/web by default. */
  staticDir?: string;
  /** Development sign-in: the identities offered on the sign-in page and the secret the services trust. */
  development?: { secret: string; identities: DevIdentity[] };
  /** Production sign-in: OpenID Connect (authorization code with PKCE) against the customer's identity provider. */
  oidc?: Extract<ConsoleAuth, { mode: 'oidc' }>;
}

export interface WebConsole {
  url: string;
  stop(): Promise<void>;
}

export const DEFAULT_STATIC_DIR = resolve(__dirname, '../../../dist/apps/web');

/** The same-origin gateway: `/api/<service>/…` to each service (as nginx and the ingress route in production), the SPA for the rest. */
export function createWebConsoleApp(options: WebConsoleOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  for (const service of API_SERVICES) {
    app.use(
      `/api/${service}`,
      createProxyMiddleware({
        target: options.upstreams[service],
        changeOrigin: true,
        // Server-sent events (the live ranking) must reach the browser as they come.
        proxyTimeout: 0,
        on: { error: (error, _request, response) => badGateway(response, service, error) },
      }),
    );
  }
  const auth: ConsoleAuth = options.oidc ?? (options.development ? { mode: 'development' } : { mode: 'none' });
  app.get('/console-config.json', (_request, response) => {
    response.set('cache-control', 'no-store').json(consoleConfig(auth));
  });
  if (options.development) app.use('/auth/dev', devSignInRouter(options.development.secret, options.development.identities));

  const staticDir = options.staticDir ?? DEFAULT_STATIC_DIR;
  app.use(express.static(staticDir, { index: false, maxAge: '1h' }));
  // Client-side routes: every other GET that accepts HTML gets the app's page.
  app.use((request, response, next) => {
    if (request.method !== 'GET' || !request.accepts('html')) return next();
    const page = join(staticDir, 'index.html');
    if (!existsSync(page)) return response.status(503).type('text/plain').send(`the console is not built: run \`npx vite build -c apps/web/vite.config.ts\` (looked in ${staticDir})`);
    response.set('cache-control', 'no-cache').sendFile(page);
  });
  return app;
}

function badGateway(response: ServerResponse | Socket, service: ApiService, error: Error): void {
  if (!('writeHead' in response) || response.headersSent) {
    response.end();
    return;
  }
  response.writeHead(502, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ statusCode: 502, message: `${service} is unreachable: ${error.message}` }));
}

/** Starts the console on its port (0: a free one) and resolves with its URL. */
export async function startWebConsole(options: WebConsoleOptions): Promise<WebConsole> {
  const app = createWebConsoleApp(options);
  const host = options.host ?? '127.0.0.1';
  const server: Server = await new Promise((done, fail) => {
    const listening = app.listen(options.port ?? 0, host, (error?: Error) => (error ? fail(error) : done(listening)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    stop: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
