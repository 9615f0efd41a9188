// Which writes move a figure (issue 20): every table of the database, in one of three lists. A write to a
// table of FIGURE_SOURCES raises figure_version by a trigger generated here, so figures kept ready
// (figure-cache.ts) are never read back after something they were computed from changed. The test
// test/integration/figure-cache.test.ts fails when a table is in none of the lists, so a new table needs
// a decision here. Node runs this file (scripts/rollup-migration.ts): imports with '.ts'.
import { type Trigger, trigger } from './rollup-sql.ts';

/** Read by some figure, directly or through what it decides (a due date, a pairing, a round's form). */
export const FIGURE_SOURCES = [
  'programmes',
  'units',
  'users',
  'chains',
  'enterprises',
  'assignments',
  'memos',
  'problems',
  'problem_events',
  'category_deadlines',
  'calendar_days',
  'settings',
  'forms',
  'form_versions',
  'campaigns',
  'invitations',
  'responses',
  'answers',
  // The marks written last in the batches of the jobs that rewrite kept rollups (the officers' frozen
  // figures, the frozen claims, each step of the full recompute): one raise per batch, not one per row.
  'round_snapshots',
  'claims_taken',
  'recompute_steps',
] as const;

/**
 * Rollups and frozen rows: written only in the same batch as a write to a source above, or by a job whose
 * batch also writes one of the marks above (a single round's recompute raises the version itself:
 * recompute-job.ts). Triggers here would fire once per rollup row of every submission for nothing.
 */
export const KEPT_WITH_SOURCES = [
  'option_counts',
  'campaign_counters',
  'group_counts',
  'problem_counts',
  'activity_counts',
  'activity_pair_months',
  'activity_reach',
  'officer_snapshots',
  'officer_snapshot_counts',
  'claim_snapshots',
] as const;

/** Read by no figure. */
export const NOT_FIGURES = [
  'figure_version',
  'figure_cache',
  'sessions',
  'throttles',
  'leases',
  'audit_log',
  'audit_anchors',
  'daily_runs',
  'recompute_jobs',
  'outbox',
  'reminders',
  'todos',
  'enterprise_links',
  'memo_revisions',
  'memo_photos',
] as const;

/** The one statement every trigger runs, and the single round's recompute appends to its batch. */
export const RAISE_FIGURE_VERSION = 'UPDATE figure_version SET n = n + 1 WHERE id = 1';

export const figureVersionTriggers = (): Trigger[] =>
  FIGURE_SOURCES.flatMap((table) =>
    (['insert', 'update', 'delete'] as const).map((op) =>
      trigger(`figures_moved_${table}_${op}`, `AFTER ${op.toUpperCase()} ON ${table}`, [RAISE_FIGURE_VERSION]),
    ),
  );
