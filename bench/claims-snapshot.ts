// Times the claims cross-check's snapshot (issue 20, worker/stats/claim-snapshot.ts) on a generated data
// set through Node's SQLite: for each round, the app's own INSERT … SELECT and mark (the daily run's batch
// for one round), then the breakdown's read of every round (claimChecksSql) before and after they are all
// taken. Everything runs inside one transaction that is rolled back, so the data set is left as it was.
// Each round's time includes no commit (D1 commits the batch; ≈ 200 rows here).
//   node --import ./bench/lib/register.ts bench/gen/generate.ts --dir bench/.data/stats-1000000 --answers 1000000
//   node --disable-warning=ExperimentalWarning --import ./bench/lib/register.ts bench/claims-snapshot.ts \
//     --dir bench/.data/stats-1000000 [--live]
// --live also times today's read of all rounds from the raw rows (the statement that took 234.8 s in D1).
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { claimChecksSql, claimRowsSql, MARK_CLAIMS_TAKEN } from '../worker/stats/claim-sql.ts';
import { toQuery } from '../worker/stats/sql-text.ts';
import { sqliteFile } from './gen/database.ts';

const { values: a } = parseArgs({
  options: { dir: { type: 'string', default: 'bench/.data/stats-1000000' }, live: { type: 'boolean', default: false } },
});
const db = new DatabaseSync(sqliteFile(a.dir));
const timed = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const out = f();
  return [out, performance.now() - t0];
};
const run = (q: { sql: string; params: unknown[] }) => db.prepare(q.sql).run(...(q.params as never[]));
const all = (q: { sql: string; params: unknown[] }) => db.prepare(q.sql).all(...(q.params as never[]));

const rounds = db
  .prepare(
    `SELECT c.id, (SELECT count(*) FROM responses r WHERE r.campaign_id = c.id) AS responses FROM campaigns c ORDER BY c.closes_at, c.id`,
  )
  .all() as { id: string; responses: number }[];
const ids = rounds.map((r) => r.id);
const [answers] = db.prepare('SELECT count(*) AS n FROM answers').all() as [{ n: number }];
console.log(`${a.dir}: ${rounds.length} rounds, ${answers.n} answers`);

db.exec('BEGIN');
try {
  // The generator takes every closed round's claims (bench/gen/claims.ts): start from before the daily run.
  db.exec('DELETE FROM claim_snapshots; DELETE FROM claims_taken');
  let live: unknown[] = [];
  if (a.live) {
    const [rows, ms] = timed(() => all(toQuery(claimChecksSql(ids)[1])));
    live = rows;
    console.log(
      `read of all rounds from the raw rows (today's claimChecks, nothing taken): ${(ms / 1000).toFixed(2)} s, ${rows.length} rows`,
    );
  }
  const steps: { id: string; responses: number; ms: number; rows: number }[] = [];
  for (const r of rounds) {
    const [written, ms] = timed(() => {
      const n = Number(run(toQuery(claimRowsSql(r.id))).changes);
      db.prepare(MARK_CLAIMS_TAKEN).run(r.id, Date.now());
      return n;
    });
    steps.push({ ...r, ms, rows: written });
  }
  for (const s of steps) console.log(`  ${s.id}  ${s.responses} responses  ${s.rows} officers  ${(s.ms / 1000).toFixed(3)} s`);
  const longest = steps.reduce((x, y) => (y.ms > x.ms ? y : x));
  const sorted = steps.map((s) => s.ms).sort((x, y) => x - y);
  const total = sorted.reduce((x, y) => x + y, 0);
  console.log(
    `one round's snapshot batch: longest ${(longest.ms / 1000).toFixed(2)} s (${longest.responses} responses), median ${(
      (sorted[Math.floor(sorted.length / 2)] ?? 0) / 1000
    ).toFixed(2)} s, all ${steps.length} rounds ${(total / 1000).toFixed(1)} s`,
  );
  const [[frozen, computed], ms] = timed(() => claimChecksSql(ids).map((q) => all(toQuery(q))));
  console.log(
    `read of all rounds once taken (claimChecks: frozen rows + live of none): ${ms.toFixed(1)} ms, ${frozen?.length} + ${computed?.length} rows`,
  );
  // The same rows in the same order, names and units included.
  if (a.live) console.log(`frozen rows = live rows: ${JSON.stringify(frozen) === JSON.stringify(live)}`);
} finally {
  db.exec('ROLLBACK');
  db.close();
}
