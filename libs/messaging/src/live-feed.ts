import { Logger } from '@nestjs/common';
import { ConsumerMessages, DeliverPolicy } from '@nats-io/jetstream';
import { NatsClient } from './nats-client';

export interface LiveFeedListener {
  /** A message of the followed subjects, in stream order. */
  message(subject: string, data: string): void;
  /** Messages may have been missed or delayed since (a disconnect, missed heartbeats, the consumer ended): what was built from them may be stale. */
  interrupted?(): void;
  /** The feed is followed (from the start, or again after an interruption): what is published from now on will be heard. */
  resumed?(): void;
}

const REFOLLOW_MS = 1_000;

/**
 * Messages of some subjects of a stream as they are published, for this process alone: one ordered (ephemeral)
 * consumer from "now", shared by every listener, stopped when the last one leaves. Nothing is acked and nothing is kept.
 * `live` says whether everything published since the feed was followed has been heard (or is on its way in order):
 * in-memory views built from the feed serve only while it is.
 */
export class LiveFeed {
  private readonly listeners = new Set<LiveFeedListener>();
  private following?: Promise<ConsumerMessages>;
  private healthy = false;
  private watchingConnection = false;
  private refollow?: NodeJS.Timeout;

  constructor(
    private readonly nats: NatsClient,
    private readonly stream: string,
    private readonly subjects: string[],
    private readonly logger: Logger,
  ) {}

  get live(): boolean {
    return this.healthy && !this.nats.nc.isClosed();
  }

  /** Resolves once the stream is followed (messages published from then on reach the listener); returns the unsubscribe. */
  async listen(listener: LiveFeedListener): Promise<() => void> {
    // Joining a feed already live: no transition will tell this listener, so it is told here.
    const joiningLive = this.live;
    this.listeners.add(listener);
    this.watchConnection();
    try {
      await (this.following ?? this.startFollowing());
    } catch (error) {
      this.unlisten(listener);
      throw error;
    }
    if (joiningLive) listener.resumed?.();
    return () => this.unlisten(listener);
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    await this.end();
  }

  private unlisten(listener: LiveFeedListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) void this.end();
  }

  private async end(): Promise<void> {
    clearTimeout(this.refollow);
    const following = this.following;
    this.following = undefined;
    this.healthy = false;
    await following?.then((messages) => messages.stop(), () => undefined);
  }

  private setHealthy(healthy: boolean, why: string): void {
    if (this.healthy === healthy) return;
    this.healthy = healthy;
    if (!healthy) this.logger.warn(`live feed of ${this.subjects.join(', ')} interrupted (${why}): views built from it start again`);
    for (const listener of this.listeners) (healthy ? listener.resumed : listener.interrupted)?.call(listener);
  }

  /** Follows the stream; a failed attempt is retried while listeners remain. */
  private startFollowing(): Promise<ConsumerMessages> {
    const attempt = this.follow();
    this.following = attempt;
    attempt.catch((error: Error) => {
      if (this.following !== attempt) return;
      this.following = undefined;
      this.logger.warn(`live feed of ${this.subjects.join(', ')} not followed: ${error.message}`);
      this.followAgainLater();
    });
    return attempt;
  }

  private followAgainLater(): void {
    clearTimeout(this.refollow);
    if (this.listeners.size > 0) this.refollow = setTimeout(() => void (this.following ?? this.startFollowing()).catch(() => undefined), REFOLLOW_MS);
  }

  private async follow(): Promise<ConsumerMessages> {
    const consumer = await this.nats.js.consumers.get(this.stream, { filter_subjects: this.subjects, deliver_policy: DeliverPolicy.New });
    const messages = await consumer.consume();
    this.setHealthy(true, 'following');
    void (async () => {
      for await (const status of messages.status()) {
        if (status.type === 'heartbeats_missed' || status.type === 'reset') this.setHealthy(false, status.type);
        else if (status.type === 'ordered_consumer_recreated') this.setHealthy(true, status.type);
      }
    })();
    void (async () => {
      try {
        for await (const message of messages) {
          const data = message.string();
          for (const listener of this.listeners) {
            try {
              listener.message(message.subject, data);
            } catch (error) {
              this.logger.warn(`a live feed listener failed on ${message.subject}: ${(error as Error).message}`);
            }
          }
        }
      } finally {
        this.consumerEnded(messages);
      }
    })();
    return messages;
  }

  /** The consumer stopped (asked to, or lost): while listeners remain, follow again from "now". */
  private consumerEnded(messages: ConsumerMessages): void {
    void this.following?.then((current) => {
      if (current !== messages) return;
      this.following = undefined;
      this.setHealthy(false, 'consumer ended');
      this.followAgainLater();
    });
  }

  /** A dropped connection may hide messages until it is back; the ordered consumer then resumes where it stopped. */
  private watchConnection(): void {
    if (this.watchingConnection) return;
    this.watchingConnection = true;
    void (async () => {
      for await (const status of this.nats.nc.status()) {
        if (status.type === 'disconnect') this.setHealthy(false, 'disconnected');
        else if (status.type === 'reconnect' && this.following) this.setHealthy(true, 'reconnected');
      }
    })();
  }
}
