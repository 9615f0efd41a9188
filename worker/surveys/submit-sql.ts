// The SQL of one survey submission's batch (answer.queries.ts submitStatements), in a module with no
// imports so the benchmark's floor Worker runs exactly these statements too (bench/floor-worker.js gets
// them as bindings): the app ÷ floor ratio then measures the app's own work, not a different batch.
//
// Raw SQL with fixed text: built through drizzle the batch cost ≈ 1.2 ms of CPU per submission (entity
// checks, chunk assembly and casing for every statement; bench/notes.md), a third of the Worker's work
// under load. Rows go in as one JSON parameter each (json_each), so the batch has the same seven
// statements however many answers there are, and none nears D1's 100 bound parameters.
//
// The batch checks the link itself, so a submission is one D1 round trip, not a lookup and then a
// batch: the response row is inserted only when the token hash names an unanswered invitation of this
// round, the round went out (not a draft, not voided), is open and uses the form version the answers
// were checked against; every later statement does nothing unless that row exists and its invitation
// is not yet marked answered, which the last write does — so a retry of a batch that had committed
// (worker/lib/retry.ts) adds nothing. ?1 is always the new response's id, except in ROUND_ASKER.
export { GROUP_ROLLUP_SQL } from '../stats/group-rollup.ts';

/**
 * ?1 response id, ?2 SHA-256 of the link token, ?3 round id, ?4 now (ms), ?5 client meta JSON (its
 * `seconds`, time since the link was first opened, is filled in here), ?6 form version id, ?7 the
 * answer cells of the responses CSV (worker/exports/response-cells.ts).
 */
export const INSERT_RESPONSE = `INSERT INTO responses (id, campaign_id, invitation_id, form_version_id, submitted_at, client_meta, csv_cells)
  SELECT ?1, i.campaign_id, i.id, c.form_version_id, ?4, json_set(?5, '$.seconds', CAST(round((?4 - i.opened_at) / 1000.0) AS INTEGER)), ?7
  FROM invitations i JOIN campaigns c ON c.id = i.campaign_id
  WHERE i.token_hash = ?2 AND i.campaign_id = ?3 AND c.form_version_id = ?6 AND i.submitted_at IS NULL
    AND c.status = 'launched' AND c.opens_at <= ?4 AND ?4 < c.closes_at`;
const STORED = `EXISTS (SELECT 1 FROM responses r JOIN invitations i ON i.id = r.invitation_id
  WHERE r.id = ?1 AND i.submitted_at IS NULL)`;
/** ?2 round id, ?3 JSON [[question_key, num_value, text_value], …] in the order given, so ids follow it. */
export const INSERT_ANSWERS = `INSERT INTO answers (response_id, campaign_id, question_key, num_value, text_value)
  SELECT ?1, ?2, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?3)
  WHERE ${STORED}`;
/** ?2 round id, ?3 JSON [[question_key, option, count], …]. */
export const ADD_OPTION_COUNTS = `INSERT INTO option_counts (campaign_id, question_key, option, count)
  SELECT ?2, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?3)
  WHERE ${STORED}
  ON CONFLICT (campaign_id, question_key, option) DO UPDATE SET count = count + excluded.count`;
/** ?2 round id. */
export const COUNT_SUBMITTED = `UPDATE campaign_counters SET submitted = submitted + 1 WHERE campaign_id = ?2 AND ${STORED}`;
/**
 * ?2 now (ms), ?3 the respondent's address, ?4 its salt for the audit chain (worker/lib/audit.ts). The
 * respondent side of the audit trail (issue 13), inside the one round trip: no extra D1 call.
 */
export const AUDIT_SUBMITTED = `INSERT INTO audit_log (at, action, object_type, object_id, detail, ip, ip_salt)
  SELECT ?2, 'survey_submitted', 'invitation', r.invitation_id, json_object('response', r.id, 'round', r.campaign_id), ?3, ?4
  FROM responses r JOIN invitations i ON i.id = r.invitation_id WHERE r.id = ?1 AND i.submitted_at IS NULL`;
/** ?2 now (ms). Last in the batch: the statements above check that it has not run. */
export const MARK_SUBMITTED = `UPDATE invitations SET submitted_at = ?2
  WHERE id = (SELECT invitation_id FROM responses WHERE id = ?1) AND submitted_at IS NULL`;
/**
 * ?1 round id. Who is asking, for the thank-you page (issue 17): read in the same round trip as the
 * writes, since the common case never looked the invitation up.
 */
export const ROUND_ASKER = `SELECT p.issuing_office AS office, p.help_phone AS phone, c.closes_at AS closesAt
  FROM campaigns c JOIN programmes p ON p.id = c.programme_id WHERE c.id = ?1`;
