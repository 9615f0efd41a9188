// The D1 binding on one server (issue 23): the part of the D1 Worker API the app uses — prepare, bind,
// first, all, run, raw, batch, exec — over a SQLite file through Node's own node:sqlite, so drizzle's
// D1 driver (drizzle-orm/d1) and every raw statement run unchanged. It follows workerd's binding
// (src/cloudflare/internal/d1-api.ts): the same bind rules, result shapes and "D1_ERROR: …" messages,
// so worker/lib/errors.ts's isStorageError and worker/lib/db.ts's isUniqueViolation read them as on D1.
// node:sqlite is synchronous: each call runs to its end before any other request's code, so a batch
// is one transaction no other statement of this process can enter.
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { sqliteFailure } from './sqlite-errors.ts';

type Row = Record<string, unknown>;
type Outcome = { columns: string[]; rows: unknown[][]; changes: number; lastRowId: number; duration: number };

/** What D1 accepts as a bound value (workerd's bind): numbers, strings, null, bytes; booleans as 1/0. */
function bindable(value: unknown): SQLInputValue {
  if (value === null || typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value) && value.every((b) => typeof b === 'number' && b >= 0 && b < 256)) return Uint8Array.from(value);
  throw new Error(`D1_TYPE_ERROR: Type '${typeof value}' not supported for value '${String(value)}'`, {
    cause: new Error(`Type '${typeof value}' not supported for value '${String(value)}'`),
  });
}

/** D1 hands blobs back as arrays of byte values, not typed arrays. */
const cell = (v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v);

const meta = (o: Outcome) => ({
  duration: o.duration,
  changes: o.changes,
  last_row_id: o.lastRowId,
  changed_db: o.changes > 0,
  // node:sqlite does not count pages read; rows returned and rows changed are the nearest figures.
  rows_read: o.rows.length,
  rows_written: o.changes,
  size_after: 0,
});

const objects = (o: Outcome): Row[] => o.rows.map((r) => Object.fromEntries(o.columns.map((c, i) => [c, r[i]])));

export class SqliteD1Statement {
  private readonly d1: SqliteD1;
  readonly sql: string;
  readonly params: SQLInputValue[];

  constructor(d1: SqliteD1, sql: string, params: SQLInputValue[] = []) {
    this.d1 = d1;
    this.sql = sql;
    this.params = params;
  }

  bind(...values: unknown[]): SqliteD1Statement {
    return new SqliteD1Statement(this.d1, this.sql, values.map(bindable));
  }

  /** Runs now, synchronously; the async methods below only wrap it, as D1 answers with promises. */
  execute(): Outcome {
    return this.d1.guard(() => this.d1.step(this.sql, this.params));
  }

  async first<T = unknown>(column?: string): Promise<T | null> {
    const row = objects(this.execute())[0];
    if (!row) return null;
    if (column === undefined) return row as T;
    if (row[column] === undefined)
      throw new Error(`D1_COLUMN_NOTFOUND: Column not found (${column})`, { cause: new Error('Column not found') });
    return row[column] as T;
  }

  async all<T = Row>(): Promise<D1Result<T>> {
    const o = this.execute();
    return { success: true, meta: meta(o), results: objects(o) as T[] };
  }

  async run<T = Row>(): Promise<D1Result<T>> {
    return this.all<T>();
  }

  // Arrays keep every column, duplicates included (drizzle reads joins this way).
  async raw<T = unknown[]>(options?: { columnNames?: boolean }): Promise<T[]> {
    const o = this.execute();
    return [...(options?.columnNames ? [o.columns] : []), ...o.rows] as T[];
  }
}

export class SqliteD1 {
  private readonly cache = new Map<string, StatementSync>();
  readonly sqlite: DatabaseSync;

  constructor(sqlite: DatabaseSync) {
    this.sqlite = sqlite;
  }

  prepare(sql: string): SqliteD1Statement {
    return new SqliteD1Statement(this, sql);
  }

  /** One transaction, all or nothing, as D1 runs a batch: the first failure rolls every statement back. */
  async batch<T = unknown>(statements: SqliteD1Statement[]): Promise<D1Result<T>[]> {
    return this.guard(() => {
      this.sqlite.exec('BEGIN IMMEDIATE');
      try {
        const outcomes = statements.map((s) => this.step(s.sql, s.params));
        this.sqlite.exec('COMMIT');
        return outcomes.map((o) => ({ success: true as const, meta: meta(o), results: objects(o) as T[] }));
      } catch (err) {
        if (this.sqlite.isTransaction) this.sqlite.exec('ROLLBACK');
        throw err;
      }
    });
  }

  /** D1's exec: one statement a line, no parameters. */
  async exec(query: string): Promise<D1ExecResult> {
    const started = performance.now();
    const lines = query
      .trim()
      .split('\n')
      .filter((l) => l.trim() !== '');
    lines.forEach((line, i) => {
      try {
        this.sqlite.exec(line);
      } catch (err) {
        const why = sqliteFailure(err).message.replace(/^D1_ERROR: /, '');
        throw new Error(`D1_EXEC_ERROR: Error in line ${i + 1}: ${line}: ${why}`, { cause: new Error(why) });
      }
    });
    return { count: lines.length, duration: performance.now() - started };
  }

  withSession(): this {
    return this;
  }

  async dump(): Promise<ArrayBuffer> {
    throw new Error('D1_DUMP_ERROR: not supported on a SQLite file; use the backups (README § Self-hosting)');
  }

  /** Runs `fn`, turning node:sqlite's errors into D1's message shape. */
  guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw sqliteFailure(err);
    }
  }

  step(sql: string, params: SQLInputValue[]): Outcome {
    const started = performance.now();
    const statement = this.statement(sql);
    const columns = statement.columns().map((c) => c.name);
    if (columns.length === 0) {
      const { changes, lastInsertRowid } = statement.run(...params);
      return { columns, rows: [], changes: Number(changes), lastRowId: Number(lastInsertRowid), duration: performance.now() - started };
    }
    const rows = (statement.all(...params) as unknown as unknown[][]).map((r) => r.map(cell));
    // A statement with RETURNING both writes and answers rows: changes() tells which.
    const [changes, last] = this.statement('SELECT changes(), last_insert_rowid()').get() as unknown as [number, number];
    const wrote = /^\s*(INSERT|UPDATE|DELETE|REPLACE|WITH)\b/i.test(sql);
    return { columns, rows, changes: wrote ? changes : 0, lastRowId: last, duration: performance.now() - started };
  }

  private statement(sql: string): StatementSync {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare(sql);
      statement.setReturnArrays(true);
      if (this.cache.size >= 500) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(sql, statement);
    }
    return statement;
  }
}

/** The adapter typed as the binding the Worker code expects. */
export const d1OverSqlite = (sqlite: DatabaseSync): D1Database => new SqliteD1(sqlite) as unknown as D1Database;
