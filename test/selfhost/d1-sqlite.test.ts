// The D1 adapter (server/d1-sqlite.ts) against what the app relies on from D1: result shapes, raw rows
// with duplicate columns, first(column), batches all or nothing, errors in D1's shape.
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { d1OverSqlite } from '../../server/d1-sqlite.ts';
import { isUniqueViolation } from '../../worker/lib/db';
import { isStorageError } from '../../worker/lib/errors';

function fresh() {
  const sqlite = new DatabaseSync(':memory:');
  sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, n REAL, b BLOB)');
  sqlite.exec('CREATE TABLE child (id INTEGER PRIMARY KEY, t_id INTEGER NOT NULL REFERENCES t(id))');
  return { sqlite, d1: d1OverSqlite(sqlite) };
}

describe('statements', () => {
  it('answers run, all, first and raw in D1 shapes', async () => {
    const { d1 } = fresh();
    const ran = await d1
      .prepare('INSERT INTO t (name, n, b) VALUES (?1, ?2, ?3)')
      .bind('甲', 1.5, new Uint8Array([0, 255]))
      .run();
    expect(ran.success).toBe(true);
    expect(ran.meta).toMatchObject({ changes: 1, last_row_id: 1, changed_db: true, rows_written: 1 });
    expect(typeof ran.meta.duration).toBe('number');
    await d1.prepare('INSERT INTO t (name) VALUES (?)').bind('乙').run();
    const all = await d1.prepare('SELECT id, name, n, b FROM t ORDER BY id').all();
    expect(all.results).toEqual([
      { id: 1, name: '甲', n: 1.5, b: [0, 255] },
      { id: 2, name: '乙', n: null, b: null },
    ]);
    expect(all.meta).toMatchObject({ changes: 0, rows_read: 2 });
    expect(await d1.prepare('SELECT name FROM t WHERE id = ?').bind(2).first()).toEqual({ name: '乙' });
    expect(await d1.prepare('SELECT name FROM t WHERE id = ?').bind(2).first('name')).toBe('乙');
    expect(await d1.prepare('SELECT name FROM t WHERE id = 9').first()).toBeNull();
    await expect(d1.prepare('SELECT name FROM t').first('nope')).rejects.toThrow(/^D1_COLUMN_NOTFOUND/);
    // Joins read through raw() keep both same-named columns, as drizzle needs.
    expect(await d1.prepare('SELECT a.name, b.name FROM t a JOIN t b ON b.id = a.id + 1').raw({ columnNames: true })).toEqual([
      ['name', 'name'],
      ['甲', '乙'],
    ]);
    expect(await d1.prepare('SELECT id FROM t ORDER BY id').raw()).toEqual([[1], [2]]);
  });

  it('binds booleans as 1/0 and refuses undefined as D1 does', async () => {
    const { d1 } = fresh();
    expect(await d1.prepare('SELECT ?1 AS yes, ?2 AS no').bind(true, false).first()).toEqual({ yes: 1, no: 0 });
    expect(() => d1.prepare('SELECT ?').bind(undefined)).toThrow(/^D1_TYPE_ERROR/);
  });

  it('counts the rows an INSERT … RETURNING wrote', async () => {
    const { d1 } = fresh();
    const r = await d1.prepare("INSERT INTO t (name) VALUES ('x') RETURNING id").all();
    expect(r.results).toEqual([{ id: 1 }]);
    expect(r.meta.changes).toBe(1);
  });

  it('reports SQLite errors as D1 does, so the app sees a UNIQUE violation or a storage fault', async () => {
    const { d1 } = fresh();
    await d1.prepare("INSERT INTO t (name) VALUES ('x')").run();
    const unique = await d1
      .prepare("INSERT INTO t (name) VALUES ('x')")
      .run()
      .catch((e: Error) => e);
    expect((unique as Error).message).toBe('D1_ERROR: UNIQUE constraint failed: t.name: SQLITE_CONSTRAINT');
    expect(isUniqueViolation(unique)).toBe(true);
    const missing = await d1
      .prepare('SELECT * FROM nowhere')
      .all()
      .catch((e: Error) => e);
    expect(isStorageError(missing)).toBe(true);
    expect(isUniqueViolation(missing)).toBe(false);
  });

  it('enforces foreign keys, as D1 does', async () => {
    const { d1 } = fresh();
    await expect(d1.prepare('INSERT INTO child (t_id) VALUES (7)').run()).rejects.toThrow(
      /FOREIGN KEY constraint failed: SQLITE_CONSTRAINT/,
    );
  });
});

describe('batch', () => {
  it('commits every statement together and answers one result each', async () => {
    const { d1 } = fresh();
    const [a, b, c] = await d1.batch([
      d1.prepare("INSERT INTO t (name) VALUES ('a')"),
      d1.prepare("INSERT INTO t (name) VALUES ('b')"),
      d1.prepare('SELECT count(*) AS n FROM t'),
    ]);
    expect(a?.meta.last_row_id).toBe(1);
    expect(b?.meta.last_row_id).toBe(2);
    expect(c?.results).toEqual([{ n: 2 }]);
  });

  it('stores nothing when a later statement fails, and the next batch still runs', async () => {
    const { d1, sqlite } = fresh();
    await expect(
      d1.batch([
        d1.prepare("INSERT INTO t (name) VALUES ('a')"),
        d1.prepare("INSERT INTO t (name) VALUES ('b')"),
        d1.prepare("INSERT INTO t (name) VALUES ('a')"),
      ]),
    ).rejects.toThrow(/^D1_ERROR: UNIQUE constraint failed/);
    expect(sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    expect(sqlite.isTransaction).toBe(false);
    await d1.batch([d1.prepare("INSERT INTO t (name) VALUES ('a')")]);
    expect(sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
  });
});

describe('exec', () => {
  it('runs one statement a line and names the failing line', async () => {
    const { d1, sqlite } = fresh();
    expect((await d1.exec("INSERT INTO t (name) VALUES ('a')\nINSERT INTO t (name) VALUES ('b')")).count).toBe(2);
    expect(sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    await expect(d1.exec("INSERT INTO t (name) VALUES ('c')\nINSERT INTO nowhere VALUES (1)")).rejects.toThrow(
      /^D1_EXEC_ERROR: Error in line 2: INSERT INTO nowhere VALUES \(1\): no such table: nowhere/,
    );
  });
});
