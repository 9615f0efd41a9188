// 批量交办 from the ledger list (issue 15): the admin ticks 待交办 problems, picks one lead unit and,
// optionally, one 办结时限 for all; otherwise each problem gets its own category's default. Every
// problem's move is the same guarded group of statements as a single 交办 (problem-write.ts), all in
// one batch: a problem someone else dispatched meanwhile is left as it is, the others go through.
import { eq, inArray } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { bulkDispatchInput, ledgerQuery } from '../../schema/inputs/problems';
import { problems } from '../../schema/memo-tables';
import { chinaToday, earliest } from '../../schema/rules/china-time';
import { defaultDeadline } from '../../schema/rules/due-date';
import { CONFIRM_WAIT_DAYS } from '../../schema/rules/problem-moves';
import { enterprises } from '../../schema/tables';
import { LedgerPage } from '../../web/pages/problems/ledger';
import type { AppEnv } from '../app-env';
import { requireRole } from '../auth/guards';
import { render } from '../lib/render';
import { fieldErrors, readForm } from '../lib/validate';
import { deliverAfterWrite } from '../notify/deliver';
import { calendarFrom, deadlineDefaults, ledgerDay } from './deadlines.queries';
import { ledgerOptions, listProblems } from './ledger.queries';
import { expectedOf, refusalMessage, resolveAction, stateOf } from './move-input';
import { moveStatements } from './problem-write';
import { applyAction } from './transitions';

export const bulkDispatchRoutes = new Hono<AppEnv>();

async function ledgerAgain(c: Context<AppEnv>, values: Record<string, unknown>, errors: Record<string, string>) {
  const db = c.get('db');
  const user = c.get('user');
  if (!user) throw new Error('unreachable: requireRole ran');
  const q = ledgerQuery.parse({ status: 'pending' });
  const day = await ledgerDay(db);
  const [result, options] = await Promise.all([listProblems(db, user, q, day), ledgerOptions(db, user)]);
  const bulk = { values: values as Record<string, string>, errors };
  return render(c, <LedgerPage {...result} {...day} query={{ status: 'pending' }} options={options} bulk={bulk} />, 422);
}

bulkDispatchRoutes.post('/dispatch', requireRole('admin'), async (c) => {
  const db = c.get('db');
  const t = c.get('t');
  const values = await readForm(c);
  const parsed = bulkDispatchInput.safeParse(values, { reportInput: true });
  if (!parsed.success) return ledgerAgain(c, values, fieldErrors(parsed.error, t));
  const input = parsed.data;
  const today = chinaToday();
  const rows = await db
    .select({ problem: problems, enterpriseName: enterprises.name })
    .from(problems)
    .innerJoin(enterprises, eq(enterprises.id, problems.enterpriseId))
    .where(inArray(problems.id, input.ids))
    .all();
  if (rows.length !== input.ids.length) return ledgerAgain(c, values, { ids: t('err.invalidChoice') });
  const calendar = await calendarFrom(db, earliest(today, ...rows.map((r) => r.problem.raisedOn)));
  const defaults = new Map<string, Awaited<ReturnType<typeof deadlineDefaults>>>();
  const statements: ReturnType<typeof moveStatements> = [];
  for (const row of rows) {
    const p = row.problem;
    const view = {
      ...row,
      contactName: '',
      contactPhone: '',
      officerName: '',
      leadUnitName: null,
      proposedUnitName: null,
      assigneeName: null,
      confirmWaitDays: CONFIRM_WAIT_DAYS,
    };
    if (!defaults.has(p.programmeId)) defaults.set(p.programmeId, await deadlineDefaults(db, p.programmeId));
    const deadline =
      input.deadline ?? defaultDeadline(today, p.category, defaults.get(p.programmeId) ?? { categoryDays: {}, defaultDays: 30 }, calendar);
    const resolved = await resolveAction(
      db,
      t,
      p,
      'dispatch',
      { leadUnitId: input.leadUnitId, supportUnitIds: [], assigneeId: null, deadline, note: input.note },
      today,
    );
    if (!resolved.ok) return ledgerAgain(c, values, resolved.errors);
    // 交办 never looks at the 回访 wait: any number of days will do.
    const outcome = applyAction(stateOf(p, today, CONFIRM_WAIT_DAYS), resolved.action, { today, calendar });
    if (!outcome.ok) {
      const field = outcome.refusal === 'illegal' ? 'ids' : (outcome.field ?? 'ids');
      return ledgerAgain(c, values, { [field]: `${p.code}：${refusalMessage(t, outcome.refusal, p.status, 'dispatch')}` });
    }
    statements.push(...moveStatements(db, c, expectedOf(view), outcome, 'admin'));
  }
  await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  deliverAfterWrite(c);
  return c.redirect(`/problems?status=dispatched&unit=${input.leadUnitId}`, 303);
});
