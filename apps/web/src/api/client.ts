import i18next from 'i18next';

export type Service = 'org-registry' | 'activity-records' | 'assessment-scoring' | 'notifications';

/** An API's refusal, with the message the service gave (Nest sends `message` as a string or a list of strings). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

/** A request that never reached a service (offline, gateway down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super((cause as Error)?.message ?? String(cause));
    this.name = 'NetworkError';
  }
}

let currentToken: string | null = null;
let onUnauthorised: () => void = () => undefined;

/** The session hands its bearer token here; a 401 signs the user out. */
export function useToken(token: string | null, unauthorised: () => void): void {
  currentToken = token;
  onUnauthorised = unauthorised;
}

export function bearerToken(): string | null {
  return currentToken;
}

function detailOf(body: unknown, fallback: string): string {
  if (body && typeof body === 'object' && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return typeof body === 'string' && body ? body : fallback;
}

/** Calls a service through the same-origin gateway (`/api/<service>/…`) as the signed-in user, in the user's language. */
export async function api<T>(service: Service, path: string, init: { method?: string; body?: unknown; contentType?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': i18next.resolvedLanguage ?? 'zh-CN' };
  if (currentToken) headers.authorization = `Bearer ${currentToken}`;
  let body: BodyInit | undefined;
  if (init.body !== undefined) {
    headers['content-type'] = init.contentType ?? 'application/json';
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  }
  let response: Response;
  try {
    response = await fetch(`/api/${service}${path}`, { method: init.method ?? 'GET', headers, body });
  } catch (error) {
    throw new NetworkError(error);
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text for the message
  }
  if (!response.ok) {
    if (response.status === 401) onUnauthorised();
    throw new ApiError(response.status, detailOf(parsed, response.statusText));
  }
  return parsed as T;
}

/** A readable sentence for any error an API call can end with. */
export function describeError(error: unknown, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (error instanceof NetworkError) return t('errors.network');
  if (error instanceof ApiError) {
    if (error.status === 401) return t('errors.status401');
    if (error.status === 403) return t('errors.status403', { message: error.detail });
    if (error.status === 404) return t('errors.status404', { message: error.detail });
    return t('errors.status', { status: error.status, message: error.detail });
  }
  return t('common.error', { message: (error as Error)?.message ?? String(error) });
}
