// 默认办结时限: a programme's default deadlines (schema/rules/due-date.ts) — working days per 问题类别
// (e.g. 政策兑现 15 个工作日) and the programme default in calendar days for a category with no entry.
import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { deadlinesInput } from '../../schema/inputs/calendar';
import { categoryDeadlines } from '../../schema/ledger-tables';
import { PROBLEM_CATEGORIES } from '../../schema/memo-tables';
import { chinaToday } from '../../schema/rules/china-time';
import { programmes } from '../../schema/tables';
import type { FormState } from '../../web/components/fields';
import { DeadlinesPage } from '../../web/pages/admin/deadlines';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import { AppError, notFound } from '../lib/errors';
import { render } from '../lib/render';
import { validateForm } from '../lib/validate';
import { deadlineDefaults } from '../problems/deadlines.queries';
import { currentOf, programmesByCurrency } from './programmes.queries';

export const deadlineRoutes = new Hono<AppEnv>();

/** The programme asked for (?programme=), else the current one; every programme for the select. */
async function programmeOf(c: Context<AppEnv>) {
  const all = await programmesByCurrency(c.get('db'), chinaToday());
  const asked = c.req.query('programme');
  const programme = asked ? all.find((p) => p.id === asked) : currentOf(all, true);
  if (asked && !programme) throw notFound();
  if (!programme) throw new AppError(404, 'no_programme', 'stats.noProgramme');
  return { programme, programmes: all.map((p) => ({ id: p.id, name: p.name })) };
}

const page = (f: Awaited<ReturnType<typeof programmeOf>>, form: FormState, saved = false) => (
  <DeadlinesPage programmes={f.programmes} programmeId={f.programme.id} form={form} saved={saved} />
);

deadlineRoutes.get('/', async (c) => {
  const f = await programmeOf(c);
  const d = await deadlineDefaults(c.get('db'), f.programme.id);
  const values = Object.fromEntries([
    ['defaultDays', String(d.defaultDays)],
    ...PROBLEM_CATEGORIES.map((k) => [`days.${k}`, d.categoryDays[k] === undefined ? '' : String(d.categoryDays[k])]),
  ]);
  return render(c, page(f, { values, errors: {} }, c.req.query('saved') === '1'));
});

deadlineRoutes.post('/', async (c) => {
  const f = await programmeOf(c);
  const db = c.get('db');
  const input = await validateForm(c, deadlinesInput);
  if (!input.ok) return render(c, page(f, input.state), 422);
  const rows = PROBLEM_CATEGORIES.flatMap((category) => {
    const days = input.data[`days.${category}`];
    return days === null ? [] : [{ programmeId: f.programme.id, category, workingDays: days }];
  });
  await db.batch([
    db.update(programmes).set({ defaultDeadlineDays: input.data.defaultDays }).where(eq(programmes.id, f.programme.id)),
    db.delete(categoryDeadlines).where(eq(categoryDeadlines.programmeId, f.programme.id)),
    ...(rows.length ? [db.insert(categoryDeadlines).values(rows)] : []),
    auditStatement(db, c, { action: 'deadlines', objectType: 'programme', objectId: f.programme.id, detail: { categories: rows.length } }),
  ]);
  return c.redirect(`/admin/deadlines?programme=${f.programme.id}&saved=1`, 303);
});
