import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Clock } from '../clock/clock';
import { forbidden, notFound } from '../i18n/problems';
import { InboxItemView, InboxQueryDto } from './inbox.dto';
import { NOTIFICATION, Notification } from './notification.schema';

function view(notification: Notification): InboxItemView {
  const { notificationId, kind, ruleId, subject, body, locale, readAt } = notification;
  return { notificationId, kind, ruleId, subject, body, locale, readAt, createdAt: notification.createdAt as Date };
}

/** A member's in-app inbox; every query is scoped to the caller's district and member id. */
@Injectable()
export class InboxService {
  constructor(
    @InjectModel(NOTIFICATION) private readonly notifications: Model<Notification>,
    private readonly clock: Clock,
  ) {}

  async list(district: string, memberId: string, query: InboxQueryDto): Promise<InboxItemView[]> {
    const filter = { district, recipientMemberId: memberId, inbox: true, ...(query.unread ? { readAt: null } : {}) };
    const items = await this.notifications
      .find(filter)
      .sort({ createdAt: -1, notificationId: 1 })
      .skip(query.skip ?? 0)
      .limit(query.limit ?? 50)
      .lean<Notification[]>();
    return items.map(view);
  }

  unreadCount(district: string, memberId: string): Promise<number> {
    return this.notifications.countDocuments({ district, recipientMemberId: memberId, inbox: true, readAt: null });
  }

  /** 404 when the district has no such message in an inbox, 403 when it is in another member's. */
  async markRead(district: string, memberId: string, notificationId: string): Promise<InboxItemView> {
    const found = await this.notifications.findOne({ district, notificationId, inbox: true }).lean<Notification>();
    if (!found) throw notFound('notification.not-found', { notificationId });
    if (found.recipientMemberId !== memberId) throw forbidden('notification.not-yours', { notificationId });
    if (found.readAt) return view(found);
    const readAt = this.clock.now();
    await this.notifications.updateOne({ district, notificationId, recipientMemberId: memberId, readAt: null }, { $set: { readAt } });
    return view({ ...found, readAt });
  }

  async markAllRead(district: string, memberId: string): Promise<number> {
    const result = await this.notifications.updateMany(
      { district, recipientMemberId: memberId, inbox: true, readAt: null },
      { $set: { readAt: this.clock.now() } },
    );
    return result.modifiedCount;
  }
}
