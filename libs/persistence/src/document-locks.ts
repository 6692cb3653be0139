import { randomUUID } from 'node:crypto';
import { Connection, MongooseQueryMiddleware, Query, Schema, Types } from 'mongoose';
import { isDuplicateKey } from './duplicate-key';
import { KeyedSerialiser } from './keyed-serialiser';
import { isFerretDb } from './store-profile';

/**
 * FerretDB 1.x runs an update as query-then-write outside a transaction (FerretDB issue #3040), so two concurrent
 * updates of one document lose one of them — e.g. the outbox relay clearing a document's outbox reverts a stage
 * change written a moment later, in this process or in another replica. On FerretDB, writes to one document are
 * therefore serialized: inside the process by a promise chain, across processes by a lock document in the store.
 * MongoDB updates a document atomically: there, every function below runs the work at once and takes no lock.
 */
const serialisersByConnection = new WeakMap<Connection, KeyedSerialiser>();

function lockInProcess(connection: Connection, key: string): Promise<() => void> {
  const serialiser = serialisersByConnection.get(connection) ?? new KeyedSerialiser();
  serialisersByConnection.set(connection, serialiser);
  return serialiser.hold(key);
}

export const DOCUMENT_LOCKS_COLLECTION = 'document_locks';
/** A lock whose holder died is taken over after this long; every holder finishes one write well within it. */
const STORE_LOCK_LEASE_MS = 15_000;
/** A writer that cannot get a lock within this long fails rather than waiting forever. */
const STORE_LOCK_WAIT_MS = 2 * STORE_LOCK_LEASE_MS;
/** Each connection (one per service process) is its own lock owner. */
const owners = new WeakMap<Connection, string>();

function ownerOf(connection: Connection): string {
  const owner = owners.get(connection) ?? randomUUID();
  owners.set(connection, owner);
  return owner;
}

interface StoreLock {
  _id: string;
  owner: string;
  expiresAt: Date;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function locksOf(connection: Connection) {
  return (connection.db as NonNullable<Connection['db']>).collection<StoreLock>(DOCUMENT_LOCKS_COLLECTION);
}

function lockDocument(owner: string, key: string): StoreLock {
  return { _id: key, owner, expiresAt: new Date(Date.now() + STORE_LOCK_LEASE_MS) };
}

/** Inserts lock documents in order until one is held by someone else; returns how many were inserted. */
async function insertUntilTaken(connection: Connection, keys: string[]): Promise<number> {
  if (keys.length === 0) return 0;
  try {
    await locksOf(connection).insertMany(keys.map((key) => lockDocument(ownerOf(connection), key)), { ordered: true });
    return keys.length;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const failure = error as { insertedCount?: number; result?: { insertedCount?: number } };
    return failure.insertedCount ?? failure.result?.insertedCount ?? 0;
  }
}

/** Removes the lock on `key` if its holder's lease has run out; returns whether it is free to take now. */
async function clearIfExpired(connection: Connection, key: string): Promise<boolean> {
  const held = await locksOf(connection).findOne({ _id: key });
  if (!held) return true;
  if (held.expiresAt.getTime() > Date.now()) return false;
  await locksOf(connection).deleteOne({ _id: key, owner: held.owner, expiresAt: held.expiresAt });
  return true;
}

/** Takes the store locks of `keys` in order; waits for each held one (taking it over once its lease ran out). */
async function takeStoreLocks(connection: Connection, keys: string[]): Promise<void> {
  const deadline = Date.now() + STORE_LOCK_WAIT_MS;
  let next = 0;
  let wait = 2;
  while (next < keys.length) {
    next += await insertUntilTaken(connection, keys.slice(next));
    if (next === keys.length) return;
    if (await clearIfExpired(connection, keys[next])) continue;
    if (Date.now() > deadline) {
      await releaseStoreLocks(connection, keys.slice(0, next));
      throw new Error(`document ${keys[next]} stayed locked for ${STORE_LOCK_WAIT_MS} ms`);
    }
    await pause(wait);
    wait = Math.min(wait * 2, 50);
  }
}

/** Takes whichever of the store locks of `keys` are free now (or expired); returns those it took. */
async function takeFreeStoreLocks(connection: Connection, keys: string[]): Promise<string[]> {
  const taken: string[] = [];
  let next = 0;
  while (next < keys.length) {
    const inserted = await insertUntilTaken(connection, keys.slice(next));
    taken.push(...keys.slice(next, next + inserted));
    next += inserted;
    if (next === keys.length) break;
    if (await clearIfExpired(connection, keys[next])) continue;
    next += 1;
  }
  return taken;
}

async function releaseStoreLocks(connection: Connection, keys: string[]): Promise<void> {
  if (keys.length === 1) await locksOf(connection).deleteOne({ _id: keys[0], owner: ownerOf(connection) });
  else if (keys.length > 1) await locksOf(connection).deleteMany({ _id: { $in: keys }, owner: ownerOf(connection) });
}

function keysOf(collection: string, ids: string[]): string[] {
  return [...new Set(ids)].sort().map((id) => `${collection}:${id}`);
}

async function lockInProcessAll(connection: Connection, keys: string[]): Promise<() => void> {
  const releases: (() => void)[] = [];
  for (const key of keys) releases.push(await lockInProcess(connection, key));
  return () => releases.forEach((release) => release());
}

/**
 * Runs `work` holding the locks of these documents of `collection`, taken in a fixed order so two holders never
 * deadlock. Everything that writes a document another writer may update at the same time goes through here or the
 * plugin below.
 */
export async function withDocumentLocks<T>(connection: Connection, collection: string, ids: string[], work: () => Promise<T>): Promise<T> {
  if (!(await isFerretDb(connection))) return work();
  const keys = keysOf(collection, ids);
  const releaseInProcess = await lockInProcessAll(connection, keys);
  try {
    await takeStoreLocks(connection, keys);
    try {
      return await work();
    } finally {
      await releaseStoreLocks(connection, keys);
    }
  } finally {
    releaseInProcess();
  }
}

/**
 * Runs `work` with those of these documents nobody else is writing right now; the others are left for later. For
 * background work (the outbox relay) that must not queue behind the services' writes.
 */
export async function withFreeDocumentLocks<T>(
  connection: Connection,
  collection: string,
  ids: string[],
  work: (lockedIds: string[]) => Promise<T>,
): Promise<T> {
  if (!(await isFerretDb(connection))) return work([...new Set(ids)]);
  const keys = keysOf(collection, ids);
  const releaseInProcess = await lockInProcessAll(connection, keys);
  try {
    const taken = await takeFreeStoreLocks(connection, keys);
    const prefix = `${collection}:`.length;
    try {
      return await work(taken.map((key) => key.slice(prefix)));
    } finally {
      await releaseStoreLocks(connection, taken);
    }
  } finally {
    releaseInProcess();
  }
}

const RELEASE = Symbol('releaseDocumentLock');
type LockedQuery = Query<unknown, unknown> & { [RELEASE]?: () => Promise<void> };
const SINGLE_DOCUMENT_UPDATES: MongooseQueryMiddleware[] = ['updateOne', 'findOneAndUpdate'];

async function releaseLock(query: LockedQuery): Promise<void> {
  const release = query[RELEASE];
  query[RELEASE] = undefined;
  await release?.();
}

/** On FerretDB, serializes single-document updates addressed by `_id` (the relay's and the services'), as `withDocumentLocks`. */
export function documentLocksPlugin(schema: Schema): void {
  schema.pre(SINGLE_DOCUMENT_UPDATES, async function () {
    const query = this as LockedQuery;
    const filterId = (query.getFilter() as { _id?: unknown })._id;
    const id = typeof filterId === 'string' ? filterId : filterId instanceof Types.ObjectId ? filterId.toHexString() : undefined;
    if (id === undefined) return;
    const connection = query.model.db;
    if (!(await isFerretDb(connection))) return;
    const keys = keysOf(query.model.collection.name, [id]);
    const releaseInProcess = await lockInProcessAll(connection, keys);
    try {
      await takeStoreLocks(connection, keys);
    } catch (error) {
      releaseInProcess();
      throw error;
    }
    // A query that never reports back (no post hook runs) frees the process's writers once the store lease is over.
    const timer = setTimeout(releaseInProcess, STORE_LOCK_LEASE_MS);
    timer.unref();
    query[RELEASE] = async () => {
      clearTimeout(timer);
      try {
        await releaseStoreLocks(connection, keys);
      } finally {
        releaseInProcess();
      }
    };
  });
  schema.post(SINGLE_DOCUMENT_UPDATES, async function () {
    await releaseLock(this as LockedQuery);
  });
  schema.post(SINGLE_DOCUMENT_UPDATES, function (error: Error, _result: unknown, next: (error?: Error) => void) {
    releaseLock(this as LockedQuery).then(
      () => next(error),
      () => next(error),
    );
  });
}
