// The SQL of one survey submission's batch (answer.queries.ts submitStatements), in a module with no
// imports so the benchmark's floor Worker runs exactly these statements too (bench/floor-worker.js gets
// them as bindings): the app ÷ floor ratio then measures the app's own work, not a different batch.
//
// Raw SQL with fixed text: built through drizzle the batch cost ≈ 1.2 ms of CPU per submission (entity
// checks, chunk assembly and casing for every statement; bench/notes.md), a third of the Worker's work
// under load. Rows go in as one JSON parameter each (json_each), so the batch has the same six
// statements however many answers there are, and none nears D1's 100 bound parameters.
export { GROUP_ROLLUP_SQL } from '../stats/group-rollup.ts';

export const INSERT_RESPONSE = `INSERT INTO responses (id, campaign_id, invitation_id, form_version_id, submitted_at, client_meta)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6)`;
/** ?3: JSON [[question_key, num_value, text_value], …] in the order given, so ids follow it. */
export const INSERT_ANSWERS = `INSERT INTO answers (response_id, campaign_id, question_key, num_value, text_value)
  SELECT ?1, ?2, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?3)`;
/** ?2: JSON [[question_key, option, count], …]. */
export const ADD_OPTION_COUNTS = `INSERT INTO option_counts (campaign_id, question_key, option, count)
  SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?2) WHERE true
  ON CONFLICT (campaign_id, question_key, option) DO UPDATE SET count = count + excluded.count`;
export const COUNT_SUBMITTED = 'UPDATE campaign_counters SET submitted = submitted + 1 WHERE campaign_id = ?1';
export const MARK_SUBMITTED = 'UPDATE invitations SET submitted_at = ?2 WHERE id = ?1';
