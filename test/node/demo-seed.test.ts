// The demo year (issue 19): `npm run dev`'s seed (scripts/seed.ts, scripts/seed-year.ts) on a fresh,
// migrated local D1 writes a small programme's year — every state of the ledger, memos in every month, two
// closed rounds with answers, the demo logins and the leader — with rollups equal to a full recompute;
// run twice, it leaves every table exactly as it was.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteFile } from '../../bench/gen/database.ts';
import { demoChains, demoRound } from '../../schema/seed/demo.ts';
import { recomputeStatements } from '../../worker/stats/recompute.ts';

const dir = mkdtempSync(join(tmpdir(), 'bangfu-demo-'));
const wrangler = (args: string[]) =>
  execFileSync(process.execPath, ['node_modules/wrangler/bin/wrangler.js', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
const seed = () => execFileSync(process.execPath, ['--no-warnings', 'scripts/seed.ts', '--persist-to', dir], { encoding: 'utf8' });
const open = () => new DatabaseSync(sqliteFile(dir));

/** Every table's rows, in a stable order, so two states compare row for row. */
function snapshot(db: DatabaseSync): Record<string, unknown[]> {
  const tables = db
    .prepare(
      // figure_version counts writes, not content (worker/stats/figure-sources.ts): a re-run writes rows as they were.
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT IN ('d1_migrations', 'figure_version')",
    )
    .all() as { name: string }[];
  const rows = (name: string) => {
    const columns = db.prepare(`PRAGMA table_info("${name}")`).all().length;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    return db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).all();
  };
  return Object.fromEntries(tables.map(({ name }) => [name, rows(name)]));
}

const ROLLUPS = [
  'option_counts',
  'campaign_counters',
  'group_counts',
  'problem_counts',
  'activity_pair_months',
  'activity_counts',
  'activity_reach',
];
let first: Record<string, unknown[]>;
let firstRun = '';

beforeAll(() => {
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir]);
  firstRun = seed();
  const db = open();
  first = snapshot(db);
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo year', () => {
  it('holds a small programme with a year of activity', () => {
    expect(firstRun).toMatch(/the demo year written: 300 memos, 223 problems, 2 closed rounds with 50 responses/);
    const db = open();
    const one = (sql: string) => db.prepare(sql).all();
    expect(one('SELECT count(*) AS n FROM enterprises')).toEqual([{ n: 30 }]);
    expect(one("SELECT count(*) AS n FROM users WHERE role = 'officer'")).toEqual([{ n: 6 }]);
    expect(one("SELECT login, scope_chain_id, scope_region FROM users WHERE role = 'leader' ORDER BY login")).toEqual([
      { login: 'leader', scope_chain_id: null, scope_region: null },
      { login: 'leader.device', scope_chain_id: demoChains[1]?.id, scope_region: null },
    ]);
    // Every state of the ledger, late (逾期: open past the deadline in force) and extended (延期) ones among them.
    const states = one('SELECT DISTINCT status FROM problems ORDER BY status').map((r) => (r as { status: string }).status);
    expect(states).toEqual(['closed', 'dispatched', 'in_progress', 'pending', 'struck_off', 'unresolvable', 'unresolved']);
    const [late] = one(
      "SELECT count(*) AS n FROM problems WHERE status IN ('dispatched', 'in_progress') AND coalesce(extended_deadline, deadline) < '2026-11-30'",
    ) as { n: number }[];
    expect(late?.n).toBeGreaterThan(0);
    expect((one('SELECT count(*) AS n FROM problems WHERE extended_deadline IS NOT NULL')[0] as { n: number }).n).toBeGreaterThan(0);
    const months = one("SELECT DISTINCT substr(visit_date, 1, 7) AS m FROM memos WHERE visit_date < '2026-12-01' ORDER BY m");
    expect(months).toHaveLength(11);
    // Two closed rounds with answers besides the demo's open one.
    const closed = one(
      `SELECT c.id, cc.submitted FROM campaigns c JOIN campaign_counters cc ON cc.campaign_id = c.id WHERE c.closes_at < ${Date.now()} ORDER BY c.opens_at`,
    ) as { submitted: number }[];
    expect(closed.map((c) => c.submitted > 5)).toEqual([true, true]);
    db.close();
  });

  it('leaves the rollups as a full recompute writes them', () => {
    const db = open();
    db.exec('BEGIN');
    for (const s of recomputeStatements(false)) db.exec(s);
    const again = snapshot(db);
    db.exec('ROLLBACK');
    db.close();
    for (const t of ROLLUPS) expect(again[t], t).toEqual(first[t]);
    expect((first.problem_counts ?? []).length).toBeGreaterThan(100);
  });

  it('changes nothing when run again', () => {
    expect(seed()).toMatch(/the demo year was already there/);
    const db = open();
    const second = snapshot(db);
    db.close();
    expect(Object.keys(second).length).toBeGreaterThan(30);
    // The demo's open round is kept open for 60 days after the latest seeding (scripts/seed.ts), on purpose.
    const sansOpenRound = (rows: unknown[] = []) =>
      rows.map((r) => {
        const { closes_at, ...rest } = r as { id: string; closes_at: number };
        return rest.id === demoRound.id ? rest : { ...rest, closes_at };
      });
    for (const t of Object.keys(first))
      expect(t === 'campaigns' ? sansOpenRound(second[t]) : second[t], t).toEqual(t === 'campaigns' ? sansOpenRound(first[t]) : first[t]);
  });
});
