import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { ReactElement } from 'react';
import { vi } from 'vitest';

/** Renders a page part with a fresh query cache (no retries: an error shows at once). */
export function renderWithQueries(element: ReactElement) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(<QueryClientProvider client={client}>{element}</QueryClientProvider>);
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface Call {
  method: string;
  url: string;
  body: unknown;
}

/** Stubs fetch with answers by "METHOD path" (path without /api/<service>); records every call. */
export function stubApi(answers: Record<string, { status?: number; body: unknown }>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = url.replace(/^\/api\/[^/]+/, '');
    calls.push({ method, url, body: init.body ? parsed(String(init.body)) : undefined });
    const answer = answers[`${method} ${path}`] ?? answers[`${method} ${path.split('?')[0]}`];
    if (!answer) return new Response(JSON.stringify({ statusCode: 404, message: `no stub for ${method} ${path}` }), { status: 404 });
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}
