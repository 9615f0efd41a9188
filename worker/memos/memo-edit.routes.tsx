// Changing a saved memo (issue 22). The author edits its text fields within the window of
// schema/rules/memo-edit.ts; the enterprise, visit date and mode decide 三个一, so only the admin corrects
// them, with a reason. Each change is a revision (memo_revisions, append-only) plus an audit row.
import { type Context, Hono } from 'hono';
import { memoCorrectInput, memoEditInput } from '../../schema/inputs/memo-edits';
import { chinaToday } from '../../schema/rules/china-time';
import { editableUntil, MEMO_COUNTED_FIELDS, MEMO_TEXT_FIELDS } from '../../schema/rules/memo-edit';
import { emptyForm, type FieldErrors, type FormState } from '../../web/components/fields';
import { MemoCorrectPage, MemoEditPage } from '../../web/pages/memos/memo-edit';
import type { AppEnv } from '../app-env';
import { requireRole } from '../auth/guards';
import { auditStatement } from '../lib/audit';
import { render } from '../lib/render';
import { fieldErrors, readForm } from '../lib/validate';
import { editableMemo, runMemoBatch, visibleMemo } from './memo-access';
import { changedFields, correctableEnterprises, revisionStatements } from './memo-edit.queries';
import type { Memo } from './memos.queries';

export const memoEditRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';
type Ctx = Context<AppEnv>;

const textValues = (memo: Memo) => Object.fromEntries(MEMO_TEXT_FIELDS.map((f) => [f, memo[f]]));
const countedValues = (memo: Memo) => Object.fromEntries(MEMO_COUNTED_FIELDS.map((f) => [f, memo[f]]));

const editPage = (c: Ctx, memo: Memo, form: FormState, status: 200 | 422 = 200) =>
  render(c, <MemoEditPage memoId={memo.id} form={form} until={editableUntil(memo.createdAt)} />, status);

memoEditRoutes.get(`${ID}/edit`, async (c) => {
  const memo = await editableMemo(c, 'edit');
  return editPage(c, memo, emptyForm(textValues(memo)));
});

memoEditRoutes.post(`${ID}/edit`, async (c) => {
  const memo = await editableMemo(c, 'edit');
  const values = await readForm(c);
  const parsed = memoEditInput.safeParse(values);
  if (!parsed.success) return editPage(c, memo, { values, errors: fieldErrors(parsed.error, c.get('t')) }, 422);
  const change = changedFields(memo, parsed.data);
  if (change) {
    const db = c.get('db');
    const now = Date.now();
    await runMemoBatch(c, [
      auditStatement(
        db,
        c,
        { action: 'memo_edit', objectType: 'memo', objectId: memo.id, detail: { fields: Object.keys(change.after) } },
        now,
      ),
      ...revisionStatements(db, { memo, editorId: memo.officerId, kind: 'edit', change, now }),
    ]);
  }
  return c.redirect(`/memos/${memo.id}`, 303);
});

async function correctPage(c: Ctx, memo: Memo, form: FormState, status: 200 | 422 = 200) {
  const options = await correctableEnterprises(c.get('db'), memo);
  return render(c, <MemoCorrectPage memoId={memo.id} form={form} enterprises={options} />, status);
}

memoEditRoutes.get(`${ID}/correct`, requireRole('admin'), async (c) => {
  const memo = await visibleMemo(c);
  return correctPage(c, memo, emptyForm(countedValues(memo)));
});

memoEditRoutes.post(`${ID}/correct`, requireRole('admin'), async (c) => {
  const memo = await visibleMemo(c);
  const t = c.get('t');
  const values = await readForm(c);
  const parsed = memoCorrectInput.safeParse(values);
  if (!parsed.success) return correctPage(c, memo, { values, errors: fieldErrors(parsed.error, t) }, 422);
  const { reason, ...next } = parsed.data;
  const errors: FieldErrors = {};
  if (next.visitDate > chinaToday()) errors.visitDate = t('memo.err.futureVisit');
  // The memo stays the officer's: it may move only to an enterprise they were paired with in its programme.
  if (!(await correctableEnterprises(c.get('db'), memo)).some((e) => e.id === next.enterpriseId))
    errors.enterpriseId = t('err.invalidChoice');
  if (Object.keys(errors).length > 0) return correctPage(c, memo, { values, errors }, 422);
  const change = changedFields(memo, next);
  if (change) {
    const db = c.get('db');
    const user = c.get('user');
    const now = Date.now();
    await runMemoBatch(c, [
      auditStatement(db, c, { action: 'memo_correct', objectType: 'memo', objectId: memo.id, detail: { ...change, reason } }, now),
      ...revisionStatements(db, { memo, editorId: user?.id ?? '', kind: 'correct', change, reason, now }),
    ]);
  }
  return c.redirect(`/memos/${memo.id}`, 303);
});
