import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CampaignService } from '../campaigns/campaign.service';
import { MemberStudyObligations } from './member-study.service';
import { ObligationService } from './obligation.service';

/**
 * Periodically materialises and re-evaluates the obligations of every running campaign, in every district.
 * Every replica runs it; the work is idempotent (see ObligationService), so overlapping passes are harmless.
 */
@Injectable()
export class ObligationEvaluator implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ObligationEvaluator.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly campaigns: CampaignService,
    private readonly obligations: ObligationService,
    private readonly memberStudy: MemberStudyObligations,
    private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.getOrThrow<number>('OBLIGATION_EVALUATOR_INTERVAL_MS'));
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.runOnce()
      .catch((error: Error) => this.logger.warn(`obligation evaluation failed, will retry: ${error.message}`))
      .finally(() => {
        this.running = undefined;
      });
  }

  /** One pass at `now` (the clock's unless a test names another moment). */
  async runOnce(district?: string, now = new Date()): Promise<void> {
    const campaigns = district ? await this.campaigns.active(district) : await this.campaigns.activeInEveryDistrict();
    for (const campaign of campaigns) {
      await this.obligations.evaluateCampaign(campaign.district, campaign, now);
      await this.memberStudy.runDuePasses(campaign.district, campaign, now);
    }
  }
}
