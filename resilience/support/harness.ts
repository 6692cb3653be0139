import { randomUUID } from 'node:crypto';
import { ParsedMail } from 'mailparser';
import { Principal } from '@campaign/auth';
import { Infrastructure, Platform, SERVICES, ServiceName, SmtpSink, startInfrastructure, startPlatform, startSmtpSink } from '@campaign/testing';
import { PlatformClient, waitFor } from '../../tools/platform/client';
import { LOCAL_AUTH_SECRET } from '../../tools/platform/dev-tokens';
import { District, setUpDistrict } from './district';
import { FailoverClient } from './failover-client';
import { expectedAnnouncements, Fault, Findings, verifyExactlyOnce } from './invariants';
import { ConsumerMetrics, JetStreamState, OUTCOMES, waitForQuiescence } from './observe';
import { LoadOptions, SteadyLoad } from './steady-load';

/** The services that consume events; each runs as two replicas sharing one durable consumer per stream. */
export const CONSUMER_SERVICES = ['activity-records', 'assessment-scoring', 'notifications'] as const satisfies readonly ServiceName[];

const LOAD_SUBJECTS = new Set(['activity.activity.scheduled.v1', 'activity.attendance.recorded.v1', 'activity.activity.held.v1']);
const isLoadSubject = (subject: string) => LOAD_SUBJECTS.has(subject);

export interface Harness {
  infrastructure: Infrastructure;
  smtp: SmtpSink;
  platform: Platform;
  metrics: ConsumerMetrics;
  /** When each email reached the sink. */
  arrivals: Map<ParsedMail, number>;
  faults: Fault[];
  /** Seconds each phase took, for the report. */
  timings: Record<string, number>;
  /** kill -9 of every replica of a service at once (their counters read first), then starts them again. */
  crash(service: ServiceName): Promise<void>;
  /** kill -9 of nats-server, started again on its port and JetStream store. */
  crashNats(): Promise<void>;
  /** FerretDB killed, kept down for `downMs`, started again on its port and data. */
  interruptStore(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * One FerretDB, one nats-server, an SMTP sink and the four services as processes, two replicas of each consumer.
 * Few handlers in flight per replica (FerretDB serialises writes; more only wait longer), a short lease on a crashed
 * sender's claims so the suite runs in minutes, and reconciliation off: nothing heals drift before it is looked for.
 */
export async function startHarness(): Promise<Harness> {
  const startedAt = Date.now();
  const infrastructure = await startInfrastructure({ purpose: 'resilience' });
  const arrivals = new Map<ParsedMail, number>();
  const smtp = await startSmtpSink((mail) => arrivals.set(mail, Date.now()));
  const common = { CONSUMER_CONCURRENCY: '4', SHUTDOWN_TIMEOUT_MS: '5000' };
  let platform: Platform | undefined;
  try {
    platform = await startPlatform({
      infrastructure,
      authSecret: LOCAL_AUTH_SECRET,
      logLevel: 'warn',
      replicas: Object.fromEntries(CONSUMER_SERVICES.map((service) => [service, 2])),
      env: {
        'org-registry': common,
        'activity-records': common,
        'assessment-scoring': { ...common, RECONCILE_INTERVAL_MS: '0' },
        notifications: { ...common, SMTP_URL: smtp.url, MAIL_FROM: 'campaign@resilience.test', SCHEDULER_LEASE_MS: '10000' },
      },
    });
  } catch (error) {
    await smtp.stop();
    await infrastructure.stop();
    throw error;
  }
  const started = platform;
  const metrics = new ConsumerMetrics(started);
  metrics.start(500);
  const faults: Fault[] = [];
  const timings = { 'platform start': seconds(startedAt) };
  return {
    infrastructure,
    smtp,
    platform: started,
    metrics,
    arrivals,
    faults,
    timings,
    crash: async (service) => {
      const replicas = started.instances.filter((instance) => instance.service === service);
      await Promise.all(replicas.map((instance) => metrics.scrape(instance)));
      await Promise.all(replicas.map((instance) => instance.process.stop('SIGKILL')));
      faults.push({ target: service, at: Date.now(), until: Date.now() });
      await Promise.all(replicas.map((instance) => started.start(instance)));
    },
    crashNats: async () => {
      const at = Date.now();
      await infrastructure.restartNats('SIGKILL');
      faults.push({ target: 'nats', at, until: Date.now() });
    },
    interruptStore: async (downMs) => {
      const at = Date.now();
      await infrastructure.interruptStore(downMs);
      faults.push({ target: 'store', at, until: Date.now() });
    },
    stop: async () => {
      await metrics.stop();
      await started.stop();
      await smtp.stop();
      await infrastructure.stop();
    },
  };
}

export interface LoadOutcome {
  district: District;
  load: SteadyLoad;
  jetStream: JetStreamState;
  findings: Findings;
  counts: Record<string, number>;
}

/**
 * Sets up a district, runs the steady load while `during` does its worst, lets everything settle (no backlog on any
 * consumer, every due reminder mailed) and checks the exactly-once invariants.
 */
export async function underSteadyLoad(harness: Harness, options: LoadOptions, during: (load: SteadyLoad) => Promise<void>): Promise<LoadOutcome> {
  const { platform, infrastructure, smtp, metrics } = harness;
  const district = `res-${randomUUID().slice(0, 8)}`;
  const principal: Principal = { sub: 'district-admin', district, roles: ['district-admin'], units: [] };
  const urls = Object.fromEntries(SERVICES.map((service) => [service, platform.url(service)])) as Record<ServiceName, string>;
  let phase = Date.now();
  const lap = (name: string) => {
    harness.timings[name] = seconds(phase);
    phase = Date.now();
    // Progress on the console as it goes: where a slow run spends its time.
    process.stdout.write(`[resilience] ${district}: ${name} took ${harness.timings[name]} s\n`);
  };
  const setup = await setUpDistrict(await PlatformClient.as(urls, principal), district, 5, 4);
  await waitForQuiescence(infrastructure.natsUrl, 120_000);
  lap('district set-up');

  const admin = await FailoverClient.as(platform, principal);
  const load = new SteadyLoad(admin, setup, options);
  load.start();
  try {
    await during(load);
  } finally {
    await load.stop();
  }
  lap('load and faults');
  if (load.failures.length > 0) throw new Error(`the load gave up on ${load.failures.length} rounds: ${load.failures.map((error) => error.message).join('; ')}`);

  await waitForQuiescence(infrastructure.natsUrl, 180_000);
  lap('backlog');
  const expectedMails = expectedAnnouncements(setup, load).length;
  // Missing mail is reported by the checks; waiting longer than the last reminder's lead would not bring it.
  await waitFor(`${expectedMails} notice and reminder emails`, async () => smtp.messages.length >= expectedMails, options.reminderLeadMs + 30_000, 1_000).catch(() => undefined);
  // Whatever is still in flight gets to land, so a late duplicate would be seen too.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const jetStream = await waitForQuiescence(infrastructure.natsUrl, 60_000);
  await metrics.scrapeAll();
  lap('due reminders');
  const findings = await verifyExactlyOnce({ platform, admin, district: setup, load, jetStream, mail: smtp.messages, arrivals: harness.arrivals, faults: harness.faults });

  const byService = metrics.byService(isLoadSubject);
  const inStream = [...LOAD_SUBJECTS].reduce((sum, subject) => sum + (jetStream.subjects.ACTIVITY?.[subject] ?? 0), 0);
  lap('checks');
  for (const subject of LOAD_SUBJECTS) {
    const held = jetStream.subjects.ACTIVITY?.[subject] ?? 0;
    for (const [service, outcomes] of metrics.byService((candidate) => candidate === subject)) {
      // Handled more often than the stream holds the subject: some handler ran twice (a killed replica's counts only
      // ever fall short). Events without a handler are left out: acked again after a broker restart, they change nothing.
      if (outcomes.handled > held) findings.duplicated.push(`${service} handled ${outcomes.handled} ${subject} of ${held}: ${outcomes.handled - held} twice`);
    }
  }
  const counts: Record<string, number> = {
    'events sent (load → activity-records)': load.eventsSent,
    'events in the ACTIVITY stream': inStream,
  };
  for (const service of ['assessment-scoring', 'notifications'] as const) {
    const outcomes = byService.get(service);
    counts[`processed by ${service} (handled + no handler)`] = (outcomes?.handled ?? 0) + (outcomes?.ignored ?? 0);
    counts[`redelivered to ${service} (already handled + retried)`] = (outcomes?.duplicate ?? 0) + (outcomes?.retried ?? 0);
  }
  counts['dead-lettered (DLQ stream)'] = Object.values(jetStream.deadLetters).reduce((sum, count) => sum + count, 0);
  counts['emails received'] = smtp.messages.length;
  counts['HTTP attempts retried on another replica'] = admin.retries;
  counts.lost = findings.lost.length;
  counts.duplicated = findings.duplicated.length;
  counts['emails resent: sender killed or cut off from the store mid-send (same Message-ID)'] = findings.resent.length;
  counts['standings drift'] = findings.drift.length;
  counts['wrong points'] = findings.wrong.length;
  return { district: setup, load, jetStream, findings, counts };
}

const seconds = (since: number) => Math.round((Date.now() - since) / 1_000);

/** The counts table and each replica's share, printed whatever the assertions then say. */
export function printReport(title: string, outcome: LoadOutcome, harness: Harness): void {
  const { metrics } = harness;
  const width = Math.max(...Object.keys(outcome.counts).map((label) => label.length));
  const lines = [`\n=== ${title} ===`, ...Object.entries(outcome.counts).map(([label, value]) => `${label.padEnd(width)}  ${value}`)];
  lines.push('', `seconds: ${Object.entries(harness.timings).map(([name, value]) => `${name} ${value}`).join(', ')}`);
  lines.push('', `events consumed per replica (all subjects): ${OUTCOMES.join(' / ')}`);
  for (const [replica, outcomes] of metrics.byReplica()) if (CONSUMER_SERVICES.some((service) => replica.startsWith(`${service}#`))) lines.push(`  ${replica.padEnd(22)} ${OUTCOMES.map((name) => outcomes[name]).join(' / ')}`);
  const { lost, duplicated, resent, drift, wrong } = outcome.findings;
  for (const [label, list] of Object.entries({ lost, duplicated, resent, drift, wrong })) {
    if (list.length > 0) lines.push(`${label} (${list.length}), first ones:`, ...list.slice(0, 10).map((entry) => `  ${entry}`));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
