import { driverWriteErrors } from './driver-write-errors';

const DUPLICATE_KEY = 11000;
/** FerretDB 1.x answers an update that breaks a unique index with PostgreSQL's unique-violation text, not code 11000. */
const POSTGRES_UNIQUE_VIOLATION = /SQLSTATE 23505/;

/** Whether a write failed on a unique index, on MongoDB and on FerretDB alike. */
export function isDuplicateKey(error: unknown): boolean {
  const failure = error as { code?: number; message?: unknown };
  return failure.code === DUPLICATE_KEY || (typeof failure.message === 'string' && POSTGRES_UNIQUE_VIOLATION.test(failure.message));
}

/** Whether a bulk write failed only because some documents were there already (inserted by another writer). */
export function onlyDuplicateKeys(error: unknown): boolean {
  return duplicateKeyCount(error) !== null;
}

/** How many documents of a bulk write were there already, when that is all that failed; null for any other failure. */
export function duplicateKeyCount(error: unknown): number | null {
  const writeErrors = driverWriteErrors(error);
  if (writeErrors === undefined || writeErrors.length === 0) return null;
  return writeErrors.every((e) => (e.err?.code ?? e.code) === DUPLICATE_KEY) ? writeErrors.length : null;
}
