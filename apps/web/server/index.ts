import { buildWebConsole } from './build';
import { DevIdentity } from './dev-sign-in';
import { ApiService, startWebConsole, WebConsole } from './web-console';

export * from './build';
export * from './console-config';
export * from './dev-sign-in';
export * from './web-console';

/** For `npm start` and the browser tests: builds the app if its sources changed and serves it with development sign-in. */
export async function launchDevConsole(options: { upstreams: Record<ApiService, string>; secret: string; identities: DevIdentity[]; port?: number; host?: string }): Promise<WebConsole> {
  buildWebConsole();
  return startWebConsole({ upstreams: options.upstreams, port: options.port, host: options.host, development: { secret: options.secret, identities: options.identities } });
}
