const DUPLICATE_KEY = 11000;
/** FerretDB 1.x answers an update that breaks a unique index with PostgreSQL's unique-violation text, not code 11000. */
const POSTGRES_UNIQUE_VIOLATION = /SQLSTATE 23505/;

/** Whether a write failed on a unique index, on MongoDB and on FerretDB alike. */
export function isDuplicateKey(error: unknown): boolean {
  const failure = error as { code?: number; message?: unknown };
  return failure.code === DUPLICATE_KEY || (typeof failure.message === 'string' && POSTGRES_UNIQUE_VIOLATION.test(failure.message));
}
