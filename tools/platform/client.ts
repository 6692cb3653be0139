import { Principal } from '@campaign/auth';
import { ServiceName } from '@campaign/testing';
import { devToken } from './dev-tokens';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    where: string,
  ) {
    super(`${where} → ${status}: ${JSON.stringify(body).slice(0, 500)}`);
  }
}

/** A caller of the platform's public HTTP APIs with one identity. */
export class PlatformClient {
  private constructor(
    private readonly urls: Record<ServiceName, string>,
    private readonly token: string,
  ) {}

  static async as(urls: Record<ServiceName, string>, principal: Principal): Promise<PlatformClient> {
    return new PlatformClient(urls, await devToken(principal));
  }

  async call<T>(service: ServiceName, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const response = await fetch(`${this.urls[service]}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) throw new ApiError(response.status, parsed, `${method} ${service}${path}`);
    return parsed as T;
  }

  get<T>(service: ServiceName, path: string): Promise<T> {
    return this.call<T>(service, 'GET', path);
  }

  post<T>(service: ServiceName, path: string, body: unknown = {}): Promise<T> {
    return this.call<T>(service, 'POST', path, body);
  }

  put<T>(service: ServiceName, path: string, body: unknown = {}): Promise<T> {
    return this.call<T>(service, 'PUT', path, body);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Polls until the check passes or the time is up. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const result = await check();
      if (result) return result;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
