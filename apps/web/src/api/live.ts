import { EventSourceParserStream } from 'eventsource-parser/stream';
import { bearerToken } from './client';

export interface ScoreChange {
  campaignId: string;
  subjectType: 'member' | 'unit';
  unitId: string;
  occurredAt: string;
  subjectId?: string;
}

export interface LiveHandlers {
  onReady(): void;
  onChange(change: ScoreChange): void;
  onDisconnect(): void;
}

const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

/**
 * Follows `GET /api/assessment-scoring/live/scores` (server-sent events) with fetch, since EventSource cannot send the
 * bearer token; reconnects after a drop. Returns the function that stops it.
 */
export function followScores(campaignId: string, handlers: LiveHandlers): () => void {
  const abort = new AbortController();
  let attempt = 0;
  const connect = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        const token = bearerToken();
        const response = await fetch(`/api/assessment-scoring/live/scores?campaignId=${encodeURIComponent(campaignId)}`, {
          headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          signal: abort.signal,
        });
        if (response.status === 401 || response.status === 403) return handlers.onDisconnect();
        if (!response.ok || !response.body) throw new Error(`live scores: ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
        for (let next = await reader.read(); !next.done; next = await reader.read()) {
          if (next.value.event === 'ready') {
            attempt = 0;
            handlers.onReady();
          } else if (next.value.event === 'score') handlers.onChange(JSON.parse(next.value.data) as ScoreChange);
        }
      } catch {
        if (abort.signal.aborted) return;
      }
      handlers.onDisconnect();
      await new Promise((resume) => setTimeout(resume, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));
      attempt += 1;
    }
  };
  void connect();
  return () => abort.abort();
}
