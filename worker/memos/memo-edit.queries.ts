// Changing a saved memo (issue 22): the memo's new values, the revision (only the fields that changed,
// before and after) and the audit row are one db.batch, so a failure leaves the memo as it was. The
// rollup triggers of migration 0027 follow an UPDATE of enterprise_id, visit_date and mode.
import { and, asc, eq, sql } from 'drizzle-orm';
import { memoRevisions } from '../../schema/memo-record-tables';
import { memos, problems } from '../../schema/memo-tables';
import { assignments, enterprises, users } from '../../schema/tables';
import type { Db } from '../app-env';
import type { Statement } from './memo-write';
import type { Memo } from './memos.queries';

/** The fields of `next` whose value differs from the memo's, as { before, after }; null when none did. */
export function changedFields<K extends keyof Memo & string>(memo: Memo, next: Pick<Memo, K>) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next) as [K, Memo[K]][]) {
    if (memo[k] === v) continue;
    before[k] = memo[k];
    after[k] = v;
  }
  return Object.keys(after).length > 0 ? { before, after } : null;
}

type Revision = {
  memo: Memo;
  editorId: string;
  kind: 'edit' | 'correct';
  change: NonNullable<ReturnType<typeof changedFields>>;
  reason?: string;
  now: number;
};

/** The memo's update and its revision (and, for a corrected enterprise, its problems' move). */
export function revisionStatements(db: Db, { memo, editorId, kind, change, reason = '', now }: Revision): Statement[] {
  const out: Statement[] = [
    db.update(memos).set(change.after).where(eq(memos.id, memo.id)),
    db.insert(memoRevisions).values({
      memoId: memo.id,
      at: now,
      editorId,
      kind,
      before: JSON.stringify(change.before),
      after: JSON.stringify(change.after),
      reason,
    }),
  ];
  // A corrected enterprise takes the problems raised in the memo with it (their rollups follow by trigger).
  if ('enterpriseId' in change.after) {
    out.push(
      db
        .update(problems)
        .set({ enterpriseId: String(change.after.enterpriseId), updatedAt: now })
        .where(eq(problems.memoId, memo.id)),
    );
  }
  return out;
}

const revisionColumns = () => ({
  id: memoRevisions.id,
  memoId: memoRevisions.memoId,
  at: memoRevisions.at,
  kind: memoRevisions.kind,
  before: memoRevisions.before,
  after: memoRevisions.after,
  reason: memoRevisions.reason,
  editorName: sql<string>`${users.name}`.as('editor_name'),
});

/** The revisions of one memo (`memoId`) or of every memo of an enterprise, oldest first, with the editor's name. */
export const memoRevisionsOf = (db: Db, of: { memoId: string } | { enterpriseId: string }) =>
  db
    .select(revisionColumns())
    .from(memoRevisions)
    .innerJoin(users, eq(users.id, memoRevisions.editorId))
    .innerJoin(memos, eq(memos.id, memoRevisions.memoId))
    .where('memoId' in of ? eq(memoRevisions.memoId, of.memoId) : eq(memos.enterpriseId, of.enterpriseId))
    .orderBy(asc(memoRevisions.at), asc(memoRevisions.id));

export type MemoRevision = Awaited<ReturnType<typeof memoRevisionsOf>>[number];

/** The enterprises a memo may be corrected to: those its officer was ever paired with in its programme. */
export const correctableEnterprises = (db: Db, memo: Pick<Memo, 'officerId' | 'programmeId'>) =>
  db
    .selectDistinct({ id: enterprises.id, name: enterprises.name })
    .from(assignments)
    .innerJoin(enterprises, eq(enterprises.id, assignments.enterpriseId))
    .where(and(eq(assignments.officerId, memo.officerId), eq(assignments.programmeId, memo.programmeId)))
    .orderBy(asc(enterprises.name))
    .all();
