import { ConfigurationError, parseEnv } from '@campaign/service-kit';
import { notificationsEnv } from './config';

const base = { PORT: '3004', MONGO_URL: 'mongodb://127.0.0.1:27017/notifications', NATS_URL: 'nats://127.0.0.1:4222', AUTH_DEV_SECRET: 'x'.repeat(32) };

describe('notifications configuration', () => {
  it('defaults the delivery and scheduler settings and leaves email off without SMTP_URL', () => {
    const env = parseEnv(notificationsEnv, base);
    expect(env).toMatchObject({ DELIVERY_MAX_ATTEMPTS: 5, WEBHOOK_TIMEOUT_MS: 5_000, SCHEDULER_POLL_MS: 1_000 });
    expect(env.SMTP_URL).toBeUndefined();
  });

  it('accepts smtp:// and smtps:// servers and names each bad variable', () => {
    expect(parseEnv(notificationsEnv, { ...base, SMTP_URL: 'smtp://mail.example.org:2525' }).SMTP_URL).toBe('smtp://mail.example.org:2525');
    expect(() => parseEnv(notificationsEnv, { ...base, SMTP_URL: 'http://mail', DELIVERY_MAX_ATTEMPTS: '0' })).toThrow(ConfigurationError);
    expect(() => parseEnv(notificationsEnv, { ...base, SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL: must be an smtp/);
    expect(() => parseEnv(notificationsEnv, { ...base, DELIVERY_MAX_ATTEMPTS: '0' })).toThrow(/DELIVERY_MAX_ATTEMPTS/);
  });

  it('keeps claim tokens a day by default and refuses a retention no longer than the lease', () => {
    expect(parseEnv(notificationsEnv, base)).toMatchObject({ CLAIM_TOKEN_RETENTION_HOURS: 24, INBOX_RETENTION_HOURS: 168 });
    expect(() => parseEnv(notificationsEnv, { ...base, CLAIM_TOKEN_RETENTION_HOURS: '1', SCHEDULER_LEASE_MS: '3600000' })).toThrow(
      /CLAIM_TOKEN_RETENTION_HOURS: must be longer than SCHEDULER_LEASE_MS/,
    );
    expect(parseEnv(notificationsEnv, { ...base, CLAIM_TOKEN_RETENTION_HOURS: '2', SCHEDULER_LEASE_MS: '3600000' }).CLAIM_TOKEN_RETENTION_HOURS).toBe(2);
  });
});
