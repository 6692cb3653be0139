import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PeriodicJob, workWhileClaimed } from '@campaign/service-kit';
import { Clock } from '../clock/clock';
import { WorkerIdentity } from '../scheduler/worker-identity';
import { ClaimableJob, ClaimSpec, ClaimTokens } from './claim-tokens';

/** Works the due jobs of one kind, each claimed by one replica alone: a pass on every kick, or on demand. */
export abstract class ClaimWorker<T extends ClaimableJob> {
  private readonly job: PeriodicJob;
  private readonly leaseMs: number;

  protected constructor(
    name: string,
    protected readonly logger: Logger,
    private readonly claims: ClaimTokens,
    protected readonly worker: WorkerIdentity,
    protected readonly clock: Clock,
    config: ConfigService,
  ) {
    this.leaseMs = config.getOrThrow<number>('SCHEDULER_LEASE_MS');
    this.job = new PeriodicJob(name, (signal) => workWhileClaimed(() => this.claimNext(), (job) => this.work(job), signal), logger);
  }

  kick(): void {
    this.job.kick();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  /** One pass after any in progress, resolved once it is done: what was due by now is worked. */
  passNow(): Promise<void> {
    return this.job.run();
  }

  /** Which documents are due, and how a claim names and fences one. */
  protected abstract claimSpec(): ClaimSpec<T>;

  /** Works a job this replica holds the claim of. */
  protected abstract work(job: T): Promise<void>;

  /** A due job, or one whose claimant's lease ran out (it crashed), claimed by this replica alone. */
  private claimNext(): Promise<T | null> {
    return this.claims.claimNext(this.claimSpec(), this.worker.id, this.clock.now(), this.leaseMs);
  }
}
