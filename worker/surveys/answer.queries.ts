import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { AnswerRow } from '../../schema/answers';
import { rollupOption } from '../../schema/answers';
import { allQuestions, type FormDefinition, formDefinition } from '../../schema/form-definition';
import { isCounted } from '../../schema/rules/counted-options';
import type { RoundStatus } from '../../schema/rules/round-state';
import { campaignCounters, invitations } from '../../schema/survey-tables';
import type { Db } from '../app-env';
import { type Answer, csvCells } from '../exports/response-cells';
import { d1Of, isUniqueViolation } from '../lib/db';
import { remember } from '../lib/isolate-cache';
import { withRetry } from '../lib/retry';
import {
  ADD_OPTION_COUNTS,
  AUDIT_SUBMITTED,
  COUNT_SUBMITTED,
  GROUP_ROLLUP_SQL,
  INSERT_ANSWERS,
  INSERT_RESPONSE,
  MARK_SUBMITTED,
  ROUND_ASKER,
} from './submit-sql';

// Raw SQL with fixed text, like the batch (submit-sql.ts): this lookup runs before every survey page
// and submission, and drizzle's select builder cost ≈ a fifth of the submission's CPU (bench/notes.md).
const FIND_INVITATION = `SELECT i.id, i.campaign_id AS campaignId, i.opened_at AS openedAt, i.submitted_at AS submittedAt,
  c.status, c.voided_at AS voidedAt, c.opens_at AS opensAt, c.closes_at AS closesAt, c.form_version_id AS formVersionId,
  p.issuing_office AS office, p.help_phone AS phone, p.privacy_notice AS privacyNotice, p.retention_months AS retentionMonths
  FROM invitations i JOIN campaigns c ON c.id = i.campaign_id JOIN programmes p ON p.id = c.programme_id WHERE i.token_hash = ?1`;
const FORM_DEFINITION = 'SELECT definition FROM form_versions WHERE id = ?1';

type InvitationRow = {
  id: string;
  campaignId: string;
  openedAt: number | null;
  submittedAt: number | null;
  status: RoundStatus;
  voidedAt: number | null;
  opensAt: number;
  closesAt: number;
  formVersionId: string;
  /** Who is asking: the programme's issuing office and help line (issue 17). */
  office: string;
  phone: string;
  /** The round's programme's 个人信息处理告知 ('' = default) and retention, shown on the survey page. */
  privacyNotice: string;
  retentionMonths: number | null;
};
export type Invitation = InvitationRow & { definition: FormDefinition };

// Published versions never change, and neither does a round's form version, so each isolate reads and
// parses a definition once, not per request.
const parsed = new Map<string, FormDefinition>();
async function definitionOf(db: Db, formVersionId: string): Promise<FormDefinition> {
  const def = parsed.get(formVersionId);
  if (def) return def;
  const row = await d1Of(db).prepare(FORM_DEFINITION).bind(formVersionId).first<{ definition: string }>();
  if (!row) throw new Error(`form version ${formVersionId} is missing`);
  return remember(parsed, formVersionId, formDefinition.parse(JSON.parse(row.definition)));
}

const ROUND_FORM = 'SELECT form_version_id AS formVersionId FROM campaigns WHERE id = ?1';
export type RoundForm = { formVersionId: string; definition: FormDefinition };
const roundForms = new Map<string, RoundForm>();
/** The form a round asks, from the isolate's cache after its first use; null for an unknown round. */
export async function roundForm(db: Db, campaignId: string): Promise<RoundForm | null> {
  const known = roundForms.get(campaignId);
  if (known) return known;
  const row = await d1Of(db).prepare(ROUND_FORM).bind(campaignId).first<{ formVersionId: string }>();
  if (!row) return null;
  return remember(roundForms, campaignId, { formVersionId: row.formVersionId, definition: await definitionOf(db, row.formVersionId) });
}

/** The invitation behind a link token hash, with its round's window and parsed form. */
export async function findInvitation(db: Db, tokenHash: string): Promise<Invitation | null> {
  const row = await d1Of(db).prepare(FIND_INVITATION).bind(tokenHash).first<InvitationRow>();
  return row && { ...row, definition: await definitionOf(db, row.formVersionId) };
}

/** True while the invitation has never been opened: the guard of everything its first open writes. */
export const notYetOpened = (inv: Invitation) =>
  sql`EXISTS (SELECT 1 FROM ${invitations} WHERE ${invitations.id} = ${inv.id} AND ${invitations.openedAt} IS NULL)`;

/**
 * First open: the counter goes up and the audit row (`link_opened`, guarded by notYetOpened) is written
 * only while opened_at is still empty, and all three statements run in one batch (a transaction), so
 * two tabs opening the link at once count one open.
 */
export const markOpened = (db: Db, inv: Invitation, now: number, audit: BatchItem<'sqlite'>) =>
  db.batch([
    audit,
    db
      .update(campaignCounters)
      .set({ opened: sql`${campaignCounters.opened} + 1` })
      .where(
        sql`${campaignCounters.campaignId} = ${inv.campaignId} AND EXISTS (SELECT 1 FROM ${invitations} WHERE ${invitations.id} = ${inv.id} AND ${invitations.openedAt} IS NULL)`,
      ),
    db.update(invitations).set({ openedAt: now }).where(sql`${invitations.id} = ${inv.id} AND ${invitations.openedAt} IS NULL`),
  ]);

function rollups(def: FormDefinition, campaignId: string, rows: AnswerRow[]) {
  const types = new Map(allQuestions(def).map((q) => [q.key, q.type]));
  const counts = new Map<string, { campaignId: string; questionKey: string; option: string; count: number }>();
  for (const row of rows) {
    const type = types.get(row.questionKey.split('.')[0] ?? '');
    if (!type || !isCounted(type)) continue; // what counts as an option: schema/rules/counted-options.ts
    const option = rollupOption(row);
    const id = `${row.questionKey}\u0000${option}`;
    const hit = counts.get(id);
    if (hit) hit.count++;
    else counts.set(id, { campaignId, questionKey: row.questionKey, option, count: 1 });
  }
  return [...counts.values()];
}

export type ClientMeta = { via: 'form' | 'json'; js: boolean; ua: string };

/** One submission: the link (by its token's hash), the round and form it was answered for, the checked rows. */
export type Submission = {
  tokenHash: string;
  campaignId: string;
  form: RoundForm;
  rows: AnswerRow[];
  meta: ClientMeta;
  now: number;
  responseId: string;
  /** The respondent's address and its audit salt, for the `survey_submitted` audit row of the batch. */
  ip: string | null;
  ipSalt: string | null;
};

/**
 * One submission as one atomic batch (DESIGN §8), which checks the link itself (submit-sql.ts): the
 * response first — only for an unanswered link of this open round, and its UNIQUE invitation_id lets
 * one of two racing submissions in — then the answers (in their order, so a round's answers stay
 * grouped by response in id order; the response keeps its CSV answer cells), the option_counts upserts, the counter, the group_counts upserts,
 * the audit row (`survey_submitted`), each only if the response was stored, and last the invitation's submitted_at.
 */
export function submitStatements(db: Db, s: Submission): D1PreparedStatement[] {
  const d1 = d1Of(db);
  const { campaignId, responseId, now } = s;
  const { definition } = s.form;
  const counts = rollups(definition, campaignId, s.rows).map((r) => [r.questionKey, r.option, r.count]);
  const meta = JSON.stringify({ ...s.meta, seconds: null });
  const answers: Answer[] = s.rows.map((r) => [r.questionKey, r.numValue, r.textValue]);
  return [
    d1.prepare(INSERT_RESPONSE).bind(responseId, s.tokenHash, campaignId, now, meta, s.form.formVersionId, csvCells(definition, answers)),
    d1.prepare(INSERT_ANSWERS).bind(responseId, campaignId, JSON.stringify(answers)),
    d1.prepare(ADD_OPTION_COUNTS).bind(responseId, campaignId, JSON.stringify(counts)),
    d1.prepare(COUNT_SUBMITTED).bind(responseId, campaignId),
    d1.prepare(GROUP_ROLLUP_SQL).bind(responseId),
    d1.prepare(AUDIT_SUBMITTED).bind(responseId, now, s.ip, s.ipSalt),
    d1.prepare(MARK_SUBMITTED).bind(responseId, now),
    d1.prepare(ROUND_ASKER).bind(campaignId),
  ];
}

/** Who is asking as the thank-you page names them: the round's programme and its close time. */
export type RoundAsker = { office: string; phone: string; closesAt: number };

const STORED_RESPONSE = 'SELECT r.id FROM responses r JOIN invitations i ON i.id = r.invitation_id WHERE i.token_hash = ?1';

/**
 * Stores a submission, retrying D1's transient errors (worker/lib/retry.ts). The idempotency key is the
 * response: its id is made once, before the first attempt, and the batch stores nothing for an answered
 * link (invitation_id is UNIQUE besides). So when an attempt reported "Network connection lost" but had
 * committed, the repeat stores nothing and the stored response carries our id: 'stored', not a
 * conflict. A stored response with another id is a second submission for the link: 'duplicate' (409).
 * `asker` is who is asking, for the thank-you page (null after a retried commit: the page then leaves
 * it out). 'refused': nothing stored, none there — the link, round, window or form did not match; the caller
 * looks the invitation up to say which.
 */
export async function storeSubmission(
  db: Db,
  s: Submission,
): Promise<{ stored: true; asker: RoundAsker | null } | 'duplicate' | 'refused'> {
  const d1 = d1Of(db);
  try {
    const results = await withRetry(() => d1.batch(submitStatements(db, s)), { idempotent: true });
    // D1 counts the rows its triggers write in `changes` too (figure_version's, issue 20): 0 is "not stored".
    if ((results[0]?.meta.changes ?? 0) > 0) return { stored: true, asker: (results.at(-1)?.results[0] as RoundAsker | undefined) ?? null };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  const stored = await d1.prepare(STORED_RESPONSE).bind(s.tokenHash).first<{ id: string }>();
  if (!stored) return 'refused';
  return stored.id === s.responseId ? { stored: true, asker: null } : 'duplicate';
}
