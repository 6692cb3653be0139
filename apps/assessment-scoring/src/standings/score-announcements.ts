import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ScoreChanged } from '@campaign/contracts';
import { deleteOlderThan, EventPublisher, outboxFields, OutboxRelay, RetentionJob } from '@campaign/messaging';
import { districtKey, isDuplicateKey } from '@campaign/persistence';
import { SCORE_ANNOUNCEMENT, ScoreAnnouncement } from './score-announcement.schema';
import { ScoreChangedPayload } from './score-changes';

const HOUR_MS = 60 * 60_000;

/** Announces standings changes (`scoring.score.changed`) through the outbox, once per applied batch, redo included. */
@Injectable()
export class ScoreAnnouncements implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly pruning: RetentionJob;

  constructor(
    @InjectModel(SCORE_ANNOUNCEMENT) private readonly announcements: Model<ScoreAnnouncement>,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
  ) {
    this.pruning = new RetentionJob('score announcements', (signal) => this.prune(new Date(Date.now() - HOUR_MS), signal), new Logger(ScoreAnnouncements.name));
  }

  onApplicationBootstrap(): void {
    this.pruning.start(HOUR_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.pruning.stop();
  }

  /**
   * Records the batch's events in one insert keyed by its generation (a redo of a batch already announced adds none),
   * then publishes them at once: live views should not wait for the relay's next pass.
   */
  async announce(district: string, campaignId: string, generation: number, payloads: ScoreChangedPayload[]): Promise<void> {
    if (payloads.length === 0) return;
    const envelopes = payloads.map((payload) => this.publisher.envelope(ScoreChanged, payload, district));
    const announcement = { _id: districtKey(district, campaignId, String(generation)), district, campaignId, generation, events: envelopes.length, ...outboxFields(...envelopes) };
    try {
      await this.announcements.create(announcement);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      this.relay.kick();
      return;
    }
    await this.relay.publishNow(this.announcements, [announcement]);
  }

  /** Deletes announcements published before `cutoff` (FerretDB has no TTL index). */
  prune(cutoff: Date, signal?: AbortSignal): Promise<number> {
    return deleteOlderThan(this.announcements.collection, { _outboxPending: false }, 'createdAt', cutoff, { signal });
  }
}
