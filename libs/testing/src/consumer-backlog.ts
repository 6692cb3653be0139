import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

export interface ConsumerBacklog {
  stream: string;
  consumer: string;
  /** Messages not yet delivered to the consumer. */
  pending: number;
  /** Messages delivered and not yet acknowledged. */
  ackPending: number;
  redelivered: number;
}

/** Every durable consumer of every stream, with what it still has to handle. */
export async function consumerBacklogs(natsUrl: string): Promise<ConsumerBacklog[]> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    const backlogs: ConsumerBacklog[] = [];
    for await (const stream of jsm.streams.list()) {
      for await (const consumer of jsm.consumers.list(stream.config.name)) {
        backlogs.push({
          stream: stream.config.name,
          consumer: consumer.name,
          pending: consumer.num_pending,
          ackPending: consumer.num_ack_pending,
          redelivered: consumer.num_redelivered,
        });
      }
    }
    return backlogs;
  } finally {
    await nc.close();
  }
}

/**
 * Waits until every consumer has handled everything on its stream, twice in a row (a handler may publish more),
 * reporting the remaining backlog as it goes; throws when the backlog stops shrinking for `stallMs`.
 */
export async function waitUntilDrained(natsUrl: string, options: { stallMs?: number; intervalMs?: number; onProgress?: (remaining: number) => void } = {}): Promise<void> {
  const stallMs = options.stallMs ?? 120_000;
  const intervalMs = options.intervalMs ?? 1_000;
  let best = Number.POSITIVE_INFINITY;
  let improvedAt = Date.now();
  let quietPolls = 0;
  while (quietPolls < 2) {
    const remaining = (await consumerBacklogs(natsUrl)).reduce((sum, backlog) => sum + backlog.pending + backlog.ackPending, 0);
    options.onProgress?.(remaining);
    quietPolls = remaining === 0 ? quietPolls + 1 : 0;
    if (remaining < best) {
      best = remaining;
      improvedAt = Date.now();
    } else if (Date.now() - improvedAt > stallMs) {
      throw new Error(`consumers stopped catching up: ${remaining} events still to handle after ${stallMs / 1_000} s without progress`);
    }
    if (quietPolls < 2) await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
