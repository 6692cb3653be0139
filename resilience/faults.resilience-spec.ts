import { CONSUMER_SERVICES, Harness, LoadOutcome, printReport, startHarness, underSteadyLoad } from './support/harness';
import { jetStreamState } from './support/observe';

const SETTLE_MS = 10_000;
const STORE_DOWN_MS = 5_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Under a steady load through the public APIs: every consumer service killed with -9 (all its replicas) and
 * restarted, one after the other; NATS killed and restarted on its JetStream store; the store away for a few
 * seconds. Afterwards every event is reflected exactly once.
 */
describe('the platform under crashes, a NATS restart and a store outage', () => {
  let harness: Harness;
  let outcome: LoadOutcome;
  const faultLog: string[] = [];

  beforeAll(async () => {
    harness = await startHarness();
    const { infrastructure } = harness;
    // What the consumers had in hand when a fault struck: the fault hit work in flight, not an idle platform.
    const backlog = async () => {
      const consumers = (await jetStreamState(infrastructure.natsUrl)).consumers;
      return `${consumers.reduce((sum, c) => sum + c.pending, 0)} pending, ${consumers.reduce((sum, c) => sum + c.ackPending, 0)} unacked`;
    };
    outcome = await underSteadyLoad(harness, { intervalMs: 3_500, noticeEvery: 3, reminderLeadMs: 60_000, maxInFlight: 2 }, async () => {
      await pause(SETTLE_MS);
      for (const service of CONSUMER_SERVICES) {
        const before = await backlog();
        await harness.crash(service);
        faultLog.push(`kill -9 of both ${service} replicas, restarted (${before})`);
        await pause(SETTLE_MS);
      }
      const beforeNats = await backlog();
      await harness.crashNats();
      faultLog.push(`kill -9 nats-server, restarted on its JetStream store (${beforeNats})`);
      await pause(SETTLE_MS);
      const beforeStore = await backlog();
      await harness.interruptStore(STORE_DOWN_MS);
      faultLog.push(`FerretDB killed, down ${STORE_DOWN_MS} ms, restarted on its data (${beforeStore})`);
      await pause(SETTLE_MS);
    });
    printReport(`resilience under load:\n  ${faultLog.join('\n  ')}\n`, outcome, harness);
  }, 600_000);

  afterAll(async () => {
    await harness?.stop();
  });

  it('went through every fault while the load ran', () => {
    expect(faultLog).toHaveLength(CONSUMER_SERVICES.length + 2);
    expect(outcome.load.meetings.length).toBeGreaterThan(0);
    expect(outcome.load.notices.length).toBeGreaterThan(0);
  });

  it('lost nothing: every attendance, held meeting, notice and due reminder has its effect', () => {
    expect(outcome.findings.lost).toEqual([]);
    expect(outcome.counts.lost).toBe(0);
  });

  it('duplicated nothing: no effect is there twice, no event was handled twice', () => {
    expect(outcome.findings.duplicated).toEqual([]);
    expect(outcome.counts.duplicated).toBe(0);
  });

  it('sent an email again only when its sender was killed or lost the store between handing it over and noting so: one per sender and fault at most', () => {
    // A replica's delivery worker sends one email at a time.
    const senders = harness.platform.instances.filter((instance) => instance.service === 'notifications').length;
    const sendersHit = harness.faults.filter((fault) => fault.target === 'notifications' || fault.target === 'store').length * senders;
    expect(outcome.findings.resent.length).toBeLessThanOrEqual(sendersHit);
  });

  it('keeps standings equal to the ledger and the ledger equal to the scheme applied to the attendance', () => {
    expect(outcome.findings.drift).toEqual([]);
    expect(outcome.findings.wrong).toEqual([]);
  });
});
