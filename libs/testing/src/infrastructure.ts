import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chooseInfrastructure, Provenance } from './infrastructure-choice';
import { dockerAnswers, startMongoContainer, startNatsContainer } from './containers';
import { freePort } from './free-port';
import { IndexMirror } from './index-mirror';
import { ManagedProcess } from './managed-process';
import { createRunDatabase, FERRETDB_POOL_MAX_CONNS, PostgresServer, resolvePostgres, RunDatabase } from './postgres';

export interface Infrastructure {
  /** A MongoDB URL for one database; each service and each test suite uses its own. */
  mongoUrl(database: string): string;
  natsUrl: string;
  /** Where the store and the broker came from. */
  provenance: { store: Provenance; broker: Provenance };
  /** What every service process on this store needs in its environment besides MONGO_URL (e.g. FerretDB's pool size). */
  serviceEnv: Record<string, string>;
  ferretdb?: ManagedProcess;
  nats?: ManagedProcess;
  workDir: string;
  /** Kills nats-server (a crash by default) and starts it again on the same port with its JetStream store kept. */
  restartNats(signal?: NodeJS.Signals): Promise<void>;
  /** Stops FerretDB, keeps it down for `downMs`, then starts it on the same port (its data lives in PostgreSQL). */
  interruptStore(downMs: number, signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

const repositoryRoot = resolve(__dirname, '../../..');
const infraDir = join(repositoryRoot, '.infra');

function ferretdbBinary(): string {
  const binary = process.env.FERRETDB_BIN ?? join(infraDir, 'bin/ferretdb');
  if (!existsSync(binary)) throw new Error(`FerretDB not found at ${binary}: run \`npm run setup\` first`);
  return binary;
}

/** The nats-server built by `npm run setup` (current), else the one on PATH (Debian's 2.9, end of life). */
function natsServerBinary(): string {
  if (process.env.NATS_SERVER_BIN) return process.env.NATS_SERVER_BIN;
  const built = join(infraDir, 'bin/nats-server');
  return existsSync(built) ? built : 'nats-server';
}

function withDatabase(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

interface EmbeddedStore {
  baseUrl: string;
  ferretdb: ManagedProcess;
  stop(): Promise<void>;
}

/** FerretDB on a PostgreSQL database of this run's own, with the index mirror keeping GIN indexes in step. */
async function startEmbeddedStore(workDir: string, purpose: string): Promise<EmbeddedStore> {
  let postgres: PostgresServer | undefined;
  let database: RunDatabase | undefined;
  let mirror: IndexMirror | undefined;
  let ferretdb: ManagedProcess | undefined;
  const stop = async () => {
    await ferretdb?.stop();
    await mirror?.stop();
    await database?.drop().catch(() => undefined);
    await postgres?.process?.stop();
  };
  try {
    postgres = await resolvePostgres({ infraDir, logDir: workDir });
    database = await createRunDatabase(postgres, purpose);
    const port = await freePort();
    const stateDir = join(workDir, 'ferretdb-state');
    mkdirSync(stateDir, { recursive: true });
    ferretdb = new ManagedProcess({
      name: 'ferretdb',
      command: ferretdbBinary(),
      args: [
        `--listen-addr=127.0.0.1:${port}`,
        '--handler=postgresql',
        `--postgresql-url=${database.url}`,
        `--state-dir=${stateDir}`,
        '--telemetry=disable',
        '--debug-addr=-',
        '--log-level=warn',
      ],
      logFile: join(workDir, 'ferretdb.log'),
      port,
    });
    await ferretdb.start();
    mirror = new IndexMirror(database.url.split('?')[0]);
    await mirror.start();
    return { baseUrl: `mongodb://127.0.0.1:${port}/`, ferretdb, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startEmbeddedNats(workDir: string): Promise<ManagedProcess> {
  const port = await freePort();
  const nats = new ManagedProcess({
    name: 'nats-server',
    command: natsServerBinary(),
    args: ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', join(workDir, 'nats')],
    logFile: join(workDir, 'nats.log'),
    port,
  });
  await nats.start();
  return nats;
}

/**
 * The store and the broker for tests and local runs (see `chooseInfrastructure`): MONGO_URL / NATS_URL when given
 * (a real MongoDB replica set, a NATS cluster); else MongoDB 7 and NATS in containers when Docker answers; else
 * FerretDB on a PostgreSQL database of the run's own (dropped at `stop()`) and nats-server on free ports.
 */
export async function startInfrastructure(options: { workDir?: string; purpose?: string } = {}): Promise<Infrastructure> {
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'campaign-infra-'));
  mkdirSync(workDir, { recursive: true });
  const choice = await chooseInfrastructure(process.env, dockerAnswers);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    let mongoBase = process.env.MONGO_URL ?? '';
    let ferretdb: ManagedProcess | undefined;
    const serviceEnv: Record<string, string> = {};
    if (choice.store === 'embedded') {
      const store = await startEmbeddedStore(workDir, options.purpose ?? 'test');
      stops.push(store.stop);
      mongoBase = store.baseUrl;
      ferretdb = store.ferretdb;
      serviceEnv.FERRETDB_POOL_MAX_CONNS = String(FERRETDB_POOL_MAX_CONNS);
    } else if (choice.store === 'container') {
      const mongo = await startMongoContainer();
      stops.push(mongo.stop);
      mongoBase = mongo.url;
    }

    let natsUrl = process.env.NATS_URL ?? '';
    let nats: ManagedProcess | undefined;
    if (choice.broker === 'embedded') {
      const embedded = await startEmbeddedNats(workDir);
      stops.push(() => embedded.stop());
      nats = embedded;
      natsUrl = `nats://127.0.0.1:${embedded.spec.port}`;
    } else if (choice.broker === 'container') {
      const container = await startNatsContainer();
      stops.push(container.stop);
      natsUrl = container.url;
    }

    const base = mongoBase;
    return {
      mongoUrl: (database: string) => withDatabase(base, database),
      natsUrl,
      provenance: choice,
      serviceEnv,
      ferretdb,
      nats,
      workDir,
      restartNats: async (signal: NodeJS.Signals = 'SIGKILL') => {
        if (!nats) throw new Error('the broker is not a nats-server this harness runs: it cannot restart it');
        await nats.restart(signal);
      },
      interruptStore: async (downMs: number, signal: NodeJS.Signals = 'SIGKILL') => {
        if (!ferretdb) throw new Error('the store is not a FerretDB this harness runs: it cannot interrupt it');
        await ferretdb.stop(signal);
        await new Promise((resolve) => setTimeout(resolve, downMs));
        await ferretdb.start();
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
