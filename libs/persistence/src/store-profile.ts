import { Connection, mongo } from 'mongoose';

/**
 * What the services do differently on FerretDB 1.x, decided from the server's `buildInfo` (FerretDB names its own
 * version there) and nowhere else. On MongoDB every update of one document is atomic, a bulk write is one command
 * and the driver's defaults hold.
 *
 * FerretDB 1.x runs an update as a query whose PostgreSQL connection stays open while the update takes a second
 * one (its `msg_update.go` keeps every statement's query open until the command returns). So:
 * - a command with k update statements holds up to k + 1 connections of FerretDB's pool (`pool_max_conns` on its
 *   PostgreSQL URL); as many concurrent updates as the pool has connections wait for each other for ever;
 * - concurrent updates of one document lose all but one of their changes (read-modify-write).
 */
export interface StoreProfile {
  kind: 'mongodb' | 'ferretdb';
  /** Update statements sent in one command; unbounded (one command) on MongoDB. */
  updatesPerCommand: number;
  /** The driver's connection pool per process; undefined leaves the driver's default. */
  maxPoolSize?: number;
  /** Writers of one document must be serialised across processes (document locks, store locks). */
  updatesNeedLocks: boolean;
}

/** FerretDB's own default `pool_max_conns`, when the operator did not say which pool it runs with. */
export const FERRETDB_DEFAULT_POOL_MAX_CONNS = 50;
/** Processes (replicas of every service) planned to share one FerretDB: the resilience suite runs seven. */
export const PROCESSES_SHARING_ONE_FERRETDB = 8;

/**
 * On FerretDB, every process may have `maxPoolSize` commands in flight, each with one update statement: commands in
 * flight across all processes then stay below `pool_max_conns`, so some update can always take its second connection
 * and the pool never wedges. One update per command costs little: FerretDB runs a command's updates one after
 * another anyway.
 */
export function storeProfileFor(kind: StoreProfile['kind'], settings: { ferretDbPoolMaxConns?: number; maxPoolSize?: number } = {}): StoreProfile {
  if (kind === 'mongodb') return { kind, updatesPerCommand: Number.POSITIVE_INFINITY, maxPoolSize: settings.maxPoolSize, updatesNeedLocks: false };
  const pool = settings.ferretDbPoolMaxConns ?? FERRETDB_DEFAULT_POOL_MAX_CONNS;
  const share = Math.max(1, Math.floor((pool - 1) / PROCESSES_SHARING_ONE_FERRETDB));
  return { kind, updatesPerCommand: 1, maxPoolSize: settings.maxPoolSize ?? share, updatesNeedLocks: true };
}

function isFerretDbBuild(info: Record<string, unknown>): boolean {
  return 'ferretdbVersion' in info;
}

/** Asks the server at `uri` what it is, on a short-lived connection of its own (before the service's pool is sized). */
export async function probeStoreKind(uri: string): Promise<StoreProfile['kind']> {
  const client = new mongo.MongoClient(uri, { serverSelectionTimeoutMS: 30_000, maxPoolSize: 1 });
  try {
    await client.connect();
    return isFerretDbBuild(await client.db().admin().command({ buildInfo: 1 })) ? 'ferretdb' : 'mongodb';
  } finally {
    await client.close();
  }
}

const profiles = new WeakMap<Connection, Promise<StoreProfile>>();

/** The profile of a connection's server: the one it was opened with, else asked once by `buildInfo`. */
export function storeProfile(connection: Connection): Promise<StoreProfile> {
  let profile = profiles.get(connection);
  if (!profile) {
    profile = connection
      .asPromise()
      .then((open) => (open.db as NonNullable<Connection['db']>).admin().command({ buildInfo: 1 }))
      .then((info) => storeProfileFor(isFerretDbBuild(info) ? 'ferretdb' : 'mongodb'));
    profiles.set(connection, profile);
  }
  return profile;
}

/** Records the profile a connection was opened with (so its pool sizing and its writes agree). */
export function useStoreProfile(connection: Connection, profile: StoreProfile): void {
  profiles.set(connection, Promise.resolve(profile));
}

export async function isFerretDb(connection: Connection): Promise<boolean> {
  return (await storeProfile(connection)).kind === 'ferretdb';
}
