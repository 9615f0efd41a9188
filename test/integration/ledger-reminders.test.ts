// The 待办 the daily run adds (worker/daily/ledger-reminders.ts), through the Cron Trigger's handler: an
// overdue problem gives exactly one 待办 to each responsible user — every handler of its unit, or its
// 责任人 alone — and so does one due within 3 working days; a problem waiting for 交办 too long gives each
// admin one. A second run the same day changes nothing; a 待办 time made stale is closed.
import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { outbox, todos } from '../../schema/ledger-tables';
import { problems } from '../../schema/memo-tables';
import { addDays, chinaToday } from '../../schema/rules/china-time';
import { addWorkingDays, MONDAY_TO_FRIDAY } from '../../schema/rules/working-days';
import { DAILY_CRON } from '../../worker/daily/daily-run';
import worker from '../../worker/index';
import { db, makeUnit, signedIn } from '../fixtures';
import { dispatchTo, handlerOf, memoForm, memoWithProblem, move, pairedOfficer, postMemo, problemRow, theAdmin } from '../fixtures/memos';
import { tableCounts } from '../security/helpers';

const fire = () =>
  worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: DAILY_CRON }), env, createExecutionContext());

const open = async (problemId: string, kind: string) =>
  (
    await db()
      .select({ userId: todos.userId })
      .from(todos)
      .where(and(eq(todos.problemId, problemId), eq(todos.kind, kind as 'overdue'), isNull(todos.closedAt)))
      .all()
  )
    .map((t) => t.userId)
    .sort();

let w: {
  overdue: string;
  assigned: string;
  soon: string;
  late: string;
  handlers: string[];
  assignee: string;
  admins: string[];
  leadCookie: string;
  adminCookie: string;
};

beforeAll(async () => {
  const today = chinaToday();
  const officer = await pairedOfficer();
  const admin = await theAdmin();
  const second = await signedIn('admin');
  const unit = await makeUnit();
  const [h1, h2] = [await handlerOf(unit.id), await handlerOf(unit.id)];
  const overdue = await memoWithProblem(officer.cookie, officer.enterprise.id);
  const assigned = await memoWithProblem(officer.cookie, officer.enterprise.id);
  const soon = await memoWithProblem(officer.cookie, officer.enterprise.id);
  await dispatchTo(overdue.id, unit.id);
  await dispatchTo(assigned.id, unit.id, { assigneeId: h2.user.id });
  await dispatchTo(soon.id, unit.id, { deadline: addWorkingDays(today, 2, MONDAY_TO_FRIDAY) });
  // Time passes: two deadlines are behind us (written straight to the rows, as the calendar would have it).
  await db()
    .update(problems)
    .set({ deadline: addDays(today, -2) })
    .where(eq(problems.id, overdue.id));
  await db()
    .update(problems)
    .set({ deadline: addDays(today, -1) })
    .where(eq(problems.id, assigned.id));
  // Raised in 2020 and never dispatched: 交办超时.
  const form = memoForm(officer.enterprise.id, [problemRow({ description: '早已提出、尚未交办' })], { visitDate: '2020-02-03' });
  expect((await postMemo(officer.cookie, form)).status).toBe(303);
  const late = await db()
    .select()
    .from(problems)
    .where(eq(problems.memoId, String(form.id)))
    .get();
  const admins = (
    await db()
      .select()
      .from(todos)
      .where(eq(todos.problemId, late?.id ?? ''))
      .all()
  )
    .map((t) => t.userId)
    .sort();
  w = {
    overdue: overdue.id,
    assigned: assigned.id,
    soon: soon.id,
    late: late?.id ?? '',
    handlers: [h1.user.id, h2.user.id].sort(),
    assignee: h2.user.id,
    admins,
    leadCookie: h1.cookie,
    adminCookie: admin.cookie,
  };
  expect(admins).toEqual(expect.arrayContaining([admin.user.id, second.user.id]));
});

describe('the daily run’s ledger reminders', () => {
  it('give each responsible user exactly one 待办, also after two runs the same day', async () => {
    await fire();
    expect(await open(w.overdue, 'overdue')).toEqual(w.handlers);
    expect(await open(w.assigned, 'overdue')).toEqual([w.assignee]); // the 责任人 alone
    expect(await open(w.soon, 'due_soon')).toEqual(w.handlers);
    expect(await open(w.soon, 'overdue')).toEqual([]);
    expect(await open(w.late, 'dispatch_late')).toEqual(w.admins);
    const outboxRows = async () => (await db().select().from(outbox).all()).length;
    const [counts, sent] = [await tableCounts(), await outboxRows()];
    expect(sent).toBeGreaterThan(0); // every new 待办 wrote its outbox row ('skipped': no sender chosen)
    await fire();
    const again = await tableCounts();
    expect({ todos: again.todos, outbox: again.outbox }).toEqual({ todos: counts.todos, outbox: counts.outbox });
    expect(await open(w.overdue, 'overdue')).toEqual(w.handlers);
    const runs = await db().all<{ detail: string }>(
      (await import('drizzle-orm')).sql`SELECT detail FROM daily_runs WHERE job = 'ledger-reminders' ORDER BY day DESC`,
    );
    expect(runs[0]?.detail).toContain('overdue: 0 problems reminded');
  });

  it('closes the reminders a move settles, and those time made stale', async () => {
    await fire();
    // The unit asks for more time and the office approves: no longer overdue.
    expect((await move(w.leadCookie, w.overdue, 'accept')).status).toBe(303);
    const later = addDays(chinaToday(), 30);
    expect((await move(w.leadCookie, w.overdue, 'request-extension', { deadline: later, reason: '审批周期长' })).status).toBe(303);
    expect((await move(w.adminCookie, w.overdue, 'approve-extension')).status).toBe(303);
    expect(await open(w.overdue, 'overdue')).toEqual([]);
    // A due-soon problem that fell overdue loses its due-soon 待办 at the next run and gains an overdue one.
    await db()
      .update(problems)
      .set({ deadline: addDays(chinaToday(), -1) })
      .where(eq(problems.id, w.soon));
    await fire();
    expect(await open(w.soon, 'due_soon')).toEqual([]);
    expect(await open(w.soon, 'overdue')).toEqual(w.handlers);
    expect(await open(w.overdue, 'overdue')).toEqual([]);
    // 交办 settles the admins' 交办超时.
    await dispatchTo(w.late, (await makeUnit()).id);
    expect(await open(w.late, 'dispatch_late')).toEqual([]);
  });
});
