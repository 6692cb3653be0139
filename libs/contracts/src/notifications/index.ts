import { z } from 'zod';
import { defineEvent } from '../envelope';
import { id, isoDateTime } from '../common';

export const DeliveryFailed = defineEvent(
  'notifications.delivery.failed',
  1,
  z.object({
    deliveryId: id,
    notificationId: id,
    channel: z.enum(['inbox', 'email', 'webhook']),
    recipientMemberId: id.nullable(),
    attempts: z.number().int().positive(),
    reason: z.string().min(1),
    failedAt: isoDateTime,
  }),
);
