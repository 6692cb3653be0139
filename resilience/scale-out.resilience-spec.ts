import { CONSUMER_SERVICES, Harness, LoadOutcome, printReport, startHarness, underSteadyLoad } from './support/harness';

const LOAD_MS = 45_000;

/**
 * Scale-out without Docker: two replicas of each consumer service as processes against one NATS and one store.
 * The replicas share each durable consumer, so they split the events, and nothing is handled twice.
 */
describe('two replicas of each consumer service on one NATS and one store', () => {
  let harness: Harness;
  let outcome: LoadOutcome;

  beforeAll(async () => {
    harness = await startHarness();
    outcome = await underSteadyLoad(harness, { intervalMs: 4_000, noticeEvery: 5, reminderLeadMs: 20_000, maxInFlight: 2 }, () => new Promise((resolve) => setTimeout(resolve, LOAD_MS)));
    printReport('scale-out: two replicas of each consumer service, one NATS, one store', outcome, harness);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('splits the events between the replicas of each service', () => {
    const perReplica = harness.metrics.byReplica();
    for (const service of CONSUMER_SERVICES) {
      for (const replica of [`${service}#1`, `${service}#2`]) {
        expect({ replica, handledSome: (perReplica.get(replica)?.handled ?? 0) > 0 }).toEqual({ replica, handledSome: true });
      }
    }
  });

  it('takes each event of the streams it consumes once per service, not once per replica', () => {
    const messagesIn = (stream: string) => Object.values(outcome.jetStream.subjects[stream] ?? {}).reduce((sum, count) => sum + count, 0);
    const consumed: Record<(typeof CONSUMER_SERVICES)[number], number> = {
      'activity-records': messagesIn('ORG'),
      'assessment-scoring': messagesIn('ORG') + messagesIn('ACTIVITY'),
      notifications: messagesIn('ORG') + messagesIn('ACTIVITY') + messagesIn('SCORING'),
    };
    const perService = harness.metrics.byService();
    for (const service of CONSUMER_SERVICES) {
      const outcomes = perService.get(service);
      const taken = (outcomes?.handled ?? 0) + (outcomes?.ignored ?? 0) + (outcomes?.dead_lettered ?? 0);
      expect({ service, taken }).toEqual({ service, taken: consumed[service] });
    }
  });

  it('reflects every event exactly once: ledger, standings, emails and inboxes', () => {
    expect(outcome.findings.lost).toEqual([]);
    expect(outcome.findings.duplicated).toEqual([]);
    expect(outcome.findings.drift).toEqual([]);
    expect(outcome.findings.wrong).toEqual([]);
  });
});
