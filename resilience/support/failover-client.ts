import { Principal } from '@campaign/auth';
import { Platform, ServiceName } from '@campaign/testing';
import { ApiError } from '../../tools/platform/client';
import { devToken } from '../../tools/platform/dev-tokens';

const RETRY_PAUSE_MS = 250;
const REQUEST_TIMEOUT_MS = 30_000;
const GIVE_UP_AFTER_MS = 180_000;

/** What a retried, non-idempotent request looks up to find out whether an earlier attempt already took effect. */
export type Recovery<T> = () => Promise<T | undefined>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Calls a service through whichever of its replicas answers, as a load balancer in front of them would: a dead
 * replica (connection refused or reset) or a failing one (5xx, e.g. while the store is away) is retried on the next.
 */
export class FailoverClient {
  /** Attempts that failed and were tried again. */
  retries = 0;
  private turn = 0;

  private constructor(
    private readonly platform: Platform,
    private readonly token: string,
  ) {}

  static async as(platform: Platform, principal: Principal): Promise<FailoverClient> {
    return new FailoverClient(platform, await devToken(principal));
  }

  get<T>(service: ServiceName, path: string): Promise<T> {
    return this.call<T>(service, 'GET', path);
  }

  post<T>(service: ServiceName, path: string, body: unknown = {}, recover?: Recovery<T>): Promise<T> {
    return this.call<T>(service, 'POST', path, body, recover);
  }

  /**
   * Sends the request until a replica answers it. With `recover`, a request that failed once is not sent blindly
   * again: `recover` is asked first (did the lost attempt succeed?) and its answer is taken when it has one.
   */
  async call<T>(service: ServiceName, method: string, path: string, body?: unknown, recover?: Recovery<T>): Promise<T> {
    const replicas = this.platform.instances.filter((instance) => instance.service === service);
    const deadline = Date.now() + GIVE_UP_AFTER_MS;
    let last: unknown;
    for (let attempt = 0; ; attempt += 1) {
      if (attempt > 0 && recover) {
        const earlier = await recover().catch(() => undefined);
        if (earlier !== undefined) return earlier;
      }
      const instance = replicas[this.turn++ % replicas.length];
      try {
        const response = await fetch(`${instance.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await response.text();
        const parsed: unknown = text ? safeJson(text) : undefined;
        if (response.ok) return parsed as T;
        last = new ApiError(response.status, parsed, `${method} ${instance.service}#${instance.replica}${path}`);
        if (response.status < 500) throw last;
      } catch (error) {
        if (error instanceof ApiError && error.status < 500) throw error;
        last = error;
      }
      if (Date.now() > deadline) throw last;
      this.retries += 1;
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  }
}
