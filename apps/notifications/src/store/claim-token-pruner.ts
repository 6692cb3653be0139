import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HourlyPruner } from '@campaign/messaging';
import { Clock } from '../clock/clock';
import { ClaimTokens } from './claim-tokens';

const HOUR_MS = 60 * 60_000;

/** Keeps claim tokens to CLAIM_TOKEN_RETENTION_HOURS. */
@Injectable()
export class ClaimTokenPruner extends HourlyPruner {
  constructor(claims: ClaimTokens, clock: Clock, config: ConfigService) {
    const retentionMs = config.getOrThrow<number>('CLAIM_TOKEN_RETENTION_HOURS') * HOUR_MS;
    // The claim's own clock stamped claimedAt, so the cutoff is taken from it too.
    super('claim token retention', (signal) => claims.prune(new Date(clock.now().getTime() - retentionMs), signal), new Logger(ClaimTokenPruner.name));
  }
}
