import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { DEAD_LETTER_STREAM, STREAMS } from '@campaign/contracts';
import { ConsumerBacklog, consumerBacklogs, Platform, ServiceInstance, ServiceName, waitUntilDrained } from '@campaign/testing';

/** `events_consumed_total` outcomes, as libs/messaging's EventConsumer counts them. */
export const OUTCOMES = ['handled', 'duplicate', 'ignored', 'retried', 'dead_lettered'] as const;
export type Outcome = (typeof OUTCOMES)[number];

interface Incarnation {
  service: ServiceName;
  replica: number;
  pid: number;
  /** `subject|outcome` → count, as last scraped. */
  consumed: Map<string, number>;
}

const SAMPLE = /^events_consumed_total\{([^}]*)\} (\S+)$/;

function parseConsumed(text: string): Map<string, number> {
  const consumed = new Map<string, number>();
  for (const line of text.split('\n')) {
    const sample = SAMPLE.exec(line);
    if (!sample) continue;
    const labels = Object.fromEntries([...sample[1].matchAll(/(\w+)="([^"]*)"/g)].map(([, name, value]) => [name, value]));
    consumed.set(`${labels.subject}|${labels.outcome}`, Number(sample[2]));
  }
  return consumed;
}

/**
 * Reads every replica's /metrics while it lives. A process's counters die with it, so each process (by pid) keeps
 * its last scrape: scrape right before a kill -9 and the totals lose nothing but the moments since.
 */
export class ConsumerMetrics {
  private readonly incarnations = new Map<string, Incarnation>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly platform: Platform) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.scrapeAll(), intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.scrapeAll();
  }

  async scrapeAll(): Promise<void> {
    await Promise.all(this.platform.instances.map((instance) => this.scrape(instance)));
  }

  async scrape(instance: ServiceInstance): Promise<void> {
    const pid = instance.process.pid;
    if (pid === undefined) return;
    try {
      const response = await fetch(`${instance.url}/metrics`, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) return;
      const consumed = parseConsumed(await response.text());
      // A scrape that raced the process's end must not replace the counts of the same process with nothing.
      if (consumed.size > 0 || !this.incarnations.has(`${pid}`)) {
        this.incarnations.set(`${pid}`, { service: instance.service, replica: instance.replica, pid, consumed });
      }
    } catch {
      // Down or restarting: its last scrape stands.
    }
  }

  /** Per replica (all its processes together): outcome → count, over the subjects that match. */
  byReplica(subjects: (subject: string) => boolean = () => true): Map<string, Record<Outcome, number>> {
    const totals = new Map<string, Record<Outcome, number>>();
    for (const incarnation of this.incarnations.values()) {
      const key = `${incarnation.service}#${incarnation.replica}`;
      const counts = totals.get(key) ?? (Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>);
      for (const [label, value] of incarnation.consumed) {
        const [subject, outcome] = label.split('|');
        if (subjects(subject)) counts[outcome as Outcome] += value;
      }
      totals.set(key, counts);
    }
    return new Map([...totals.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Per service: outcome → count over its replicas. */
  byService(subjects?: (subject: string) => boolean): Map<ServiceName, Record<Outcome, number>> {
    const totals = new Map<ServiceName, Record<Outcome, number>>();
    for (const [key, counts] of this.byReplica(subjects)) {
      const service = key.split('#')[0] as ServiceName;
      const sum = totals.get(service) ?? (Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>);
      for (const outcome of OUTCOMES) sum[outcome] += counts[outcome];
      totals.set(service, sum);
    }
    return totals;
  }
}

export interface JetStreamState {
  /** Stream → subject → messages held. */
  subjects: Record<string, Record<string, number>>;
  deadLetters: Record<string, number>;
  consumers: ConsumerBacklog[];
}

/** What the broker holds: messages per subject of every stream, the dead letters, each durable consumer's backlog. */
export async function jetStreamState(natsUrl: string): Promise<JetStreamState> {
  const nc = await connect({ servers: natsUrl, name: 'resilience-probe' });
  try {
    const jsm = await jetstreamManager(nc);
    const subjects: JetStreamState['subjects'] = {};
    for (const { name } of Object.values(STREAMS)) {
      const info = await jsm.streams.info(name, { subjects_filter: '>' }).catch(() => undefined);
      if (!info) continue;
      subjects[name] = info.state.subjects ?? {};
    }
    const deadLetters = await jsm.streams.info(DEAD_LETTER_STREAM.name, { subjects_filter: '>' }).then((info) => info.state.subjects ?? {}, () => ({}));
    return { subjects, deadLetters, consumers: await consumerBacklogs(natsUrl) };
  } finally {
    await nc.close();
  }
}

/** Waits until every durable consumer has nothing pending and nothing unacknowledged, then reads the broker's state. */
export async function waitForQuiescence(natsUrl: string, stallMs: number): Promise<JetStreamState> {
  await waitUntilDrained(natsUrl, { stallMs });
  return jetStreamState(natsUrl);
}
