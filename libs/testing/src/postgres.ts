import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';
import { ManagedProcess } from './managed-process';

/** The machine's PostgreSQL when nothing else is said; Debian's packages listen here with trust auth for local users. */
const LOCAL_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const RUN_DATABASE_PREFIX = 'campaign_run_';
/** A run database this old with nobody connected was left by a run that died; it is dropped. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;
/** FerretDB's PostgreSQL pool: the connections one run may hold (a Debian server allows 100 in all). */
export const FERRETDB_POOL_MAX_CONNS = 64;

export interface PostgresServer {
  /** A URL of the server's maintenance database, for creating and dropping run databases. */
  adminUrl: string;
  /** Set when the harness started this server itself. */
  process?: ManagedProcess;
}

export interface RunDatabase {
  name: string;
  /** The run database's URL (what FerretDB connects to). */
  url: string;
  drop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const newest = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a))[0];
  return newest ? join(root, newest, 'bin') : undefined;
}

/** PostgreSQL refuses to run as root: as root, its files belong to (and it runs as) Debian's `postgres` user. */
function asServerUser(command: string, args: string[]): { command: string; args: string[] } {
  if (process.getuid?.() !== 0) return { command, args };
  return { command: 'setpriv', args: ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args] };
}

function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A private cluster under `.infra/postgresql` (created once with initdb), started on a free port with its socket there. */
export async function startPrivateCluster(infraDir: string, logDir: string): Promise<PostgresServer> {
  const binaries = postgresBinaries();
  if (!binaries) throw new Error('no PostgreSQL answers on 127.0.0.1:5432 and none is installed: run `npm run setup` (installs Debian\'s postgresql) or set PG_URL');
  const clusterDir = join(infraDir, 'postgresql');
  const dataDir = join(clusterDir, 'data');
  const socketDir = join(clusterDir, 'socket');
  mkdirSync(socketDir, { recursive: true });
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresUserIds();
    chownSync(clusterDir, uid, gid);
    chownSync(socketDir, uid, gid);
  }
  chmodSync(clusterDir, 0o755);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const initdb = asServerUser(join(binaries, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale']);
    execFileSync(initdb.command, initdb.args, { stdio: 'ignore' });
  }
  const port = await freePort();
  const command = asServerUser(join(binaries, 'postgres'), [
    '-D', dataDir,
    '-p', String(port),
    '-k', socketDir,
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'max_connections=200',
    // Test and development data is recreated at every start: durability across an OS crash buys nothing here.
    '-c', 'fsync=off',
    '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off',
  ]);
  const server = new ManagedProcess({ name: 'postgres', command: command.command, args: command.args, logFile: join(logDir, 'postgres.log'), port, startTimeoutMs: 60_000 });
  await server.start();
  return { adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, process: server };
}

/** PG_URL when set; else the machine's server on 127.0.0.1:5432 when it answers; else a private cluster of ours. */
export async function resolvePostgres(options: { infraDir: string; logDir: string }): Promise<PostgresServer> {
  if (process.env.PG_URL) return { adminUrl: process.env.PG_URL };
  if (await answers(LOCAL_SERVER_URL)) return { adminUrl: LOCAL_SERVER_URL };
  return startPrivateCluster(options.infraDir, options.logDir);
}

function withDatabase(url: string, database: string, query: Record<string, string> = {}): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  for (const [key, value] of Object.entries(query)) parsed.searchParams.set(key, value);
  return parsed.toString();
}

async function withAdmin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function dropAbandonedRunDatabases(client: Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database d
      WHERE datname LIKE $1 AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
    [`${RUN_DATABASE_PREFIX}%`],
  );
  for (const { datname } of rows) {
    const createdAt = Number.parseInt(datname.slice(RUN_DATABASE_PREFIX.length).split('_')[0], 36);
    if (Number.isFinite(createdAt) && Date.now() - createdAt > ABANDONED_AFTER_MS) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  }
}

/**
 * A database of this run's own, dropped by `drop()`. Every prepared statement is planned with its parameters
 * (`plan_cache_mode = force_custom_plan`): FerretDB sends the field of an equality as a parameter, and only a plan
 * made with its value can match the GIN expression indexes of the index mirror.
 */
export async function createRunDatabase(server: PostgresServer, purpose: string): Promise<RunDatabase> {
  const name = `${RUN_DATABASE_PREFIX}${Date.now().toString(36)}_${purpose}_${process.pid}`.replace(/[^a-z0-9_]/g, '_').slice(0, 63);
  await withAdmin(server.adminUrl, async (client) => {
    await dropAbandonedRunDatabases(client);
    await client.query(`CREATE DATABASE "${name}"`);
    await client.query(`ALTER DATABASE "${name}" SET plan_cache_mode = force_custom_plan`);
  });
  return {
    name,
    url: withDatabase(server.adminUrl, name, { pool_max_conns: String(FERRETDB_POOL_MAX_CONNS) }),
    drop: () => withAdmin(server.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
