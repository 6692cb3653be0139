import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RetentionJob } from '@campaign/messaging';
import { Clock } from '../clock/clock';
import { ClaimTokens } from './claim-tokens';

const HOUR_MS = 60 * 60_000;

/** Keeps claim tokens to CLAIM_TOKEN_RETENTION_HOURS: prunes at start and hourly in every replica. */
@Injectable()
export class ClaimTokenPruner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: RetentionJob;

  constructor(claims: ClaimTokens, clock: Clock, config: ConfigService) {
    const retentionMs = config.getOrThrow<number>('CLAIM_TOKEN_RETENTION_HOURS') * HOUR_MS;
    // The claim's own clock stamped claimedAt, so the cutoff is taken from it too.
    this.job = new RetentionJob('claim token retention', (signal) => claims.prune(new Date(clock.now().getTime() - retentionMs), signal), new Logger(ClaimTokenPruner.name));
  }

  onApplicationBootstrap(): void {
    this.job.start(HOUR_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** One pass after any in progress; resolves to how many tokens it deleted. */
  prune(): Promise<number> {
    return this.job.run();
  }
}
