import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';
import { ManagedProcess } from './managed-process';

export interface Infrastructure {
  /** A MongoDB URL for one database; each service and each test suite uses its own. */
  mongoUrl(database: string): string;
  natsUrl: string;
  ferretdb?: ManagedProcess;
  nats?: ManagedProcess;
  workDir: string;
  /** Kills nats-server (a crash by default) and starts it again on the same port with its JetStream store kept. */
  restartNats(signal?: NodeJS.Signals): Promise<void>;
  /** Stops FerretDB, keeps it down for `downMs`, then starts it on the same port with its data kept. */
  interruptStore(downMs: number, signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

const repositoryRoot = resolve(__dirname, '../../..');

function ferretdbBinary(): string {
  const binary = process.env.FERRETDB_BIN ?? join(repositoryRoot, '.infra/bin/ferretdb');
  if (!existsSync(binary)) throw new Error(`FerretDB not found at ${binary}: run \`npm run setup\` first`);
  return binary;
}

function withDatabase(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * The store and the broker for tests and local runs: MONGO_URL / NATS_URL when given (a real MongoDB replica
 * set, a NATS cluster), otherwise FerretDB (SQLite) and nats-server started on free ports of our own.
 */
export async function startInfrastructure(options: { workDir?: string } = {}): Promise<Infrastructure> {
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'campaign-infra-'));
  mkdirSync(workDir, { recursive: true });
  let ferretdb: ManagedProcess | undefined;
  let nats: ManagedProcess | undefined;
  let mongoBase = process.env.MONGO_URL;
  let natsUrl = process.env.NATS_URL;

  if (!mongoBase) {
    const port = await freePort();
    const dataDir = join(workDir, 'ferretdb');
    mkdirSync(join(dataDir, 'state'), { recursive: true });
    ferretdb = new ManagedProcess({
      name: 'ferretdb',
      command: ferretdbBinary(),
      args: [
        `--listen-addr=127.0.0.1:${port}`,
        '--handler=sqlite',
        `--sqlite-url=file:${dataDir}/`,
        `--state-dir=${join(dataDir, 'state')}`,
        '--telemetry=disable',
        '--debug-addr=-',
        '--log-level=warn',
      ],
      logFile: join(workDir, 'ferretdb.log'),
      port,
    });
    await ferretdb.start();
    mongoBase = `mongodb://127.0.0.1:${port}/`;
  }

  if (!natsUrl) {
    const port = await freePort();
    nats = new ManagedProcess({
      name: 'nats-server',
      command: process.env.NATS_SERVER_BIN ?? 'nats-server',
      args: ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', join(workDir, 'nats')],
      logFile: join(workDir, 'nats.log'),
      port,
    });
    await nats.start();
    natsUrl = `nats://127.0.0.1:${port}`;
  }

  const base = mongoBase;
  return {
    mongoUrl: (database: string) => withDatabase(base, database),
    natsUrl,
    ferretdb,
    nats,
    workDir,
    restartNats: async (signal: NodeJS.Signals = 'SIGKILL') => {
      if (!nats) throw new Error('NATS_URL points at a broker this harness does not own: it cannot restart it');
      await nats.restart(signal);
    },
    interruptStore: async (downMs: number, signal: NodeJS.Signals = 'SIGKILL') => {
      if (!ferretdb) throw new Error('MONGO_URL points at a store this harness does not own: it cannot interrupt it');
      await ferretdb.stop(signal);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await ferretdb.start();
    },
    stop: async () => {
      await Promise.all([ferretdb?.stop(), nats?.stop()]);
    },
  };
}
