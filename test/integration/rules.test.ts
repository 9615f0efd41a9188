// The rules of schema/rules/ have a TypeScript predicate and an SQL twin the database evaluates: here both
// are evaluated side by side (the SQL in D1, with SELECT over every combination of small inputs) and
// must agree, so the rollups, the read SQL and the pages cannot drift apart.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { PROBLEM_STATUSES } from '../../schema/memo-tables';
import { type Dated, deadlineInForce, deadlineSql, dueDate, dueSql } from '../../schema/rules/due-date';
import { closedSql, isOpen, openSql, unresolvableSql } from '../../schema/rules/problem-status';
import { metSql, threeOnes, threeOnesSql } from '../../schema/rules/three-ones';
import { DUE_INDEX } from '../../worker/stats/problem-rollup';

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
  const dates = [null, '2026-03-01', '2026-05-31'];
  const problems: Dated[] = ['2026-01-10', '2026-04-01'].flatMap((raisedOn) =>
    dates.flatMap((deadline) => dates.map((extendedDeadline) => ({ raisedOn, deadline, extendedDeadline }))),
  );

  it('is the same in SQL as in TypeScript, with and without deadline and extension', async () => {
    const rows = problems.map((p) => [p.raisedOn, p.deadline, p.extendedDeadline]);
    const got = await select<{ due: string; deadline: string | null }>(
      `SELECT ${dueSql('c')} AS due, ${deadlineSql('c')} AS deadline FROM ${table(['raised_on', 'deadline', 'extended_deadline'], rows)}`,
    );
    expect(got).toEqual(problems.map((p) => ({ due: dueDate(p), deadline: deadlineInForce(p) })));
    expect(got.map((r) => r.due)).toContain('2026-01-10'); // no deadline at all: due the day raised (until issue 14)
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
    const got = await select<{ status: string; open: number; closed: number; unresolvable: number }>(
      `SELECT status, ${openSql('c')} AS open, ${closedSql('c')} AS closed, ${unresolvableSql('c')} AS unresolvable
      FROM ${table(
        ['status'],
        PROBLEM_STATUSES.map((s) => [s]),
      )}`,
    );
    expect(got).toEqual(
      PROBLEM_STATUSES.map((status) => ({
        status,
        open: isOpen(status) ? 1 : 0,
        closed: status === 'closed' ? 1 : 0,
        unresolvable: status === 'unresolvable' ? 1 : 0,
      })),
    );
    // Every status is in exactly one group.
    for (const r of got) expect(r.open + r.closed + r.unresolvable, r.status).toBe(1);
  });
});
