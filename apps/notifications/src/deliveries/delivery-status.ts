import { notificationText } from '../i18n/messages';
import { Notification } from '../notifications/notification.schema';
import { formatLocal } from '../preferences/local-time';
import { Delivery, ExternalChannel } from './delivery.schema';

/**
 * Where a notification stands on one channel: in the inbox (and when it was read), held for the member's daily
 * digest, or by email/webhook queued, deferred by quiet hours until a time, being sent, sent, failed and to be
 * retried, or given up (dead).
 */
export type ChannelState =
  | { channel: 'inbox'; status: 'delivered' }
  | { channel: 'inbox'; status: 'read'; at: Date }
  | { channel: 'digest'; status: 'awaiting' }
  | { channel: ExternalChannel; status: 'queued' }
  | { channel: ExternalChannel; status: 'deferred'; until: Date }
  | { channel: ExternalChannel; status: 'sending'; attempts: number }
  | { channel: ExternalChannel; status: 'sent'; at: Date; attempts: number }
  | { channel: ExternalChannel; status: 'failed'; attempts: number; reason: string | null; nextAttemptAt: Date }
  | { channel: ExternalChannel; status: 'dead'; attempts: number; reason: string | null };

export function deliveryState(delivery: Delivery, now: Date): ChannelState {
  const { channel, attemptCount: attempts } = delivery;
  switch (delivery.status) {
    case 'sent':
      return { channel, status: 'sent', at: delivery.sentAt as Date, attempts };
    case 'dead':
      return { channel, status: 'dead', attempts, reason: delivery.lastError };
    case 'sending':
      return { channel, status: 'sending', attempts };
    case 'pending':
      if (attempts > 0) return { channel, status: 'failed', attempts, reason: delivery.lastError, nextAttemptAt: delivery.nextAttemptAt };
      if (delivery.deferredByQuietHours && delivery.nextAttemptAt > now) return { channel, status: 'deferred', until: delivery.nextAttemptAt };
      return { channel, status: 'queued' };
  }
}

/** Every channel of a notification: its inbox entry, the daily digest it waits for, and each external delivery. */
export function channelStates(notification: Notification, deliveries: Delivery[], now: Date): ChannelState[] {
  const states: ChannelState[] = [];
  if (notification.inbox) states.push(notification.readAt ? { channel: 'inbox', status: 'read', at: notification.readAt } : { channel: 'inbox', status: 'delivered' });
  if (notification.awaitingDigest) states.push({ channel: 'digest', status: 'awaiting' });
  const byChannel = [...deliveries].sort((a, b) => a.channel.localeCompare(b.channel));
  for (const delivery of byChannel) states.push(deliveryState(delivery, now));
  return states;
}

/** The state in words, in the caller's language, with times in the district's zone. */
export function describeState(state: ChannelState, timeZone: string): string {
  const at = (instant: Date) => formatLocal(instant, timeZone);
  switch (state.status) {
    case 'delivered':
      return notificationText.t('delivery.inbox');
    case 'read':
      return notificationText.t('delivery.inbox-read', { readAt: at(state.at) });
    case 'awaiting':
      return notificationText.t('delivery.awaiting-digest');
    case 'queued':
      return notificationText.t('delivery.queued');
    case 'deferred':
      return notificationText.t('delivery.deferred', { until: at(state.until) });
    case 'sending':
      return notificationText.t('delivery.sending');
    case 'sent':
      return notificationText.t('delivery.sent', { at: at(state.at) });
    case 'failed':
      return notificationText.t('delivery.failed', { attempts: state.attempts, reason: state.reason ?? '-', next: at(state.nextAttemptAt) });
    case 'dead':
      return notificationText.t('delivery.dead', { attempts: state.attempts, reason: state.reason ?? '-' });
  }
}
