import { AnyBulkWriteOperation, Connection, Model } from 'mongoose';

/**
 * FerretDB 1.x keeps every matched statement's query open on its own SQLite connection until the whole `update`
 * command returns, and its pool has 100 connections per database: one command with 100 matching update statements
 * (or a few concurrent ones) waits forever for a connection and the database stops answering. Keeping each command
 * to a few update statements, with the driver's pool bounded (MONGO_MAX_POOL_SIZE), keeps the total far below that.
 */
export const FERRETDB_UPDATES_PER_COMMAND = 4;

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

const DUPLICATE_KEY = 11000;

/** Whether a bulk write failed only because some documents were there already (inserted by another writer). */
export function onlyDuplicateKeys(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: { code?: number }[] }).writeErrors;
  return Array.isArray(writeErrors) && writeErrors.length > 0 && writeErrors.every((e) => e.code === DUPLICATE_KEY);
}

const storeIsFerretDb = new WeakMap<Connection, Promise<boolean>>();

/** Whether the connection's server is FerretDB (its buildInfo names its own version); asked once per connection. */
export function isFerretDb(connection: Connection): Promise<boolean> {
  let answer = storeIsFerretDb.get(connection);
  if (!answer) {
    answer = connection
      .asPromise()
      .then((open) => (open.db as NonNullable<Connection['db']>).admin().command({ buildInfo: 1 }))
      .then((info) => 'ferretdbVersion' in info);
    storeIsFerretDb.set(connection, answer);
  }
  return answer;
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

interface DriverWriteError {
  index?: number;
  code?: number;
  errmsg?: string;
  err?: { index?: number; code?: number; errmsg?: string };
}

function driverWriteErrors(error: unknown): DriverWriteError[] | undefined {
  const errors = (error as { writeErrors?: unknown }).writeErrors;
  if (!errors) return undefined;
  return (Array.isArray(errors) ? errors : [errors]) as DriverWriteError[];
}

function add(total: BulkWriteCounts, part: Partial<BulkWriteCounts> | undefined): void {
  total.insertedCount += part?.insertedCount ?? 0;
  total.matchedCount += part?.matchedCount ?? 0;
  total.modifiedCount += part?.modifiedCount ?? 0;
  total.deletedCount += part?.deletedCount ?? 0;
  total.upsertedCount += part?.upsertedCount ?? 0;
}

/**
 * `Model.bulkWrite` that any store can take: on FerretDB the operations go as several commands, in order. Unordered
 * writes carry on past failed operations and report them all at the end; ordered writes stop at the first failure.
 */
export async function bulkWriteSafely<T>(model: Model<T>, operations: AnyBulkWriteOperation<T>[], options: { ordered: boolean }): Promise<BulkWriteCounts> {
  const total: BulkWriteCounts = { insertedCount: 0, matchedCount: 0, modifiedCount: 0, deletedCount: 0, upsertedCount: 0 };
  if (operations.length === 0) return total;
  const commands = (await isFerretDb(model.db)) ? commandsOf(operations, FERRETDB_UPDATES_PER_COMMAND, isUpdate) : [operations];
  const failures: IndexedWriteError[] = [];
  let offset = 0;
  for (const command of commands) {
    try {
      add(total, await model.bulkWrite(command as Parameters<Model<T>['bulkWrite']>[0], options));
    } catch (error) {
      const writeErrors = driverWriteErrors(error);
      if (!writeErrors) throw error;
      add(total, (error as { result?: Partial<BulkWriteCounts> }).result);
      for (const writeError of writeErrors) {
        failures.push({
          index: offset + (writeError.err?.index ?? writeError.index ?? 0),
          code: writeError.err?.code ?? writeError.code ?? 0,
          errmsg: writeError.err?.errmsg ?? writeError.errmsg ?? String(error),
        });
      }
      if (options.ordered) break;
    }
    offset += command.length;
  }
  if (failures.length > 0) throw new BulkWriteFailure(failures, total);
  return total;
}
