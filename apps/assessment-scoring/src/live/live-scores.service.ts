import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EventEnvelope, parseEnvelope, PayloadOf, ScoreChanged, STREAMS } from '@campaign/contracts';
import { LiveFeed, NatsClient } from '@campaign/messaging';

export type ScoreChange = EventEnvelope<PayloadOf<typeof ScoreChanged>>;

export interface ScoreChangeListener {
  change(change: ScoreChange): void;
  /** Changes may have been missed or delayed since: what was built from them may be stale. */
  interrupted?(): void;
  /** The feed is followed (from the start, or again after an interruption): every change from now on will be heard. */
  resumed?(): void;
}

/**
 * Score changes as they are published, for this replica: the browsers' live views and the in-memory ranking view
 * share one ordered (ephemeral) consumer of the SCORING stream from "now". Nothing is acked and nothing is kept: a
 * listener loads its data after it listens and only needs to hear what changes afterwards.
 */
@Injectable()
export class LiveScoresService implements OnApplicationShutdown {
  private readonly logger = new Logger(LiveScoresService.name);
  private readonly feed: LiveFeed;

  constructor(nats: NatsClient) {
    this.feed = new LiveFeed(nats, STREAMS.scoring.name, [ScoreChanged.subject], this.logger);
  }

  /** Whether every change published since the feed was followed has been heard (or is on its way, in order). */
  get live(): boolean {
    return this.feed.live;
  }

  /** Resolves once the stream is followed (changes published from then on reach the listener); returns the unsubscribe. */
  listen(listener: ScoreChangeListener): Promise<() => void> {
    return this.feed.listen({
      message: (_subject, data) => {
        let change: ScoreChange;
        try {
          change = parseEnvelope(ScoreChanged, JSON.parse(data));
        } catch (error) {
          this.logger.warn(`ignored an invalid score change: ${(error as Error).message}`);
          return;
        }
        listener.change(change);
      },
      interrupted: () => listener.interrupted?.(),
      resumed: () => listener.resumed?.(),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.feed.stop();
  }
}
