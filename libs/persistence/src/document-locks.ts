import { MongooseQueryMiddleware, Query, Schema } from 'mongoose';

/**
 * FerretDB 1.x runs an update as query-then-write outside a transaction (FerretDB issue #3040), so two concurrent
 * updates of one document lose one of them — e.g. the outbox relay clearing a document's outbox reverts a stage
 * change written a moment later. Writes to one document are therefore serialized inside this process; MongoDB
 * does not need it, and with several replicas on FerretDB the race remains.
 */
const chains = new Map<string, Promise<void>>();

function lockOne(key: string): Promise<() => void> {
  const previous = chains.get(key) ?? Promise.resolve();
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => held);
  chains.set(key, tail);
  return previous.then(() => () => {
    release();
    if (chains.get(key) === tail) chains.delete(key);
  });
}

/** Runs `work` holding the locks of these documents (taken in a fixed order, so two holders never deadlock). */
export async function withDocumentLocks<T>(collection: string, ids: string[], work: () => Promise<T>): Promise<T> {
  const releases: (() => void)[] = [];
  try {
    for (const id of [...new Set(ids)].sort()) releases.push(await lockOne(`${collection}:${id}`));
    return await work();
  } finally {
    releases.forEach((release) => release());
  }
}

const RELEASE = Symbol('releaseDocumentLock');
/** A hook-held lock whose query never reported back (no post hook ran) is released after this long. */
const HOOK_LOCK_LIMIT_MS = 5_000;
type LockedQuery = Query<unknown, unknown> & { [RELEASE]?: () => void };
const SINGLE_DOCUMENT_UPDATES: MongooseQueryMiddleware[] = ['updateOne', 'findOneAndUpdate'];

function releaseLock(query: LockedQuery): void {
  query[RELEASE]?.();
  query[RELEASE] = undefined;
}

/** Serializes single-document updates addressed by `_id` (the relay's and the services') within the process. */
export function documentLocksPlugin(schema: Schema): void {
  schema.pre(SINGLE_DOCUMENT_UPDATES, async function () {
    const query = this as LockedQuery;
    const id = (query.getFilter() as { _id?: unknown })._id;
    if (typeof id !== 'string') return;
    const release = await lockOne(`${query.model.collection.name}:${id}`);
    let released = false;
    const releaseOnce = () => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      release();
    };
    const timer = setTimeout(releaseOnce, HOOK_LOCK_LIMIT_MS);
    timer.unref();
    query[RELEASE] = releaseOnce;
  });
  schema.post(SINGLE_DOCUMENT_UPDATES, function () {
    releaseLock(this as LockedQuery);
  });
  schema.post(SINGLE_DOCUMENT_UPDATES, function (error: Error, _result: unknown, next: (error?: Error) => void) {
    releaseLock(this as LockedQuery);
    next(error);
  });
}
