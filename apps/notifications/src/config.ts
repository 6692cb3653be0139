import { z } from 'zod';
import { serviceEnvSchema } from '@campaign/service-kit';

const positiveInt = z.coerce.number().int().positive();

export const notificationsEnv = serviceEnvSchema({
  /** Outgoing mail server, e.g. smtp://mail.example.org:25; without it the email channel is off. */
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s/]+(:\d+)?\/?$/, 'must be an smtp://host:port or smtps://host:port URL').optional(),
  MAIL_FROM: z.string().min(3).default('创先争优平台 <noreply@campaign.local>'),
  WEBHOOK_TIMEOUT_MS: positiveInt.default(5_000),
  DELIVERY_MAX_ATTEMPTS: positiveInt.default(5),
  /** First retry delay of a failed delivery; each further retry doubles it. */
  DELIVERY_BACKOFF_MS: positiveInt.default(30_000),
  SCHEDULER_POLL_MS: positiveInt.default(1_000),
  /** How long a replica owns a claimed reminder or delivery before another may take it over. */
  SCHEDULER_LEASE_MS: positiveInt.default(60_000),
  /** Hours a claim token is kept: it guards one claim of a job (every later claim names a newer token), and a claim takes far less than the lease. */
  CLAIM_TOKEN_RETENTION_HOURS: positiveInt.default(24),
}).superRefine((env, ctx) => {
  if (env.CLAIM_TOKEN_RETENTION_HOURS * 3_600_000 <= env.SCHEDULER_LEASE_MS) {
    ctx.addIssue({ code: 'custom', path: ['CLAIM_TOKEN_RETENTION_HOURS'], message: 'must be longer than SCHEDULER_LEASE_MS' });
  }
});

export type NotificationsEnv = z.infer<typeof notificationsEnv>;
