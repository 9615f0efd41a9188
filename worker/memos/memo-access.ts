// Who may touch a saved memo, for every route that changes one (its text: memo-edit.routes.tsx; its
// photos: photos.routes.tsx): anyone who may not see the memo's enterprise gets "not found" (its
// existence is not theirs to learn), anyone who sees it but may not change it 403 — both audited — and
// the memo's batch carries the fault hook the storage tests use.
import type { Context } from 'hono';
import { canEditMemo } from '../../schema/rules/memo-edit';
import type { AppEnv } from '../app-env';
import { canSeeEnterprise } from '../auth/access';
import { audit } from '../lib/audit';
import { AppError, forbidden, notFound } from '../lib/errors';
import { failingStatement, memoFault, type Statements } from './memo-write';
import { type Memo, readMemo } from './memos.queries';

type Ctx = Context<AppEnv>;

/** The memo of the route's :id, if the user may see its enterprise. */
export async function visibleMemo(c: Ctx): Promise<Memo> {
  const user = c.get('user');
  if (!user) throw forbidden();
  const memo = await readMemo(c.get('db'), c.req.param('id') ?? '');
  if (!memo) throw notFound();
  if (!(await canSeeEnterprise(c.get('db'), user, memo.enterpriseId))) {
    await audit(c, { action: 'not_visible', objectType: 'memo', objectId: memo.id });
    throw notFound();
  }
  return memo;
}

/** A memo the user may change (`move` names the change in the refusal's audit row): its author, within the window. */
export async function editableMemo(c: Ctx, move: 'edit' | 'add_photos'): Promise<Memo> {
  const memo = await visibleMemo(c);
  const user = c.get('user');
  if (!user || !canEditMemo(memo, user)) {
    await audit(c, { action: 'forbidden', objectType: 'memo', objectId: memo.id, detail: { move } });
    throw new AppError(403, 'forbidden', 'memo.edit.closed');
  }
  return memo;
}

/** The memo's change in one batch, with the storage-fault hook (memo-write.ts) when the tests set it. */
export async function runMemoBatch(c: Ctx, statements: Statements) {
  const db = c.get('db');
  if (memoFault(c.env)) statements.push(failingStatement(db));
  await db.batch(statements);
}
