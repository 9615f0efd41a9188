// Rebuilds the rollups (option_counts, campaign_counters, group_counts; for all rounds also the ledger's
// problem_counts and the activity tables) from the raw rows, for after a bug, a
// manual fix in the database, or to prove the submission batch keeps them right (test/integration/
// stats.test.ts compares both). Pure SQL — INSERT … SELECT … GROUP BY, the countable questions read
// from the form definitions with json_each — so the same text runs from the admin route (a round's in
// one atomic db.batch; all of them as the job of bounded steps of recompute-job.ts, one batch per round
// or programme) and from the command line (scripts/stats-recompute.ts, one `wrangler d1 execute` per
// step). Node runs this file directly for the command line: pure imports only, with their '.ts'.
//
// Answers are grouped by their raw columns first, in the order of the covering index
// answers_campaign_question_value_idx, so SQLite streams the index without sorting a million rows
// (≈ 0.4 s for 1 M answers against ≈ 3 s when grouping by the computed option); only the few
// thousand groups are then turned into option labels and kept if their question is countable. Text
// that cannot be an option value (a form key: a-z, 0-9, _, at most 40 long; or 'na') — free text,
// dates — is skipped while scanning, so it never makes a group of its own (≈ 0.3 s for 1 M answers).
// Which questions count: schema/rules/counted-options.ts.
import { countedRowTypeSql, countedTypeSql } from '../../schema/rules/counted-options.ts';
import { activityRecomputeStatements } from './activity-rollup.ts';
import { groupRecomputeStatements } from './group-rollup.ts';
import { problemRecomputeStatements } from './problem-rollup.ts';
import { stepBindings } from './recompute-job-sql.ts';

/**
 * The option an answer counts under: the text value, else the number written as JavaScript's
 * String(n) writes it for the integers choice questions store (schema/answers.ts rollupOption).
 */
const OPTION = `coalesce(text_value, CASE WHEN num_value = CAST(num_value AS INTEGER)
  THEN CAST(CAST(num_value AS INTEGER) AS TEXT) ELSE CAST(num_value AS TEXT) END)`;

/** The statements, for every round or (with `?1` bound to its id) for one. */
export function recomputeStatements(one: boolean): string[] {
  return [
    ...countRecomputeStatements(one),
    ...groupRecomputeStatements(one),
    ...(one ? [] : [...problemRecomputeStatements(), ...activityRecomputeStatements()]),
  ];
}

/** option_counts and campaign_counters only. */
function countRecomputeStatements(one: boolean): string[] {
  const only = (col: string) => (one ? `WHERE ${col} = ?1` : '');
  return [
    `DELETE FROM option_counts ${only('campaign_id')}`,
    `WITH q AS (
  SELECT c.id AS campaign_id, json_extract(qq.value, '$.key') AS qkey, json_extract(qq.value, '$.type') AS type, qq.value AS question
  FROM campaigns c JOIN form_versions fv ON fv.id = c.form_version_id,
    json_each(fv.definition, '$.pages') pg, json_each(pg.value, '$.questions') qq
  ${only('c.id')}
), counted AS (
  SELECT campaign_id, qkey AS question_key FROM q WHERE ${countedTypeSql('type')}
  UNION ALL
  SELECT q.campaign_id, q.qkey || '.' || json_extract(r.value, '$.key') FROM q, json_each(q.question, '$.rows') r WHERE ${countedRowTypeSql('q.type')}
), g AS (
  SELECT campaign_id, question_key, num_value, text_value, count(*) AS n FROM answers
  WHERE ${one ? 'campaign_id = ?1 AND ' : ''}(num_value IS NOT NULL OR (length(text_value) <= 40 AND text_value NOT GLOB '*[^a-z0-9_]*'))
  GROUP BY campaign_id, question_key, num_value, text_value
)
INSERT INTO option_counts (campaign_id, question_key, option, count)
SELECT campaign_id, question_key, ${OPTION} AS opt, sum(n) FROM g
WHERE (campaign_id, question_key) IN (SELECT campaign_id, question_key FROM counted)
GROUP BY campaign_id, question_key, opt`,
    `DELETE FROM campaign_counters ${only('campaign_id')}`,
    `INSERT INTO campaign_counters (campaign_id, invited, opened, submitted)
SELECT c.id, count(i.id), count(i.opened_at), count(i.submitted_at)
FROM campaigns c LEFT JOIN invitations i ON i.campaign_id = c.id
${only('c.id')}
GROUP BY c.id`,
  ];
}

/** A step of the recompute job (recompute-job.ts): one key's rollups, one atomic batch. */
export type StepKind = 'round' | 'problems' | 'activity' | 'sweep';

/**
 * Rows of rounds and programmes deleted since their rollups were written; the full recompute used to
 * clear every table first, the job clears key by key, so these are swept at its end.
 */
const SWEEP = [
  ...['option_counts', 'campaign_counters', 'group_counts'].map(
    (t) => `DELETE FROM ${t} WHERE campaign_id NOT IN (SELECT id FROM campaigns)`,
  ),
  ...['problem_counts', 'activity_pair_months', 'activity_counts', 'activity_reach'].map(
    (t) => `DELETE FROM ${t} WHERE programme_id NOT IN (SELECT id FROM programmes)`,
  ),
];

/**
 * The statements of one step, each DELETE of the key's rows followed by the INSERT … SELECT rebuilding
 * them from the raw rows, ?1 bound to the round or programme (for 'problems' ?2 to the dimension and ?3
 * to the grain: a programme's ledger figures are rebuilt one dimension and grain a step). Run as one batch, a step is atomic: a submission or a memo
 * written between two steps is counted once, by its own batch's rollup upsert or trigger if it comes
 * after its key's step, by the step's SELECT if before (test/integration/recompute-job.test.ts). Bounded
 * by the key: over a million answers one group_counts statement for every round took ≈ 20 s here, near
 * D1's 30 s limit per query (bench/notes.md).
 */
export function stepStatements(kind: StepKind): string[] {
  if (kind === 'round') return recomputeStatements(true);
  if (kind === 'problems') return problemRecomputeStatements(true, true);
  if (kind === 'activity') return activityRecomputeStatements(true);
  return SWEEP;
}

/** A step's statements, each with what it is bound to (stepBindings: a ledger step of an old job, twice). */
export const stepWork = (kind: StepKind, key: string): { sql: string; params: string[] }[] =>
  stepBindings(kind, key).flatMap((params) => stepStatements(kind).map((sql) => ({ sql, params })));
