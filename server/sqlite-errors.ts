// node:sqlite reports "UNIQUE constraint failed: users.login" with errcode 2067; D1 reports the same
// failure as "D1_ERROR: UNIQUE constraint failed: users.login: SQLITE_CONSTRAINT". The app recognises
// storage faults (worker/lib/errors.ts, → 503) and UNIQUE violations (worker/lib/db.ts) by that text,
// so the adapter rewrites every SQLite error into D1's shape, the original kept as `cause`.

/** SQLite's primary result codes (https://www.sqlite.org/rescode.html), the low byte of an extended code. */
const PRIMARY: Record<number, string> = {
  1: 'ERROR',
  2: 'INTERNAL',
  3: 'PERM',
  4: 'ABORT',
  5: 'BUSY',
  6: 'LOCKED',
  7: 'NOMEM',
  8: 'READONLY',
  9: 'INTERRUPT',
  10: 'IOERR',
  11: 'CORRUPT',
  13: 'FULL',
  14: 'CANTOPEN',
  17: 'SCHEMA',
  18: 'TOOBIG',
  19: 'CONSTRAINT',
  20: 'MISMATCH',
  21: 'MISUSE',
  25: 'RANGE',
  26: 'NOTADB',
};

type NodeSqliteError = Error & { code?: string; errcode?: number; errstr?: string };

export function sqliteFailure(err: unknown): Error {
  if (!(err instanceof Error)) return new Error(`D1_ERROR: ${String(err)}`);
  if (/^D1_[A-Z_]+:/.test(err.message)) return err;
  const { errcode } = err as NodeSqliteError;
  const code = typeof errcode === 'number' ? `: SQLITE_${PRIMARY[errcode & 0xff] ?? errcode}` : '';
  return new Error(`D1_ERROR: ${err.message}${code}`, { cause: err });
}
