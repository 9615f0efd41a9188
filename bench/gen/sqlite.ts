// Bulk writes straight into the SQLite file miniflare keeps for the local D1 (DIR/v3/d1/…): the fastest
// way to put a million rows where the Worker will read them, with no Worker in the way. Every insert is
// a multi-row statement of at most 100 bound parameters — D1's limit — so the same statements would
// also run through D1 itself (STYLE.md: "chunk multi-row inserts (rows × columns ≤ 100)").
import { DatabaseSync, type StatementSync } from 'node:sqlite';

export const D1_MAX_PARAMS = 100;
export type Value = string | number | null;

export type Sink = { push(row: Value[]): void; flush(): void };

export class BulkWriter {
  readonly db: DatabaseSync;
  #sinks: Sink[] = [];
  #sinceCommit = 0;
  rows = 0;

  constructor(file: string) {
    // Rows are buffered per table, so a child may be flushed before its parent: foreign keys are
    // checked once at the end instead (close()), which also proves the data set is consistent.
    this.db = new DatabaseSync(file, { enableForeignKeyConstraints: false });
    // No journal and no fsync while generating: a crash only loses a data set that is regenerated anyway.
    this.db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -524288; PRAGMA temp_store = MEMORY');
    this.db.exec('BEGIN');
  }

  /** A buffered multi-row INSERT into `table`: rows per statement = ⌊100 / columns⌋. */
  table(table: string, columns: string[], verb = 'INSERT'): Sink {
    const perStatement = Math.max(1, Math.floor(D1_MAX_PARAMS / columns.length));
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const statements = new Map<number, StatementSync>();
    const prepared = (n: number) => {
      let s = statements.get(n);
      if (!s) {
        s = this.db.prepare(`${verb} INTO ${table} (${columns.join(', ')}) VALUES ${Array(n).fill(tuple).join(', ')}`);
        statements.set(n, s);
      }
      return s;
    };
    let buffer: Value[] = [];
    let n = 0;
    const flush = () => {
      if (n === 0) return;
      prepared(n).run(...buffer);
      this.rows += n;
      buffer = [];
      n = 0;
      // Commit now and then so the page cache, not one huge transaction, bounds memory.
      if (++this.#sinceCommit >= 5000) {
        this.db.exec('COMMIT; BEGIN');
        this.#sinceCommit = 0;
      }
    };
    const sink: Sink = {
      push(row) {
        for (const v of row) buffer.push(v);
        if (++n === perStatement) flush();
      },
      flush,
    };
    this.#sinks.push(sink);
    return sink;
  }

  /** Writes every buffered row (e.g. before an INSERT … SELECT over them). */
  flushAll() {
    for (const s of this.#sinks) s.flush();
  }

  /** Flushes every table, commits, and leaves the file in WAL mode as workerd's D1 keeps it. */
  close() {
    for (const s of this.#sinks) s.flush();
    this.db.exec('COMMIT');
    const broken = this.db.prepare('PRAGMA foreign_key_check').all();
    if (broken.length) throw new Error(`generated rows break ${broken.length} foreign keys, e.g. ${JSON.stringify(broken[0])}`);
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.close();
  }
}

export const flag = (b: boolean) => (b ? 1 : 0);
