// The supervised ledger's own tables (issue 15): the working-day calendar, the default deadlines per
// category, 待办 and the notification outbox, and the office's notification settings.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { PROBLEM_CATEGORIES, problems } from './memo-tables';
import { CALENDAR_KINDS } from './rules/working-days';
import { sqliteTable } from './sqlite-table';
import { programmes, users } from './tables';

/**
 * The exceptions to Monday–Friday (schema/rules/working-days.ts): 法定节假日 ('holiday') and 调休 weekend
 * days that are worked ('workday'). A year with no row is plain Monday–Friday, and the admin home says so.
 */
export const calendarDays = sqliteTable('calendar_days', {
  date: text().primaryKey(),
  kind: text({ enum: CALENDAR_KINDS }).notNull(),
  note: text().notNull().default(''),
});

/** 办结时限 by category, in working days (e.g. 政策兑现 15): a programme's default deadlines. */
export const categoryDeadlines = sqliteTable(
  'category_deadlines',
  {
    programmeId: text()
      .notNull()
      .references(() => programmes.id),
    category: text({ enum: PROBLEM_CATEGORIES }).notNull(),
    workingDays: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.category] })],
);

/** 待办 kinds: who must act next on a problem (worker/problems/todos.ts says who gets which). */
export const TODO_KINDS = [
  'dispatch', // admins: 交办 a problem raised
  'accept', // the unit: 受理
  'handle', // the unit: handle again after a negative 回访
  'extension', // admins: decide a 申请延期
  'confirm', // admins: 确认无法办理 or 转办
  'follow_up', // the officer: 回访
  'strike_off', // admins: 销号
  'supervised', // the unit: a 督办
  'due_soon', // the unit: due within 3 working days (daily run)
  'overdue', // the unit: past the deadline (daily run)
  'dispatch_late', // admins: waiting for 交办 more than 3 working days (daily run)
  'request', // the paired officers: the enterprise raised a request itself (企业直报, issue 16)
] as const;

/**
 * 待办: written in the batch of the move that creates them and closed by the move that settles them; the
 * daily run adds only what time creates. At most one open 待办 of a kind per user and problem, so
 * writing one twice (two daily runs, a retried move) changes nothing.
 */
export const todos = sqliteTable(
  'todos',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    userId: text()
      .notNull()
      .references(() => users.id),
    kind: text({ enum: TODO_KINDS }).notNull(),
    problemId: text()
      .notNull()
      .references(() => problems.id),
    /** The date it is about (the deadline, the day of the 督办 …), shown with it. */
    dueOn: text(),
    createdAt: integer().notNull(),
    closedAt: integer(),
    /** The write that made it (a move's stamp or a daily run's day), so its outbox rows follow in the same batch. */
    origin: text().notNull(),
  },
  (t) => [
    uniqueIndex('todos_open_uq').on(t.userId, t.kind, t.problemId).where(sql`closed_at IS NULL`),
    index('todos_user_open_idx').on(t.userId, t.closedAt),
    index('todos_problem_idx').on(t.problemId, t.closedAt),
    index('todos_origin_idx').on(t.origin),
  ],
);

export const OUTBOX_CHANNELS = ['none', 'webhook', 'email'] as const;
export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;

/**
 * One notification per new 待办, on the channel the office chose when it was written (worker/notify/):
 * 'none' rows are 'skipped' at once; the others are delivered after the write and by the daily run,
 * retried with backoff up to a limit, then 'failed' and shown to the admin.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    todoId: integer().references(() => todos.id),
    userId: text()
      .notNull()
      .references(() => users.id),
    channel: text({ enum: OUTBOX_CHANNELS }).notNull(),
    message: text().notNull(),
    status: text({ enum: OUTBOX_STATUSES }).notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: integer().notNull(),
    /** A delivery run holds the row until then, so two runs never send it twice at once. */
    leaseUntil: integer().notNull().default(0),
    lastError: text().notNull().default(''),
    createdAt: integer().notNull(),
    sentAt: integer(),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt), index('outbox_user_idx').on(t.userId)],
);

/** Settings the admin edits at run time: the notification sender and the webhook URL. */
export const settings = sqliteTable('settings', {
  key: text().primaryKey(),
  value: text().notNull(),
  updatedAt: integer().notNull(),
});
