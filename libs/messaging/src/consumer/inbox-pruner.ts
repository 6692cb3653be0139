import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RetentionJob } from '../retention';
import { Inbox } from './inbox';

const HOUR_MS = 60 * 60_000;

/** Keeps the inbox to INBOX_RETENTION_HOURS: prunes at start and hourly in every replica (FerretDB has no TTL index). */
@Injectable()
export class InboxPruner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: RetentionJob;

  constructor(inbox: Inbox, config: ConfigService) {
    const retentionMs = config.getOrThrow<number>('INBOX_RETENTION_HOURS') * HOUR_MS;
    this.job = new RetentionJob('inbox retention', (signal) => inbox.prune(new Date(Date.now() - retentionMs), signal), new Logger(InboxPruner.name));
  }

  onApplicationBootstrap(): void {
    this.job.start(HOUR_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** One pass after any in progress; resolves to how many entries it deleted. */
  prune(): Promise<number> {
    return this.job.run();
  }
}
