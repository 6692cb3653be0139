import { AnyBulkWriteOperation, Model, Types } from 'mongoose';
import { withDocumentLocks } from './document-locks';
import { driverWriteErrors } from './driver-write-errors';
import { onlyDuplicateKeys } from './duplicate-key';
import { storeProfile } from './store-profile';

export interface BulkWriteCounts {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  deletedCount: number;
  upsertedCount: number;
}

export interface IndexedWriteError {
  /** Position of the failed operation in the caller's list. */
  index: number;
  code: number;
  errmsg: string;
}

/** Thrown when operations failed: their positions are those of the caller's list, and the counts cover every command sent. */
export class BulkWriteFailure extends Error {
  readonly code: number;

  constructor(
    readonly writeErrors: IndexedWriteError[],
    readonly result: BulkWriteCounts,
  ) {
    super(`${writeErrors.length} write operations failed; first: ${writeErrors[0]?.errmsg}`);
    this.name = 'BulkWriteFailure';
    this.code = writeErrors[0]?.code ?? 0;
  }
}

/** Commands in flight for an unordered bulk write when the driver's pool is its own default (MongoDB). */
const UNORDERED_COMMANDS_IN_FLIGHT = 16;

/**
 * Inserts documents in one unordered command, as `create` would each (casting, defaults, timestamps), and tells which
 * were there already (a duplicate key): the others are in. An invalid document is refused before anything is written;
 * any other failure is thrown.
 */
export async function insertNew<T, D extends object>(model: Model<T>, documents: D[]): Promise<{ inserted: D[]; duplicates: D[] }> {
  if (documents.length === 0) return { inserted: [], duplicates: [] };
  const hydrated = documents.map((document) => new model(document));
  for (const document of hydrated) {
    const invalid = document.validateSync();
    if (invalid) throw invalid;
  }
  try {
    await model.insertMany(hydrated, { ordered: false });
    return { inserted: documents, duplicates: [] };
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
    const failed = new Set(driverWriteErrors(error)?.map((writeError) => writeError.err?.index ?? writeError.index ?? -1));
    return { inserted: documents.filter((_, index) => !failed.has(index)), duplicates: documents.filter((_, index) => failed.has(index)) };
  }
}

function isUpdate(operation: object): boolean {
  return 'updateOne' in operation || 'updateMany' in operation || 'replaceOne' in operation;
}

/** Splits operations, in order, into commands holding at most `updatesPerCommand` update statements each. */
export function commandsOf<T>(operations: T[], updatesPerCommand: number, countsAsUpdate: (operation: T) => boolean): T[][] {
  const commands: T[][] = [];
  let current: T[] = [];
  let updates = 0;
  for (const operation of operations) {
    if (countsAsUpdate(operation)) {
      if (updates === updatesPerCommand) {
        commands.push(current);
        current = [];
        updates = 0;
      }
      updates += 1;
    }
    current.push(operation);
  }
  if (current.length > 0) commands.push(current);
  return commands;
}

function add(total: BulkWriteCounts, part: Partial<BulkWriteCounts> | undefined): void {
  total.insertedCount += part?.insertedCount ?? 0;
  total.matchedCount += part?.matchedCount ?? 0;
  total.modifiedCount += part?.modifiedCount ?? 0;
  total.deletedCount += part?.deletedCount ?? 0;
  total.upsertedCount += part?.upsertedCount ?? 0;
}

/** The `_id`s named by the single-document updates of a bulk write (what another writer may be updating as well). */
export function singleDocumentIds(operations: object[]): string[] {
  const ids: string[] = [];
  for (const operation of operations) {
    const { updateOne, replaceOne } = operation as Partial<Record<'updateOne' | 'replaceOne', { filter?: { _id?: unknown } }>>;
    const id = (updateOne ?? replaceOne)?.filter?._id;
    if (typeof id === 'string') ids.push(id);
    else if (id instanceof Types.ObjectId) ids.push(id.toHexString());
  }
  return ids;
}

export interface BulkWriteOptions {
  ordered: boolean;
  /**
   * The caller is the only writer of these documents (it holds a store lock over all of them, as scoring's standings
   * hold does), so the per-document locks FerretDB's updates otherwise need would only cost two commands more.
   */
  writersSerialised?: boolean;
}

/**
 * `Model.bulkWrite` that any store can take: on FerretDB the operations go as several commands, in order, each with
 * no more update statements than its connection pool allows (see `StoreProfile`), holding the document locks of the
 * documents it updates by `_id` (a bulk write runs no query middleware, so `documentLocksPlugin` cannot). Unordered
 * writes carry on past failed operations and report them all at the end; ordered writes stop at the first failure.
 */
export async function bulkWriteSafely<T>(model: Model<T>, operations: AnyBulkWriteOperation<T>[], options: BulkWriteOptions): Promise<BulkWriteCounts> {
  if (operations.length === 0) return { insertedCount: 0, matchedCount: 0, modifiedCount: 0, deletedCount: 0, upsertedCount: 0 };
  const { updatesPerCommand, updatesNeedLocks, maxPoolSize } = await storeProfile(model.db);
  const commands = Number.isFinite(updatesPerCommand) ? commandsOf(operations, updatesPerCommand, isUpdate) : [operations];
  const lockedIds = updatesNeedLocks && !options.writersSerialised ? singleDocumentIds(operations) : [];
  // Unordered commands go side by side, as many as the driver's pool has connections (the store profile's budget).
  const inFlight = options.ordered ? 1 : (maxPoolSize ?? UNORDERED_COMMANDS_IN_FLIGHT);
  const send = () => sendCommands(model, commands, options, inFlight);
  return lockedIds.length > 0 ? withDocumentLocks(model.db, model.collection.name, lockedIds, send) : send();
}

async function sendCommands<T>(model: Model<T>, commands: AnyBulkWriteOperation<T>[][], options: BulkWriteOptions, inFlight: number): Promise<BulkWriteCounts> {
  const total: BulkWriteCounts = { insertedCount: 0, matchedCount: 0, modifiedCount: 0, deletedCount: 0, upsertedCount: 0 };
  const failures: IndexedWriteError[] = [];
  const offsets: number[] = [];
  for (let index = 0, offset = 0; index < commands.length; offset += commands[index].length, index += 1) offsets.push(offset);
  let next = 0;
  let stopped = false;
  const sendNext = async (): Promise<void> => {
    while (!stopped && next < commands.length) {
      const index = next++;
      try {
        add(total, await model.bulkWrite(commands[index] as Parameters<Model<T>['bulkWrite']>[0], { ordered: options.ordered }));
      } catch (error) {
        const writeErrors = driverWriteErrors(error);
        if (!writeErrors) {
          stopped = true;
          throw error;
        }
        add(total, (error as { result?: Partial<BulkWriteCounts> }).result);
        for (const writeError of writeErrors) {
          failures.push({
            index: offsets[index] + (writeError.err?.index ?? writeError.index ?? 0),
            code: writeError.err?.code ?? writeError.code ?? 0,
            errmsg: writeError.err?.errmsg ?? writeError.errmsg ?? String(error),
          });
        }
        if (options.ordered) stopped = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, commands.length) }, sendNext));
  failures.sort((a, b) => a.index - b.index);
  if (failures.length > 0) throw new BulkWriteFailure(failures, total);
  return total;
}
