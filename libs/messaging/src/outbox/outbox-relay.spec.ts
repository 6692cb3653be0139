import { ConfigService } from '@nestjs/config';
import { Connection } from 'mongoose';
import { EventPublisher } from '../event-publisher';
import { OutboxRelay } from './outbox-relay';
import { StagedOutbox } from './staged-outbox';

/** A relay over a store with no outbox model: each pass publishes what the staged outbox says it recovered. */
function relayWith(recovered: number[]) {
  const passes: number[] = [];
  const staged = {
    recover: async () => {
      passes.push(Date.now());
      return recovered.shift() ?? 0;
    },
  } as unknown as StagedOutbox;
  const config = new ConfigService({ OUTBOX_POLL_MS: 100, OUTBOX_POLL_MAX_MS: 800, SHUTDOWN_TIMEOUT_MS: 1_000 });
  const relay = new OutboxRelay({ models: {} } as unknown as Connection, {} as EventPublisher, staged, config);
  return { relay, passes };
}

describe('the outbox relay’s polling', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('waits twice as long after each pass that found nothing, up to OUTBOX_POLL_MAX_MS', async () => {
    const { relay, passes } = relayWith([]);

    relay.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(3_000);
    await relay.beforeApplicationShutdown();

    expect(passes.slice(0, 6)).toEqual([0, 100, 500, 1_300, 2_100, 2_900]);
  });

  it('polls at OUTBOX_POLL_MS again after a pass that published', async () => {
    const { relay, passes } = relayWith([0, 0, 0, 5]);

    relay.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(2_000);
    await relay.beforeApplicationShutdown();

    // The fourth pass (at 1,300) published: the next waits 100 again, then 200, 400.
    expect(passes.slice(0, 7)).toEqual([0, 100, 500, 1_300, 1_400, 1_600, 2_000]);
  });
});
