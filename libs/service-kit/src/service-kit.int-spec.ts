import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import request from 'supertest';
import { AuthModule, CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { PersistenceModule } from '@campaign/persistence';
import { MessagingModule } from '@campaign/messaging';
import { startTestService, testServiceEnv, testToken, uniqueDatabase } from '@campaign/testing';
import { serviceEnvSchema } from './config';
import { ReadinessRegistry } from './health';
import { ServiceKitModule } from './service-kit.module';

@Controller('whoami')
class WhoAmIController {
  @Get()
  whoami(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Get('admin')
  @Roles('district-admin')
  admin() {
    return { ok: true };
  }
}

@Module({
  imports: [
    ServiceKitModule.forRoot({ serviceName: 'kit-test', envSchema: serviceEnvSchema({}) }),
    PersistenceModule.forRoot(),
    MessagingModule.forRoot({}),
    AuthModule,
  ],
  controllers: [WhoAmIController],
})
class KitTestModule {}

describe('service kit: what every service exposes', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startTestService(KitTestModule, testServiceEnv(uniqueDatabase('kit')));
  });

  afterAll(() => app?.close());

  it('is live, and ready when the store and NATS answer', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200);
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({ store: { status: 'up' }, nats: { status: 'up' }, shutdown: { status: 'up' } });
  });

  it('reports not ready, with the reason, while a dependency fails or the service drains', async () => {
    const readiness = app.get(ReadinessRegistry);
    readiness.register('broken', () => Promise.reject(new Error('store unreachable')));
    const response = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(response.body.error.broken).toEqual({ status: 'down', message: 'store unreachable' });
    readiness.register('broken', () => Promise.resolve());
    readiness.markDraining();
    expect((await request(app.getHttpServer()).get('/health/ready').expect(503)).body.error.shutdown.message).toBe('draining');
  });

  it('serves Prometheus metrics and the OpenAPI document', async () => {
    await request(app.getHttpServer()).get('/health/live');
    const metrics = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.text).toMatch(/http_request_duration_seconds_bucket\{.*route="\/health\/live"/);
    expect(metrics.text).toMatch(/process_cpu_seconds_total/);
    const document = await request(app.getHttpServer()).get('/docs/openapi.json').expect(200);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/whoami', '/health/ready']));
  });

  it('needs a valid bearer token, and the required role', async () => {
    await request(app.getHttpServer()).get('/whoami').expect(401);
    await request(app.getHttpServer()).get('/whoami').set('authorization', 'Bearer not-a-token').expect(401);
    const member = await testToken({ sub: 'm', district: 'd-1', roles: ['member'], units: [], memberId: 'm-1' });
    const me = await request(app.getHttpServer()).get('/whoami').set('authorization', `Bearer ${member}`).expect(200);
    expect(me.body).toMatchObject({ district: 'd-1', memberId: 'm-1' });
    await request(app.getHttpServer()).get('/whoami/admin').set('authorization', `Bearer ${member}`).expect(403);
  });

  it('echoes the correlation id it was given, and makes one when none was', async () => {
    const given = await request(app.getHttpServer()).get('/health/live').set('x-correlation-id', 'corr-42');
    expect(given.headers['x-correlation-id']).toBe('corr-42');
    const made = await request(app.getHttpServer()).get('/health/live');
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('service start with a bad configuration', () => {
  it('names each bad variable and exits non-zero', () => {
    const root = resolve(__dirname, '../../..');
    const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/org-registry/src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, PORT: 'abc', MONGO_URL: 'http://nowhere', NATS_URL: 'nats://127.0.0.1:4222' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/org-registry: invalid configuration/);
    expect(result.stderr).toMatch(/PORT: /);
    expect(result.stderr).toMatch(/MONGO_URL: must be a mongodb:\/\//);
  });
});
