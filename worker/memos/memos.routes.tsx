import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { ADD_PROBLEM, MAX_PROBLEMS, type MemoInput, memoInput, nestMemoForm, rowCount } from '../../schema/inputs/memos';
import { chinaToday } from '../../schema/rules/china-time';
import { defaultDeadline } from '../../schema/rules/due-date';
import { canEditMemo } from '../../schema/rules/memo-edit';
import { enterprises } from '../../schema/tables';
import { emptyForm, type FieldErrors, type FormState, type FormValues } from '../../web/components/fields';
import { MemoFormPage } from '../../web/pages/memos/memo-form';
import { MemoPage } from '../../web/pages/memos/memo-view';
import { currentProgramme } from '../admin/programmes.queries';
import type { AppEnv } from '../app-env';
import { canSeeEnterprise, pairedIn } from '../auth/access';
import { requireRole, wantsJson } from '../auth/guards';
import { audit, auditStatement } from '../lib/audit';
import { isUniqueViolation } from '../lib/db';
import { AppError, forbidden, notFound } from '../lib/errors';
import { render } from '../lib/render';
import { withRetry } from '../lib/retry';
import { newId } from '../lib/tokens';
import { fieldErrors, readForm } from '../lib/validate';
import { deliverAfterWrite } from '../notify/deliver';
import { calendarFrom, deadlineDefaults } from '../problems/deadlines.queries';
import { isOverdue } from '../problems/transitions';
import { memoRevisionsOf } from './memo-edit.queries';
import { memoEditRoutes } from './memo-edit.routes';
import { failingStatement, memoFault, memoStatements } from './memo-write';
import { type Memo, type MemoFormOptions, memoFormOptions, memoProblems, readMemo, readMemoView } from './memos.queries';
import { checkPhotos, photoStatements, photosOf, photoUrl, postedPhotos, putPhotos } from './photos';
import { photoRoutes } from './photos.routes';

/** 帮扶备忘录: officers record a visit and the problems it raised; anyone who may see the enterprise reads it. */
export const memoRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';
type Ctx = Context<AppEnv>;
memoRoutes.route('/', memoEditRoutes); // /memos/:id/edit (the author) and /memos/:id/correct (the admin)
memoRoutes.route('/', photoRoutes); // /memos/:id/photos

const user = (c: Ctx) => {
  const u = c.get('user');
  if (!u) throw forbidden();
  return u;
};

async function options(c: Ctx): Promise<MemoFormOptions> {
  const programme = await currentProgramme(c.get('db'), chinaToday());
  return memoFormOptions(c.get('db'), user(c).id, programme?.id ?? null);
}

const formPage = (form: FormState, rows: number, opts: MemoFormOptions, fresh = false) => (
  <MemoFormPage form={form} rows={Math.max(1, Math.min(rows, MAX_PROBLEMS))} options={opts} fresh={fresh} />
);

memoRoutes.get('/new', requireRole('officer'), async (c) => {
  const opts = await options(c);
  const wanted = c.req.query('enterprise');
  const enterpriseId = opts.enterprises.some((e) => e.id === wanted)
    ? wanted
    : opts.enterprises.length === 1
      ? opts.enterprises[0]?.id
      : '';
  // The id is made here, not in the browser, so a resubmission without JavaScript is still the same memo.
  const form = emptyForm({ id: newId(), enterpriseId, visitDate: chinaToday(), mode: 'onsite' });
  return render(c, formPage(form, 1, opts, true));
});

memoRoutes.post('/', requireRole('officer'), async (c) => {
  const db = c.get('db');
  const t = c.get('t');
  // The file input's parts are read by postedPhotos; an empty one arrives as the text field `photos: ''`.
  const { photos: _files, ...values } = await readForm(c);
  if (values._action === ADD_PROBLEM) {
    const { _action, ...kept } = values;
    return render(c, formPage(emptyForm(kept), rowCount(kept) + 1, await options(c)));
  }
  const parsed = memoInput.safeParse(nestMemoForm(values));
  if (!parsed.success) return refuse(c, values, fieldErrors(parsed.error, t));
  const input = parsed.data;
  // A repeat of a stored memo (retry, double tap, reconnect) is answered with that memo.
  const existing = await readMemo(db, input.id);
  if (existing) return sameMemo(c, existing);
  const today = chinaToday();
  const programme = await currentProgramme(db, today);
  if (!programme || !(await pairedIn(db, user(c).id, programme.id, input.enterpriseId, today))) {
    await audit(c, { action: 'forbidden', objectType: 'enterprise', objectId: input.enterpriseId, detail: { memoId: input.id } });
    throw forbidden();
  }
  const errors = await laterChecks(c, input);
  if (errors) return refuse(c, values, errors);
  // Every photo is checked before anything is stored; a bad one refuses the memo (422), as a bad field does.
  const photos = await checkPhotos(await postedPhotos(c), input.id, [], t);
  if ('error' in photos) return refuse(c, values, { photos: photos.error });

  const [defaults, calendar, enterprise] = await Promise.all([
    deadlineDefaults(db, programme.id),
    calendarFrom(db, input.visitDate),
    db.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, input.enterpriseId)).get(),
  ]);
  const write = {
    input,
    programmeId: programme.id,
    officerId: user(c).id,
    enterpriseName: enterprise?.name ?? '',
    defaultDeadline: (category: string) => defaultDeadline(input.visitDate, category, defaults, calendar),
  };
  // Problem codes are random; on the rare clash the batch fails on problems.code and is retried with
  // new codes. A clash on memos.id is a concurrent repeat of this memo: answer with the stored one.
  await putPhotos(c.env, input.id, photos.uploads);
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = Date.now();
    const statements = memoStatements(db, { ...write, now });
    statements.push(...photoStatements(db, input.id, photos.uploads, [], now));
    statements.push(
      auditStatement(db, c, {
        action: 'create',
        objectType: 'memo',
        objectId: input.id,
        detail: {
          enterpriseId: input.enterpriseId,
          problems: input.problems.length,
          ...(photos.uploads.length > 0 && { photos: photos.uploads.length }),
        },
      }),
    );
    if (memoFault(c.env)) statements.push(failingStatement(db));
    try {
      // The memo id is the idempotency key (memos.id, made by the form): an attempt that committed but
      // reported a transient error makes the retry fail on it, and that is answered with the stored memo.
      await withRetry(() => db.batch(statements), { idempotent: true });
      deliverAfterWrite(c);
      return c.redirect(`/memos/${input.id}`, 303);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const stored = await readMemo(db, input.id);
      if (stored) return sameMemo(c, stored);
    }
  }
  throw new AppError(503, 'unavailable', 'err.page.unavailable');
});

memoRoutes.get(ID, async (c) => {
  const db = c.get('db');
  const found = await readMemoView(db, c.req.param('id'));
  if (!found) throw notFound();
  // Another officer's memo is "not found", not "forbidden": its existence is not theirs to learn.
  if (!(await canSeeEnterprise(db, user(c), found.memo.enterpriseId))) {
    await audit(c, { action: 'not_visible', objectType: 'memo', objectId: found.memo.id });
    throw notFound();
  }
  const today = chinaToday();
  const [problemRows, revisions, photos] = await Promise.all([
    memoProblems(db, found.memo.id),
    memoRevisionsOf(db, { memoId: found.memo.id }).all(),
    photosOf(db, found.memo.id),
  ]);
  const problems = problemRows.map((p) => ({ ...p, overdue: isOverdue(p, today) }));
  return render(
    c,
    <MemoPage
      memo={found.memo}
      enterpriseName={found.enterpriseName}
      officerName={found.officerName}
      problems={problems}
      revisions={revisions}
      photos={photos.map((p) => photoUrl(p.key))}
      editable={canEditMemo(found.memo, user(c))}
    />,
  );
});

/** The same id from the same officer is the same memo; from anyone else it is refused, and nothing leaks. */
function sameMemo(c: Ctx, memo: Memo) {
  if (memo.officerId !== user(c).id) throw new AppError(409, 'memo_id_taken', 'memo.err.idTaken');
  return c.redirect(`/memos/${memo.id}`, 303);
}

async function refuse(c: Ctx, values: FormValues, errors: FieldErrors) {
  // A draft sent from the offline queue asks for JSON, to keep the field messages with the draft (issue 22).
  if (wantsJson(c.req.header('accept'), c.req.path)) throw new AppError(422, 'invalid', 'form.invalid', errors);
  return render(c, formPage({ values, errors }, rowCount(values), await options(c)), 422);
}

/** Checks zod cannot make alone: a visit in the future, units that are not (or no longer) in use. */
async function laterChecks(c: Ctx, input: MemoInput): Promise<FieldErrors | null> {
  const t = c.get('t');
  const errors: FieldErrors = {};
  if (input.visitDate > chinaToday()) errors.visitDate = t('memo.err.futureVisit');
  const known = new Set((await options(c)).units.map((u) => u.id));
  for (const row of input.problems) {
    if (row.leadUnitId && !known.has(row.leadUnitId)) errors[`problems.${row.index}.leadUnitId`] = t('err.invalidChoice');
    if (row.supportUnitIds.some((id) => !known.has(id))) errors[`problems.${row.index}.supportUnitIds`] = t('err.invalidChoice');
  }
  return Object.keys(errors).length > 0 ? errors : null;
}
