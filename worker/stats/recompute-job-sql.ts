// The SQL of the recompute job (recompute-job.ts), apart so that the command line (scripts/
// stats-recompute.ts) runs the very same job through `wrangler d1 execute`: pure imports only, with their '.ts'.
import { PROBLEM_DIMENSIONS_STORED } from './problem-rollup.ts';

export const JOB_COLUMNS = `id, started_at AS startedAt, total, done, last_step_at AS lastStepAt, last_step_ms AS lastStepMs,
  longest_step_ms AS longestStepMs, longest_step AS longestStep, finished_at AS finishedAt`;

// The steps, from the rows as they are when the job starts: rounds first, oldest first, then each
// programme's ledger and visits, then the sweep. Rounds and programmes made later have no step: their
// rollups have only ever been written by the live batches and triggers.
export const LIST_STEPS = [
  `INSERT INTO recompute_steps (job_id, seq, kind, key)
  SELECT ?1, row_number() OVER (ORDER BY created_at, id), 'round', id FROM campaigns`,
  `INSERT INTO recompute_steps (job_id, seq, kind, key)
  SELECT ?1, (SELECT count(*) FROM recompute_steps WHERE job_id = ?1) + row_number() OVER (ORDER BY id), 'activity', id FROM programmes`,
  // The ledger figures one dimension and grain a step (problem-rollup.ts problemRecomputeStatements), the
  // days ('d') before the months ('m') built from them: key 'programme:dimension:grain'.
  `INSERT INTO recompute_steps (job_id, seq, kind, key)
  SELECT ?1, (SELECT count(*) FROM recompute_steps WHERE job_id = ?1) + row_number() OVER (ORDER BY p.id, d.column1, g.column1), 'problems',
    p.id || ':' || d.column1 || ':' || g.column1
  FROM programmes p, (VALUES ${PROBLEM_DIMENSIONS_STORED.map((d) => `('${d}')`).join(', ')}) d, (VALUES ('d'), ('m')) g`,
  `INSERT INTO recompute_steps (job_id, seq, kind, key)
  SELECT ?1, (SELECT count(*) FROM recompute_steps WHERE job_id = ?1) + 1, 'sweep', ''`,
];
/** After LIST_STEPS, in the same batch: ?1 the job, ?2 when, ?3 who (NULL: the command line). */
export const START_JOB =
  'INSERT INTO recompute_jobs (id, started_at, started_by, total) SELECT ?1, ?2, ?3, count(*) FROM recompute_steps WHERE job_id = ?1';

/**
 * What a step's statements are bound to, once per list: its key's parts (?1 the round or programme; for the
 * ledger ?2 the dimension, ?3 the grain). A ledger step listed before the grains were split ('programme:
 * dimension', a job left unfinished across the deploy) runs both grains in its one batch, as it did.
 */
export const stepBindings = (kind: string, key: string): string[][] => {
  if (kind === 'sweep') return [[]];
  const parts = key.split(':');
  return kind === 'problems' && parts.length === 2
    ? [
        [...parts, 'd'],
        [...parts, 'm'],
      ]
    : [parts];
};

export const NEXT = `SELECT seq, kind, key FROM recompute_steps WHERE job_id = ?1 AND done_at IS NULL ORDER BY seq LIMIT 1`;
// In the step's batch: the step done, and the job's count of done steps counted, not incremented, so a
// step a second runner also ran counts once.
export const MARK_DONE = 'UPDATE recompute_steps SET done_at = ?3 WHERE job_id = ?1 AND seq = ?2 AND done_at IS NULL';
export const COUNT_DONE = `UPDATE recompute_jobs SET done = (SELECT count(*) FROM recompute_steps WHERE job_id = ?1 AND done_at IS NOT NULL),
  last_step_at = ?2 WHERE id = ?1`;
export const FINISH = `UPDATE recompute_jobs SET finished_at = ?2 WHERE id = ?1 AND finished_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM recompute_steps WHERE job_id = ?1 AND done_at IS NULL)`;
// After the batch, for the page: how long it took (not part of the step's atomic work).
export const TIMED = `UPDATE recompute_steps SET ms = ?3 WHERE job_id = ?1 AND seq = ?2`;
export const JOB_TIMED = `UPDATE recompute_jobs SET last_step_ms = ?2,
  longest_step = CASE WHEN longest_step_ms IS NULL OR ?2 > longest_step_ms THEN ?3 ELSE longest_step END,
  longest_step_ms = max(coalesce(longest_step_ms, 0), ?2) WHERE id = ?1`;
