import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { acrossDistricts } from '@campaign/persistence';
import { LEDGER_LINE, LedgerLine } from '../ledger/ledger-line.schema';
import { StandingsService } from './standings.service';

const PENDING_GRACE_MS = 30_000;

/**
 * Periodically applies lines left unapplied (a crash between insert and apply) and reconciles every campaign's
 * standings with its ledger, healing drift. Every replica may run it: both steps are idempotent.
 */
@Injectable()
export class ReconciliationJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconciliationJob.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @InjectModel(LEDGER_LINE) private readonly lines: Model<LedgerLine>,
    private readonly standings: StandingsService,
    private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.getOrThrow<number>('RECONCILE_INTERVAL_MS');
    if (interval > 0) this.timer = setInterval(() => void this.runOnce(), interval);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  runOnce(): Promise<void> {
    this.running ??= this.pass()
      .catch((error: Error) => this.logger.warn(`reconciliation pass failed, will retry: ${error.message}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<void> {
    const stale = await acrossDistricts(this.lines.find({ applied: false, createdAt: { $lt: new Date(Date.now() - PENDING_GRACE_MS) } }).limit(10_000).lean());
    if (stale.length > 0) this.logger.warn(`applied ${await this.standings.apply(stale)} lines left pending`);
    for (const { district, campaignId } of await this.standings.campaignsWithLines()) {
      const report = await this.standings.reconcile(district, campaignId, true);
      if (report.drift.length > 0) this.logger.warn(`campaign ${campaignId} of ${district}: healed ${report.drift.length} drifted standings`);
    }
  }
}
