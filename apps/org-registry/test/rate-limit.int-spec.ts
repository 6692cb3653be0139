import { randomUUID } from 'node:crypto';
import { startOrgRegistry, TestApp } from './org-test-kit';

let service: TestApp;

beforeAll(async () => {
  service = await startOrgRegistry('org_rate_limit', { RATE_LIMIT_EXPENSIVE_PER_WINDOW: '2', RATE_LIMIT_WINDOW_SECONDS: '60' });
});

afterAll(async () => {
  await service?.app.close();
});

describe('rate limit of expensive endpoints, per district', () => {
  it('answers 429 with Retry-After and the limit after the district used its calls, and leaves another district and cheap endpoints alone', async () => {
    const busy = await service.tokenFor({ district: `d-${randomUUID()}`, roles: ['district-admin'] });
    const other = await service.tokenFor({ district: `d-${randomUUID()}`, roles: ['district-admin'] });
    const resolveRoles = (token: string, language = 'zh-CN') => service.http.post('/members/resolve-roles').set('Authorization', `Bearer ${token}`).set('Accept-Language', language);

    await resolveRoles(busy).expect(200);
    await resolveRoles(busy).expect(200);
    const refused = await resolveRoles(busy, 'en').expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.body).toEqual({
      statusCode: 429,
      code: 'rate-limited',
      message: expect.stringMatching(/^too many requests: this district may do this at most 2 times in 60 s; retry in \d+ s$/),
      details: [{ limit: 2, windowSeconds: 60, retryAfterSeconds: Number(refused.headers['retry-after']) }],
    });
    expect((await resolveRoles(busy)).body.message).toMatch(/^请求过于频繁/);

    await resolveRoles(other).expect(200);
    await service.http.get('/units').set('Authorization', `Bearer ${busy}`).expect(200);
  });
});
