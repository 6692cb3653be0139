import { join, resolve } from 'node:path';
import { freePort } from './free-port';
import { Infrastructure } from './infrastructure';
import { ManagedProcess } from './managed-process';

export const SERVICES = ['org-registry', 'activity-records', 'assessment-scoring', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const DEFAULT_PORTS: Record<ServiceName, number> = {
  'org-registry': 3001,
  'activity-records': 3002,
  'assessment-scoring': 3003,
  notifications: 3004,
};

export interface ServiceInstance {
  service: ServiceName;
  replica: number;
  port: number;
  url: string;
  process: ManagedProcess;
}

export interface PlatformOptions {
  infrastructure: Infrastructure;
  authSecret: string;
  /** Replicas per service (default 1). */
  replicas?: Partial<Record<ServiceName, number>>;
  /** Fixed ports for the first replica; otherwise free ports are used. */
  ports?: Partial<Record<ServiceName, number>>;
  /** Extra environment per service (e.g. SMTP_URL for notifications). */
  env?: Partial<Record<ServiceName, Record<string, string>>>;
  logLevel?: string;
  services?: readonly ServiceName[];
  /** Node options for every service process, e.g. `--cpu-prof` to see where a benchmark's time goes. */
  nodeArgs?: string[];
}

const repositoryRoot = resolve(__dirname, '../../..');

async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/health/ready`);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${url} not ready: ${last}`);
}

/** The environment one service process runs with: its own database on the shared store. */
export function serviceEnv(service: ServiceName, port: number, options: PlatformOptions): Record<string, string> {
  return {
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    MONGO_URL: options.infrastructure.mongoUrl(`campaign_${service.replace(/-/g, '_')}`),
    NATS_URL: options.infrastructure.natsUrl,
    AUTH_DEV_SECRET: options.authSecret,
    LOG_LEVEL: options.logLevel ?? 'info',
    OUTBOX_POLL_MS: '200',
    OUTBOX_POLL_MAX_MS: '2000',
    // A writer killed by a test leaves its staged events: the relay finishes them in seconds, not a minute.
    OUTBOX_RECOVERY_AFTER_MS: '10000',
    ...options.infrastructure.serviceEnv,
    ...(options.env?.[service] ?? {}),
  };
}

/** Creates one process per service replica, running the TypeScript sources directly (no build step). */
export async function createServiceInstance(service: ServiceName, replica: number, port: number, options: PlatformOptions): Promise<ServiceInstance> {
  const process = new ManagedProcess({
    name: `${service}#${replica}`,
    command: globalThis.process.execPath,
    args: [...(options.nodeArgs ?? []), '-r', '@swc-node/register', join(repositoryRoot, `apps/${service}/src/main.ts`)],
    env: { ...serviceEnv(service, port, options), SWC_NODE_PROJECT: join(repositoryRoot, 'tsconfig.base.json') },
    cwd: repositoryRoot,
    logFile: join(options.infrastructure.workDir, `${service}-${replica}.log`),
    port,
    startTimeoutMs: 90_000,
  });
  return { service, replica, port, url: `http://127.0.0.1:${port}`, process };
}

export interface Platform {
  instances: ServiceInstance[];
  url(service: ServiceName): string;
  start(instance: ServiceInstance): Promise<void>;
  stop(): Promise<void>;
}

/** Starts every service (and its replicas) as separate processes and waits until each is ready. */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const instances: ServiceInstance[] = [];
  for (const service of options.services ?? SERVICES) {
    const replicas = options.replicas?.[service] ?? 1;
    for (let replica = 1; replica <= replicas; replica += 1) {
      const port = replica === 1 && options.ports?.[service] ? options.ports[service] : await freePort();
      instances.push(await createServiceInstance(service, replica, port, options));
    }
  }
  const start = async (instance: ServiceInstance) => {
    await instance.process.start();
    await waitUntilReady(instance.url, 60_000);
  };
  // One at a time: on two cores, parallel TypeScript start-ups only slow each other down.
  for (const instance of instances) await start(instance);
  return {
    instances,
    url: (service) => {
      const instance = instances.find((candidate) => candidate.service === service);
      if (!instance) throw new Error(`${service} is not running`);
      return instance.url;
    },
    start,
    stop: async () => {
      await Promise.all(instances.map((instance) => instance.process.stop('SIGTERM')));
    },
  };
}
