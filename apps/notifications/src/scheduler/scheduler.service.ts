import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DeliveryWorker } from '../deliveries/delivery-worker.service';
import { DigestService } from '../digests/digest.service';
import { RemindersService } from '../reminders/reminders.service';

/** Every replica polls: the store's atomic claims, not this timer, decide who sends what. */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly reminders: RemindersService,
    private readonly deliveries: DeliveryWorker,
    private readonly digests: DigestService,
    private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.getOrThrow<number>('SCHEDULER_POLL_MS'));
    this.tick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([this.reminders.stop(), this.deliveries.stop(), this.digests.stop()]);
  }

  private tick(): void {
    this.reminders.kick();
    this.deliveries.kick();
    this.digests.kick();
  }
}
