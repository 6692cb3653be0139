import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DeliveryFailed } from '@campaign/contracts';
import { EventPublisher, OutboxRelay, withOutbox } from '@campaign/messaging';
import { Clock } from '../clock/clock';
import { DirectoryService } from '../directory/directory.service';
import { NOTIFICATION, Notification } from '../notifications/notification.schema';
import { WorkerIdentity } from '../scheduler/worker-identity';
import { SettingsService } from '../settings/settings.service';
import { ClaimSpec, ClaimTokens } from '../store/claim-tokens';
import { ClaimWorker } from '../store/claim-worker';
import { retryDelay } from './backoff';
import { EmailChannel } from './channels/email.channel';
import { WebhookChannel } from './channels/webhook.channel';
import { DELIVERY, Delivery } from './delivery.schema';

/** Sends due deliveries: each claimed atomically by one replica, every attempt recorded, dead-lettered after the last. */
@Injectable()
export class DeliveryWorker extends ClaimWorker<Delivery> {
  private readonly maxAttempts: number;
  private readonly backoffMs: number;

  constructor(
    @InjectModel(DELIVERY) private readonly deliveries: Model<Delivery>,
    @InjectModel(NOTIFICATION) private readonly notifications: Model<Notification>,
    private readonly directory: DirectoryService,
    private readonly settings: SettingsService,
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
    clock: Clock,
    worker: WorkerIdentity,
    claims: ClaimTokens,
    config: ConfigService,
  ) {
    super('delivery', new Logger(DeliveryWorker.name), claims, worker, clock, config);
    this.maxAttempts = config.getOrThrow<number>('DELIVERY_MAX_ATTEMPTS');
    this.backoffMs = config.getOrThrow<number>('DELIVERY_BACKOFF_MS');
  }

  /** The deliveries of each notification, one find by notificationId apiece. */
  async deliveriesOf(district: string, notificationIds: string[]): Promise<Delivery[]> {
    const found = await Promise.all(notificationIds.map((notificationId) => this.deliveries.find({ district, notificationId }).lean<Delivery[]>()));
    return found.flat();
  }

  protected claimSpec(): ClaimSpec<Delivery> {
    return {
      model: this.deliveries,
      tokenId: (delivery) => `delivery:${delivery.district}:${delivery.deliveryId}`,
      key: (delivery) => ({ district: delivery.district, deliveryId: delivery.deliveryId }),
      due: (now) => ({ $or: [{ status: 'pending', nextAttemptAt: { $lte: now } }, { status: 'sending', leaseUntil: { $lt: now } }] }),
      claimable: (now) => ({ $or: [{ status: 'pending', nextAttemptAt: { $lte: now } }, { status: 'sending' }] }),
      sort: { nextAttemptAt: 1 },
      claimedStatus: 'sending',
    };
  }

  /** Sends a claimed delivery once: sent, put back with a back-off, or dead-lettered after the last attempt. */
  protected async work(delivery: Delivery): Promise<void> {
    let error: string | null = null;
    try {
      await this.send(delivery);
    } catch (failure) {
      error = (failure as Error).message || String(failure);
    }
    const now = this.clock.now();
    const attempt = { at: now, ok: error === null, error, by: this.worker.id };
    const mine = { district: delivery.district, deliveryId: delivery.deliveryId, claimGeneration: delivery.claimGeneration, status: 'sending' };
    const attemptCount = delivery.attemptCount + 1;
    const released = { claimedBy: null, leaseUntil: null, attemptCount };
    if (error === null) {
      await this.deliveries.updateOne(mine, { $set: { ...released, status: 'sent', sentAt: now, lastError: null }, $push: { attempts: attempt } });
    } else if (attemptCount < this.maxAttempts) {
      const nextAttemptAt = new Date(now.getTime() + retryDelay(attemptCount, this.backoffMs));
      await this.deliveries.updateOne(mine, { $set: { ...released, status: 'pending', nextAttemptAt, lastError: error }, $push: { attempts: attempt } });
    } else {
      const envelope = this.publisher.envelope(
        DeliveryFailed,
        {
          deliveryId: delivery.deliveryId,
          notificationId: delivery.notificationId,
          channel: delivery.channel,
          recipientMemberId: delivery.recipientMemberId,
          attempts: attemptCount,
          reason: error.slice(0, 500),
          failedAt: now.toISOString(),
        },
        delivery.district,
      );
      await this.deliveries.updateOne(mine, withOutbox({ $set: { ...released, status: 'dead', lastError: error }, $push: { attempts: attempt } }, envelope));
      this.relay.kick();
      this.logger.warn(`delivery ${delivery.deliveryId} dead-lettered after ${attemptCount} attempts`);
    }
  }

  private async send(delivery: Delivery): Promise<void> {
    const { district } = delivery;
    const notification = await this.notifications.findOne({ district, notificationId: delivery.notificationId }).lean<Notification>();
    if (!notification) throw new Error(`notification ${delivery.notificationId} is gone`);
    const member = await this.directory.member(district, delivery.recipientMemberId);
    if (!member) throw new Error(`member ${delivery.recipientMemberId} is unknown`);
    if (delivery.channel === 'email') {
      if (!member.contacts.email) throw new Error(`member ${member.memberId} has no email address`);
      await this.email.send({ to: member.contacts.email, subject: notification.subject, text: notification.body, messageId: `<${delivery.deliveryId}@notifications>` });
      return;
    }
    const settings = await this.settings.forDistrict(district);
    if (!settings.webhookUrl || !settings.webhookSecret) throw new Error('the district has no webhook configured');
    const payload = {
      deliveryId: delivery.deliveryId,
      notificationId: notification.notificationId,
      district,
      kind: notification.kind,
      locale: notification.locale,
      recipient: { memberId: member.memberId, name: member.name, contacts: member.contacts },
      subject: notification.subject,
      body: notification.body,
    };
    await this.webhook.send({ url: settings.webhookUrl, secret: settings.webhookSecret }, delivery.deliveryId, payload, this.clock.now());
  }
}
