// Rebuilds the rollups (option_counts, campaign_counters, group_counts; for all rounds also the ledger's
// problem_counts and the activity tables) from the raw rows, for after a bug, a
// manual fix in the database, or to prove the submission batch keeps them right (test/integration/
// stats.test.ts compares both). Pure SQL — INSERT … SELECT … GROUP BY, the countable questions read
// from the form definitions with json_each — so the same text runs from the admin route (one atomic
// db.batch) and from the command line (recompute-print.ts through `wrangler d1 execute`). Node runs
// this file directly for the command line: pure imports only, with their '.ts'.
//
// Answers are grouped by their raw columns first, in the order of the covering index
// answers_campaign_question_value_idx, so SQLite streams the index without sorting a million rows
// (≈ 0.4 s for 1 M answers against ≈ 3 s when grouping by the computed option); only the few
// thousand groups are then turned into option labels and kept if their question is countable. Text
// that cannot be an option value (a form key: a-z, 0-9, _, at most 40 long; or 'na') — free text,
// dates — is skipped while scanning, so it never makes a group of its own (≈ 0.3 s for 1 M answers).
// Which questions count: schema/rules/counted-options.ts.
import { countedRowTypeSql, countedTypeSql } from '../../schema/rules/counted-options.ts';
import type { Db } from '../app-env';
import { activityRecomputeStatements } from './activity-rollup.ts';
import { groupRecomputeStatements } from './group-rollup.ts';
import { problemRecomputeStatements } from './problem-rollup.ts';

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

/**
 * The statements of one atomic D1 batch rebuilding one round's rollups, or every rollup. group_counts is
 * rebuilt round by round and problem_counts programme by programme: over a million answers one
 * group_counts statement took ≈ 20 s here (each answer joined to its response's groups), near D1's 30 s
 * limit per query; per round it is under a second (bench/notes.md). The command line
 * (recompute-print.ts) keeps one statement each.
 */
export async function recomputeBatch(d1: D1Database, campaignId?: string): Promise<D1PreparedStatement[]> {
  if (campaignId) return recomputeStatements(true).map((s) => d1.prepare(s).bind(campaignId));
  const [campaigns, programmes] = (
    await d1.batch<{ id: string }>([d1.prepare('SELECT id FROM campaigns'), d1.prepare('SELECT id FROM programmes')])
  ).map((r) => r.results.map((row) => row.id)) as [string[], string[]];
  const [, rebuildGroups] = groupRecomputeStatements(true) as [string, string];
  // Without their DELETE: the whole table is cleared once, so rows of a programme deleted since go too.
  const rebuildProblems = problemRecomputeStatements(true).slice(1);
  return [
    ...countRecomputeStatements(false).map((s) => d1.prepare(s)),
    d1.prepare('DELETE FROM group_counts'),
    ...campaigns.map((id) => d1.prepare(rebuildGroups).bind(id)),
    d1.prepare('DELETE FROM problem_counts'),
    ...programmes.flatMap((id) => rebuildProblems.map((s) => d1.prepare(s).bind(id))),
    ...activityRecomputeStatements().map((s) => d1.prepare(s)),
  ];
}

/** Rebuilds the rollups of one round, or of all rounds, atomically (one D1 batch). */
export async function recomputeRollups(db: Db, campaignId?: string): Promise<void> {
  const d1 = (db as Db & { $client: D1Database }).$client;
  await d1.batch(await recomputeBatch(d1, campaignId));
}
