import { runInContext } from '@campaign/service-kit';
import { Notification } from '../notifications/notification.schema';
import { channelStates, describeState } from './delivery-status';
import { Delivery } from './delivery.schema';

const now = new Date('2026-12-01T15:00:00Z'); // 23:00 in Shanghai
const notification: Notification = {
  district: 'd1',
  notificationId: 'n1',
  sourceEventId: 'e1',
  ruleId: 'ranking-published',
  recipientMemberId: 'm1',
  kind: 'event',
  locale: 'zh-CN',
  subject: 's',
  body: 'b',
  inbox: true,
  awaitingDigest: false,
  readAt: null,
};
const delivery = (overrides: Partial<Delivery>): Delivery => ({
  district: 'd1',
  deliveryId: 'n1:email',
  notificationId: 'n1',
  recipientMemberId: 'm1',
  channel: 'email',
  status: 'pending',
  nextAttemptAt: now,
  deferredByQuietHours: false,
  attemptCount: 0,
  attempts: [],
  claimedBy: null,
  leaseUntil: null,
  claimGeneration: 0,
  sentAt: null,
  lastError: null,
  replays: 0,
  ...overrides,
});
const state = (overrides: Partial<Delivery>) => channelStates(notification, [delivery(overrides)], now)[1];

describe('delivery status', () => {
  it('tells sent, deferred by quiet hours with the time it will go, failed with reason and attempts, and dead apart', () => {
    const morning = new Date('2026-12-01T23:00:00Z');
    expect(state({ status: 'sent', sentAt: now, attemptCount: 1 })).toEqual({ channel: 'email', status: 'sent', at: now, attempts: 1 });
    expect(state({ deferredByQuietHours: true, nextAttemptAt: morning })).toEqual({ channel: 'email', status: 'deferred', until: morning });
    expect(state({ deferredByQuietHours: true, nextAttemptAt: now })).toEqual({ channel: 'email', status: 'queued' });
    expect(state({ attemptCount: 2, lastError: 'webhook answered 500', nextAttemptAt: morning })).toEqual({
      channel: 'email',
      status: 'failed',
      attempts: 2,
      reason: 'webhook answered 500',
      nextAttemptAt: morning,
    });
    expect(state({ status: 'dead', attemptCount: 3, lastError: 'webhook answered 500' })).toEqual({ channel: 'email', status: 'dead', attempts: 3, reason: 'webhook answered 500' });
  });

  it('lists the inbox (read or not) and a message held for the daily digest', () => {
    expect(channelStates({ ...notification, readAt: now, awaitingDigest: true }, [], now)).toEqual([
      { channel: 'inbox', status: 'read', at: now },
      { channel: 'digest', status: 'awaiting' },
    ]);
    expect(channelStates({ ...notification, inbox: false }, [], now)).toEqual([]);
  });

  it('puts the state in words in the caller’s language, with times in the district’s zone', () => {
    const deferred = { channel: 'email' as const, status: 'deferred' as const, until: new Date('2026-12-01T23:00:00Z') };
    expect(runInContext({ correlationId: 'c', locale: 'zh-CN' }, () => describeState(deferred, 'Asia/Shanghai'))).toBe('免打扰时段，将于 2026-12-02 07:00 发送');
    expect(runInContext({ correlationId: 'c', locale: 'en' }, () => describeState(deferred, 'Asia/Shanghai'))).toBe('quiet hours: goes out at 2026-12-02 07:00');
    const dead = { channel: 'webhook' as const, status: 'dead' as const, attempts: 3, reason: 'webhook answered 500' };
    expect(runInContext({ correlationId: 'c', locale: 'zh-CN' }, () => describeState(dead, 'Asia/Shanghai'))).toBe('已放弃（尝试 3 次均失败：webhook answered 500）');
  });
});
