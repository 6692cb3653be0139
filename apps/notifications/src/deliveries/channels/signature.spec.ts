import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './signature';

describe('webhook signature', () => {
  const secret = 'district-webhook-secret-0001';
  const body = JSON.stringify({ subject: '活动通知', body: '请参加' });

  it('is the hex HMAC-SHA256 of timestamp, dot, body', () => {
    const expected = createHmac('sha256', secret).update(`1764000000.${body}`).digest('hex');
    expect(signWebhook(secret, '1764000000', body)).toBe(expected);
  });

  it('verifies only the same secret, timestamp and body', () => {
    const signature = signWebhook(secret, '1764000000', body);
    expect(verifyWebhookSignature(secret, '1764000000', body, signature)).toBe(true);
    expect(verifyWebhookSignature(`${secret}x`, '1764000000', body, signature)).toBe(false);
    expect(verifyWebhookSignature(secret, '1764000001', body, signature)).toBe(false);
    expect(verifyWebhookSignature(secret, '1764000000', `${body} `, signature)).toBe(false);
    expect(verifyWebhookSignature(secret, '1764000000', body, 'abc')).toBe(false);
  });
});
