// The rules of schema/rules/ have a TypeScript predicate and an SQL twin the database evaluates: here both
// are evaluated side by side (the SQL in D1, with SELECT over every combination of small inputs) and
// must agree, so the rollups, the read SQL and the pages cannot drift apart.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { calendarDays } from '../../schema/ledger-tables';
import { PROBLEM_STATUSES } from '../../schema/memo-tables';
import { addDays } from '../../schema/rules/china-time';
import { type Dated, deadlineInForce, deadlineSql, dueDate, dueSql } from '../../schema/rules/due-date';
import { closedSql, doneSql, isClosed, isDone, isOpen, openSql, unresolvedSql } from '../../schema/rules/problem-status';
import { metSql, threeOnes, threeOnesSql } from '../../schema/rules/three-ones';
import { calendarOf, workingDaysBetween, workingDaysBetweenSql } from '../../schema/rules/working-days';
import { DUE_INDEX } from '../../worker/stats/problem-rollup';
import { db } from '../fixtures';

const literal = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);

/** Rows of `columns` as a table under alias `c`, for one SELECT over all of them. */
const table = (columns: string[], rows: (string | number | null)[][]) =>
  `(SELECT ${columns.map((c, i) => `column${i + 1} AS ${c}`).join(', ')} FROM (VALUES ${rows
    .map((r) => `(${r.map(literal).join(', ')})`)
    .join(', ')})) c`;

async function select<T>(query: string): Promise<T[]> {
  return (await env.DB.prepare(query).all<T>()).results;
}

describe('三个一', () => {
  const small = [0, 1, 2];
  const combinations = small.flatMap((contacts) =>
    small.flatMap((onsite) => small.flatMap((solved) => small.map((noRequest) => ({ contacts, onsite, solved, noRequest })))),
  );

  it('is met in SQL exactly when threeOnes says so, for every combination of small counts', async () => {
    const rows = combinations.map((c) => [c.contacts, c.onsite, c.solved, c.noRequest]);
    const columns = ['memos', 'onsite', 'solved', 'no_request'];
    const got = await select<{ memos: number; onsite: number; solved: number; no_request: number; met: number; twin: number }>(
      `SELECT memos, onsite, solved, no_request, ${metSql('c')} AS met,
        ${threeOnesSql({ contacts: 'c.memos', onsite: 'c.onsite', solved: 'c.solved', noRequest: 'c.no_request' })} AS twin
      FROM ${table(columns, rows)}`,
    );
    expect(got).toHaveLength(81);
    for (const r of got) {
      const want = threeOnes({ contacts: r.memos, onsite: r.onsite, solved: r.solved, noRequest: r.no_request }).met ? 1 : 0;
      expect([r.met, r.twin], JSON.stringify(r)).toEqual([want, want]);
    }
    expect(got.filter((r) => r.met === 1)).toHaveLength(2 * 2 * 8); // contacts 1–2, onsite 1–2, not both of the rest 0
  });
});

describe('the due date', () => {
  const dates = [null, '2026-05-31', '2026-07-15'];
  const problems: Dated[] = ['2026-03-01', '2026-06-01'].flatMap((deadline) =>
    dates.map((extendedDeadline) => ({ deadline, extendedDeadline })),
  );

  it('is the same in SQL as in TypeScript, with and without an approved extension', async () => {
    const rows = problems.map((p) => [p.deadline, p.extendedDeadline]);
    const got = await select<{ due: string; deadline: string }>(
      `SELECT ${dueSql('c')} AS due, ${deadlineSql('c')} AS deadline FROM ${table(['deadline', 'extended_deadline'], rows)}`,
    );
    expect(got).toEqual(problems.map((p) => ({ due: dueDate(p), deadline: deadlineInForce(p) })));
    // Every problem has a deadline (provisional while 待交办): none falls due on the day it was raised.
    expect(got.every((r) => r.due !== null)).toBe(true);
    expect(got.map((r) => r.due)).toContain('2026-07-15');
  });

  it('is the expression of the due-date index, so the planner can use it', async () => {
    const [index] = await select<{ sql: string }>(
      "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'problems_programme_due_idx'",
    );
    const normal = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(normal(index?.sql ?? '')).toBe(normal(DUE_INDEX));
    expect(index?.sql).toContain(dueSql(''));
  });
});

describe('problem states', () => {
  it('group every status alike in SQL and in TypeScript', async () => {
    const got = await select<{ status: string; open: number; closed: number; done: number; unresolved: number }>(
      `SELECT status, ${openSql('c')} AS open, ${closedSql('c')} AS closed, ${doneSql('c')} AS done, ${unresolvedSql('c')} AS unresolved
      FROM ${table(
        ['status'],
        PROBLEM_STATUSES.map((s) => [s]),
      )}`,
    );
    expect(got).toEqual(
      PROBLEM_STATUSES.map((status) => ({
        status,
        open: isOpen(status) ? 1 : 0,
        closed: isClosed(status) ? 1 : 0,
        done: isDone(status) ? 1 : 0,
        unresolved: status === 'unresolved' ? 1 : 0,
      })),
    );
    // Every status is open or closed, never both; closed is done or unresolved (确认无法办理: closed, not resolved).
    for (const r of got) expect([r.open + r.closed, r.closed - r.done - r.unresolved], r.status).toEqual([1, 0]);
    expect(got.filter((r) => r.done).map((r) => r.status)).toEqual(['closed', 'struck_off']);
  });
});

describe('working days', () => {
  // The 2026 calendar of the State Council's notice around 国庆节 and 中秋节: 10-01 to 10-08 off (a
  // Thursday to the next Thursday, two weekends inside), Sunday 09-27 and Saturday 10-10 worked (调休).
  const rows = [
    ...['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08'].map((date) => ({
      date,
      kind: 'holiday' as const,
    })),
    { date: '2026-09-27', kind: 'workday' as const },
    { date: '2026-10-10', kind: 'workday' as const },
  ];
  const cal = calendarOf(rows);

  it('count the same in SQL as in TypeScript over every pair of days around the holiday', async () => {
    await db().delete(calendarDays);
    await db().insert(calendarDays).values(rows);
    const span = Array.from({ length: 23 }, (_, i) => addDays('2026-09-24', i));
    const pairs = span.flatMap((from) => span.map((to) => [from, to]));
    const got = await select<{ f: string; t: string; n: number }>(
      `SELECT c.f, c.t, ${workingDaysBetweenSql('c.f', 'c.t')} AS n FROM ${table(['f', 't'], pairs)}`,
    );
    expect(got).toHaveLength(pairs.length);
    for (const r of got) expect(r.n, `${r.f} → ${r.t}`).toBe(workingDaysBetween(r.f, r.t, cal));
    await db().delete(calendarDays);
  });
});
