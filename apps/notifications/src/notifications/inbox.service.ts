import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Clock } from '../clock/clock';
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

  async markRead(district: string, memberId: string, notificationId: string): Promise<InboxItemView> {
    const filter = { district, recipientMemberId: memberId, notificationId, inbox: true };
    await this.notifications.updateOne({ ...filter, readAt: null }, { $set: { readAt: this.clock.now() } });
    const notification = await this.notifications.findOne(filter).lean<Notification>();
    if (!notification) throw new NotFoundException(`no notification ${notificationId} in your inbox`);
    return view(notification);
  }

  async markAllRead(district: string, memberId: string): Promise<number> {
    const result = await this.notifications.updateMany(
      { district, recipientMemberId: memberId, inbox: true, readAt: null },
      { $set: { readAt: this.clock.now() } },
    );
    return result.modifiedCount;
  }
}
