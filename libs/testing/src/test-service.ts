import { INestApplication, Type } from '@nestjs/common';
import { issueDevToken, Principal } from '@campaign/auth';
import { createServiceApp } from '@campaign/service-kit';

export const TEST_AUTH_SECRET = 'test-only-development-secret-0123456789';

/** The environment of a service under test: its own database on the shared test store and broker. */
export function testServiceEnv(database: string, overrides: Record<string, string> = {}): Record<string, string> {
  const mongoBase = process.env.TEST_MONGO_BASE_URL;
  const natsUrl = process.env.TEST_NATS_URL;
  if (!mongoBase || !natsUrl) throw new Error('test infrastructure is not running: use the integration/e2e jest config');
  const mongoUrl = new URL(mongoBase);
  mongoUrl.pathname = `/${database}`;
  return {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    MONGO_URL: mongoUrl.toString(),
    NATS_URL: natsUrl,
    AUTH_DEV_SECRET: TEST_AUTH_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    OUTBOX_POLL_MS: '100',
    OUTBOX_POLL_MAX_MS: '1000',
    OUTBOX_RECOVERY_AFTER_MS: '5000',
    CONSUMER_MAX_DELIVER: '3',
    // Suites share one NATS server: a suite's consumer skips the backlog other suites left on the streams, and has a
    // durable of its own, so a suite running beside another of the same service does not take its events.
    CONSUMER_DELIVER_POLICY: 'new',
    CONSUMER_NAME: database,
    DOCS_ENABLED: 'true',
    // Suites poll expensive endpoints (a reconcile inside eventually); the rate-limit test sets its own limit.
    RATE_LIMIT_EXPENSIVE_PER_WINDOW: '1000',
    ...(JSON.parse(process.env.TEST_SERVICE_ENV ?? '{}') as Record<string, string>),
    ...overrides,
  };
}

/** Starts a service in-process on a free port with the given environment. */
export async function startTestService(rootModule: Type<unknown>, env: Record<string, string>): Promise<INestApplication> {
  Object.assign(process.env, env);
  const app = await createServiceApp(rootModule, { name: 'test', title: 'test', description: 'test' });
  await app.listen(0, '127.0.0.1');
  return app;
}

export function testToken(claims: Principal): Promise<string> {
  return issueDevToken(claims, { secret: TEST_AUTH_SECRET });
}

/** Polls until the check passes or the time is up; for asserting on asynchronous (event-driven) outcomes. */
export async function eventually<T>(check: () => Promise<T>, { timeoutMs = 15_000, intervalMs = 100 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
  throw lastError;
}

let databaseCounter = 0;

/** A database name unique to this test run, so suites never see each other's data. */
export function uniqueDatabase(prefix: string): string {
  databaseCounter += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${databaseCounter}`.replace(/[^a-zA-Z0-9_]/g, '_');
}
