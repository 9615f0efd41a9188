// Rows written straight into the SQLite file with the rollup triggers off, then every rollup the
// triggers and the submission batch keep rebuilt by the recompute's own SQL over those rows: through the
// triggers, 100 k problems would be ≈ 10 M upserts. The bench's generator (generate.ts) and `npm run
// dev`'s demo year (scripts/seed-year.ts) both write this way. option_counts and campaign_counters are
// written by the generator from the very rows, as the submission does; group_counts by the recompute's
// SQL (test/integration/stats.test.ts proves it equal to what the submission batch writes).
import { activityRecomputeStatements } from '../../worker/stats/activity-rollup.ts';
import { groupRecomputeStatements } from '../../worker/stats/group-rollup.ts';
import { problemRecomputeStatements } from '../../worker/stats/problem-rollup.ts';
import type { BulkWriter } from './sqlite.ts';

/** Runs `write` with the triggers dropped, flushes, rebuilds the rollups and puts the triggers back. */
export function writeUntriggered<T>(w: BulkWriter, write: () => T): T {
  const triggers = w.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
  for (const t of triggers) w.db.exec(`DROP TRIGGER ${t.name}`);
  const written = write();
  w.flushAll();
  for (const statement of [...groupRecomputeStatements(false), ...problemRecomputeStatements(), ...activityRecomputeStatements()]) {
    w.db.exec(statement);
  }
  for (const t of triggers) w.db.exec(t.sql);
  return written;
}
