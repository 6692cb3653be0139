import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { isDuplicateKey } from '@campaign/persistence';
import { Clock } from '../clock/clock';
import { DELIVERY, Delivery, ExternalChannel } from '../deliveries/delivery.schema';
import { DeliveryWorker } from '../deliveries/delivery-worker.service';
import { EmailChannel } from '../deliveries/channels/email.channel';
import { DirectoryMember } from '../directory/member.schema';
import { PreferencesService } from '../preferences/preferences.service';
import { deliverableAt } from '../preferences/quiet-hours';
import { Locale } from '../settings/district-settings.schema';
import { DistrictSettings } from '../settings/district-settings.schema';
import { SettingsService } from '../settings/settings.service';
import { NOTIFICATION, Notification, NotificationKind } from './notification.schema';

export interface Message {
  subject: string;
  body: string;
}

export interface NotifyRequest {
  district: string;
  sourceEventId: string;
  ruleId: string;
  recipient: DirectoryMember;
  kind: NotificationKind;
  /** Renders the message in the recipient's language. */
  render: (locale: Locale) => Message;
}

/** Turns a message for a member into an inbox entry and the deliveries their preferences ask for, exactly once. */
@Injectable()
export class Notifier {
  constructor(
    @InjectModel(NOTIFICATION) private readonly notifications: Model<Notification>,
    @InjectModel(DELIVERY) private readonly deliveries: Model<Delivery>,
    private readonly preferences: PreferencesService,
    private readonly settings: SettingsService,
    private readonly email: EmailChannel,
    private readonly worker: DeliveryWorker,
    private readonly clock: Clock,
  ) {}

  async notify(request: NotifyRequest): Promise<Notification> {
    const { district, recipient } = request;
    const preference = await this.preferences.forMember(district, recipient.memberId);
    const settings = await this.settings.forDistrict(district);
    const locale = preference.locale ?? settings.defaultLocale;
    const message = request.render(locale);
    const awaitingDigest = request.kind !== 'digest' && preference.digest === 'daily';
    const notification = await this.record({
      district,
      notificationId: randomUUID(),
      sourceEventId: request.sourceEventId,
      ruleId: request.ruleId,
      recipientMemberId: recipient.memberId,
      kind: request.kind,
      locale,
      subject: message.subject,
      body: message.body,
      inbox: preference.channels.includes('inbox'),
      awaitingDigest,
      readAt: null,
    });
    if (!notification.awaitingDigest) {
      const channels = this.externalChannels(preference.channels, recipient, settings);
      const now = this.clock.now();
      const at = deliverableAt(now, preference.quietHours, settings.timeZone);
      await this.ensureDeliveries(notification, channels, at, at.getTime() > now.getTime());
    }
    return notification;
  }

  /** Whether the recipient already has the message of this source and rule (a digest of the period, say). */
  async wasSent(district: string, sourceEventId: string, ruleId: string, recipientMemberId: string): Promise<boolean> {
    return (await this.notifications.countDocuments({ district, sourceEventId, ruleId, recipientMemberId })) > 0;
  }

  /** The oldest hundred messages held back for the member's next digest. */
  heldForDigest(district: string, recipientMemberId: string): Promise<Notification[]> {
    return this.notifications.find({ district, recipientMemberId, awaitingDigest: true }).sort({ createdAt: 1 }).limit(100).lean<Notification[]>().exec();
  }

  async releaseFromDigest(district: string, notificationIds: string[]): Promise<void> {
    await this.notifications.updateMany({ district, notificationId: { $in: notificationIds } }, { $set: { awaitingDigest: false } });
  }

  /** Inserts the notification, or returns the one a previous delivery of the same event already made. */
  private async record(notification: Notification): Promise<Notification> {
    try {
      return (await this.notifications.create(notification)).toObject();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const { district, sourceEventId, ruleId, recipientMemberId } = notification;
      const existing = await this.notifications.findOne({ district, sourceEventId, ruleId, recipientMemberId }).lean<Notification>();
      if (!existing) throw error;
      return existing;
    }
  }

  private externalChannels(chosen: string[], recipient: DirectoryMember, settings: DistrictSettings): ExternalChannel[] {
    const channels: ExternalChannel[] = [];
    if (chosen.includes('email') && this.email.enabled && recipient.contacts.email) channels.push('email');
    if (chosen.includes('webhook') && settings.webhookUrl && settings.webhookSecret) channels.push('webhook');
    return channels;
  }

  /** Idempotent: a retry after a crash finds the deliveries by their deterministic ids and adds only the missing. */
  private async ensureDeliveries(notification: Notification, channels: ExternalChannel[], at: Date, deferredByQuietHours: boolean): Promise<void> {
    for (const channel of channels) {
      try {
        await this.deliveries.create({
          district: notification.district,
          deliveryId: `${notification.notificationId}:${channel}`,
          notificationId: notification.notificationId,
          recipientMemberId: notification.recipientMemberId,
          channel,
          status: 'pending',
          nextAttemptAt: at,
          deferredByQuietHours,
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    if (channels.length > 0) this.worker.kick();
  }
}
