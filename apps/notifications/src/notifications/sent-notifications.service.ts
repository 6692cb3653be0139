import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { hasRole, Principal } from '@campaign/auth';
import { Clock } from '../clock/clock';
import { ChannelState, channelStates, describeState } from '../deliveries/delivery-status';
import { DeliveryWorker } from '../deliveries/delivery-worker.service';
import { DirectoryService } from '../directory/directory.service';
import { forbidden, notFound } from '../i18n/problems';
import { SettingsService } from '../settings/settings.service';
import { NOTIFICATION, Notification } from './notification.schema';
import { ChannelStateView, NotificationsQueryDto, SentNotificationsPage, SentNotificationView } from './notifications.dto';

/** District admins and operators see every notification of the district; a member sees those addressed to them. */
function seesAll(principal: Principal): boolean {
  return hasRole(principal, 'district-admin', 'operator');
}

function stateView(state: ChannelState, timeZone: string): ChannelStateView {
  const iso = (value: Date) => new Date(value).toISOString();
  const { channel, status } = state;
  return {
    channel,
    status,
    label: describeState(state, timeZone),
    ...('at' in state ? { at: iso(state.at) } : {}),
    ...('until' in state ? { until: iso(state.until) } : {}),
    ...('nextAttemptAt' in state ? { nextAttemptAt: iso(state.nextAttemptAt) } : {}),
    ...('attempts' in state ? { attempts: state.attempts } : {}),
    ...('reason' in state ? { reason: state.reason } : {}),
  };
}

/** Who was notified of what, and where each message stands on each channel (sent, deferred by quiet hours, failed, dead). */
@Injectable()
export class SentNotificationsService {
  constructor(
    @InjectModel(NOTIFICATION) private readonly notifications: Model<Notification>,
    private readonly directory: DirectoryService,
    private readonly settings: SettingsService,
    private readonly worker: DeliveryWorker,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, query: NotificationsQueryDto): Promise<SentNotificationsPage> {
    const { district } = principal;
    const recipientMemberId = this.recipientFilter(principal, query.recipientMemberId);
    const filter = {
      district,
      ...(query.ruleId ? { ruleId: query.ruleId } : {}),
      ...(query.sourceEventId ? { sourceEventId: query.sourceEventId } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(recipientMemberId ? { recipientMemberId } : {}),
    };
    const [items, total] = await Promise.all([
      this.notifications
        .find(filter)
        .sort({ createdAt: -1, notificationId: 1 })
        .skip(query.skip ?? 0)
        .limit(query.limit ?? 50)
        .lean<Notification[]>(),
      this.notifications.countDocuments(filter),
    ]);
    return { items: await this.views(district, items), total };
  }

  /** 404 when the district has no such notification; 403 when it is another member's. */
  async get(principal: Principal, notificationId: string): Promise<SentNotificationView> {
    const notification = await this.notifications.findOne({ district: principal.district, notificationId }).lean<Notification>();
    if (!notification) throw notFound('notification.not-found', { notificationId });
    if (!seesAll(principal) && principal.memberId !== notification.recipientMemberId) throw forbidden('notification.not-yours', { notificationId });
    return (await this.views(principal.district, [notification]))[0];
  }

  /** Whose notifications the caller may list: anyone's for admins, their own for a member, nobody's otherwise. */
  private recipientFilter(principal: Principal, asked: string | undefined): string | undefined {
    if (seesAll(principal)) return asked;
    if (!principal.memberId) throw forbidden('auth.forbidden');
    if (asked && asked !== principal.memberId) throw forbidden('notification.only-own');
    return principal.memberId;
  }

  private async views(district: string, notifications: Notification[]): Promise<SentNotificationView[]> {
    if (notifications.length === 0) return [];
    const ids = notifications.map((notification) => notification.notificationId);
    const [deliveries, settings, directory] = await Promise.all([
      this.worker.deliveriesOf(district, ids),
      this.settings.forDistrict(district),
      this.directory.names(district, { unitIds: [], memberIds: notifications.map((notification) => notification.recipientMemberId) }),
    ]);
    const unitNames = (await this.directory.names(district, { unitIds: [...directory.members.values()].map((member) => member.unitId), memberIds: [] })).units;
    const now = this.clock.now();
    return notifications.map((notification) => {
      const recipient = directory.members.get(notification.recipientMemberId);
      const own = deliveries.filter((delivery) => delivery.notificationId === notification.notificationId);
      return {
        notificationId: notification.notificationId,
        ruleId: notification.ruleId,
        kind: notification.kind,
        sourceEventId: notification.sourceEventId,
        createdAt: notification.createdAt as Date,
        recipient: {
          memberId: notification.recipientMemberId,
          name: recipient?.name ?? null,
          unitId: recipient?.unitId ?? null,
          unitName: recipient ? (unitNames.get(recipient.unitId) ?? null) : null,
        },
        locale: notification.locale,
        subject: notification.subject,
        body: notification.body,
        channels: channelStates(notification, own, now).map((state) => stateView(state, settings.timeZone)),
      };
    });
  }
}
