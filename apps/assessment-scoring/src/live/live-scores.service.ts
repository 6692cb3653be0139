import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConsumerMessages, DeliverPolicy } from '@nats-io/jetstream';
import { EventEnvelope, parseEnvelope, PayloadOf, ScoreChanged, STREAMS } from '@campaign/contracts';
import { NatsClient } from '@campaign/messaging';

export type ScoreChange = EventEnvelope<PayloadOf<typeof ScoreChanged>>;
type Listener = (change: ScoreChange) => void;

/**
 * Score changes as they are published, for the browsers of this replica: one ordered (ephemeral) consumer of the
 * SCORING stream from "now", shared by every listener and stopped when the last one leaves. Nothing is acked and
 * nothing is kept: a live view reloads its data on connect and only needs to hear what changes afterwards.
 */
@Injectable()
export class LiveScoresService implements OnApplicationShutdown {
  private readonly logger = new Logger(LiveScoresService.name);
  private readonly listeners = new Set<Listener>();
  private following?: Promise<ConsumerMessages>;

  constructor(private readonly nats: NatsClient) {}

  /** Resolves once the stream is followed (changes published from then on reach the listener); returns the unsubscribe. */
  async listen(listener: Listener): Promise<() => void> {
    this.listeners.add(listener);
    this.following ??= this.follow();
    try {
      await this.following;
    } catch (error) {
      this.unlisten(listener);
      throw error;
    }
    return () => this.unlisten(listener);
  }

  async onApplicationShutdown(): Promise<void> {
    this.listeners.clear();
    await this.stop();
  }

  private unlisten(listener: Listener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) void this.stop();
  }

  private async stop(): Promise<void> {
    const following = this.following;
    this.following = undefined;
    await following?.then((messages) => messages.stop(), () => undefined);
  }

  private async follow(): Promise<ConsumerMessages> {
    const consumer = await this.nats.js.consumers.get(STREAMS.scoring.name, { filter_subjects: ScoreChanged.subject, deliver_policy: DeliverPolicy.New });
    const messages = await consumer.consume();
    void (async () => {
      for await (const message of messages) {
        let change: ScoreChange;
        try {
          change = parseEnvelope(ScoreChanged, JSON.parse(message.string()));
        } catch (error) {
          this.logger.warn(`ignored an invalid score change: ${(error as Error).message}`);
          continue;
        }
        for (const listener of this.listeners) listener(change);
      }
    })();
    return messages;
  }
}
