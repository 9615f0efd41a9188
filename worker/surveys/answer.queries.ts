import { eq, sql } from 'drizzle-orm';
import type { AnswerRow } from '../../schema/answers';
import { rollupOption } from '../../schema/answers';
import { allQuestions, type FormDefinition, formDefinition, type QuestionType } from '../../schema/form-definition';
import { campaignCounters, campaigns, formVersions, invitations, responses } from '../../schema/survey-tables';
import type { Db } from '../app-env';
import { isUniqueViolation } from '../lib/db';
import { withRetry } from '../lib/retry';
import { newId } from '../lib/tokens';
import { COUNTED_TYPES } from '../stats/recompute';
import { d1Of } from '../stats/sql';
import { ADD_OPTION_COUNTS, COUNT_SUBMITTED, GROUP_ROLLUP_SQL, INSERT_ANSWERS, INSERT_RESPONSE, MARK_SUBMITTED } from './submit-sql';

/** The invitation behind a link token hash, with its round's window and form. */
export const findInvitation = (db: Db, tokenHash: string) =>
  db
    .select({
      id: invitations.id,
      campaignId: invitations.campaignId,
      openedAt: invitations.openedAt,
      submittedAt: invitations.submittedAt,
      opensAt: campaigns.opensAt,
      closesAt: campaigns.closesAt,
      formVersionId: campaigns.formVersionId,
      definition: formVersions.definition,
    })
    .from(invitations)
    .innerJoin(campaigns, eq(campaigns.id, invitations.campaignId))
    .innerJoin(formVersions, eq(formVersions.id, campaigns.formVersionId))
    .where(eq(invitations.tokenHash, tokenHash))
    .get();
export type Invitation = NonNullable<Awaited<ReturnType<typeof findInvitation>>>;

// Published versions never change, so each isolate parses a definition once, not per request.
const parsed = new Map<string, FormDefinition>();
export function definitionOf(inv: Invitation): FormDefinition {
  let def = parsed.get(inv.formVersionId);
  if (!def) {
    def = formDefinition.parse(JSON.parse(inv.definition));
    if (parsed.size > 100) parsed.clear();
    parsed.set(inv.formVersionId, def);
  }
  return def;
}

/**
 * First open: the counter goes up only while opened_at is still empty, and both statements run in one
 * batch (a transaction), so two tabs opening the link at once count one open.
 */
export const markOpened = (db: Db, inv: Invitation, now: number) =>
  db.batch([
    db
      .update(campaignCounters)
      .set({ opened: sql`${campaignCounters.opened} + 1` })
      .where(
        sql`${campaignCounters.campaignId} = ${inv.campaignId} AND EXISTS (SELECT 1 FROM ${invitations} WHERE ${invitations.id} = ${inv.id} AND ${invitations.openedAt} IS NULL)`,
      ),
    db.update(invitations).set({ openedAt: now }).where(sql`${invitations.id} = ${inv.id} AND ${invitations.openedAt} IS NULL`),
  ]);

/**
 * Only closed-choice answers are option counts; free text, numbers and dates stay in `answers` alone.
 * The same types the recompute counts, a matrix's rows included (worker/stats/recompute.ts).
 */
const COUNTED = new Set<QuestionType>([...COUNTED_TYPES, 'matrix']);

function rollups(def: FormDefinition, campaignId: string, rows: AnswerRow[]) {
  const types = new Map(allQuestions(def).map((q) => [q.key, q.type]));
  const counts = new Map<string, { campaignId: string; questionKey: string; option: string; count: number }>();
  for (const row of rows) {
    const type = types.get(row.questionKey.split('.')[0] ?? '');
    if (!type || !COUNTED.has(type)) continue;
    const option = rollupOption(row);
    const id = `${row.questionKey}\u0000${option}`;
    const hit = counts.get(id);
    if (hit) hit.count++;
    else counts.set(id, { campaignId, questionKey: row.questionKey, option, count: 1 });
  }
  return [...counts.values()];
}

export type ClientMeta = { via: 'form' | 'json'; js: boolean; ua: string; seconds: number | null };

/**
 * One submission as one atomic batch (DESIGN §8): the response first — its UNIQUE invitation_id makes a
 * duplicate fail before anything else is written — then the answers (in their order, so a round's
 * answers stay grouped by response in id order), the option_counts and group_counts upserts, the
 * counter and the invitation's submitted_at.
 */
export function submitStatements(
  db: Db,
  inv: Invitation,
  def: FormDefinition,
  rows: AnswerRow[],
  meta: ClientMeta,
  now: number,
  responseId = newId(),
): D1PreparedStatement[] {
  const d1 = d1Of(db);
  const counts = rollups(def, inv.campaignId, rows).map((r) => [r.questionKey, r.option, r.count]);
  return [
    d1.prepare(INSERT_RESPONSE).bind(responseId, inv.campaignId, inv.id, inv.formVersionId, now, JSON.stringify(meta)),
    d1.prepare(INSERT_ANSWERS).bind(responseId, inv.campaignId, JSON.stringify(rows.map((r) => [r.questionKey, r.numValue, r.textValue]))),
    d1.prepare(ADD_OPTION_COUNTS).bind(inv.campaignId, JSON.stringify(counts)),
    d1.prepare(COUNT_SUBMITTED).bind(inv.campaignId),
    d1.prepare(MARK_SUBMITTED).bind(inv.id, now),
    d1.prepare(GROUP_ROLLUP_SQL).bind(inv.campaignId, inv.id, responseId),
  ];
}

/**
 * Stores a submission, retrying D1's transient errors (worker/lib/retry.ts). The idempotency key is the
 * response: its id is made once, before the first attempt, and invitation_id is UNIQUE. So when an
 * attempt reported "Network connection lost" but had committed, the repeat fails on those UNIQUE keys
 * and the stored response carries our id: 'stored', not a conflict. A stored response with another id
 * is a second submission for the invitation: 'duplicate' (409).
 */
export async function storeSubmission(
  db: Db,
  statements: D1PreparedStatement[],
  invitationId: string,
  responseId: string,
): Promise<'stored' | 'duplicate'> {
  try {
    await withRetry(() => d1Of(db).batch(statements), { idempotent: true });
    return 'stored';
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const stored = await db.select({ id: responses.id }).from(responses).where(eq(responses.invitationId, invitationId)).get();
    return stored?.id === responseId ? 'stored' : 'duplicate';
  }
}
