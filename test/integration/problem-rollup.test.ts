// The problem_counts rollup against the problems themselves: a seeded random ledger — every status,
// extended deadlines, deadlines on the day raised, reopened problems, a problem without a lead unit,
// enterprises without chain or region, 督办, the working days of 交办, 受理 and handling — is written and
// then moved (closed, extended, reopened, re-categorised, supervised, confirmed unresolvable, deleted)
// through plain SQL, so only the triggers keep the rollup. For many periods and todays, every figure read
// from the rollup must equal the GROUP BY over the raw rows (problemBreakdownRaw, problemTrendRaw), and a
// recompute must rebuild exactly what the triggers wrote.
import { env } from 'cloudflare:test';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { problems } from '../../schema/memo-tables';
import { monthsOf } from '../../worker/stats/period';
import { splitPeriod } from '../../worker/stats/period-split';
import { DUE_INDEX, problemRecomputeStatements, problemRollupTriggers } from '../../worker/stats/problem-rollup';
import {
  type ProblemDimension,
  type ProblemGroup,
  problemBreakdown,
  problemBreakdownRaw,
  problemTrend,
  problemTrendRaw,
} from '../../worker/stats/problems.queries';
import { recomputeRollups } from '../../worker/stats/recompute-job';
import { db, makeChain, makeEnterprise, makeProgramme, makeUnit, makeUser } from '../fixtures';
import { addProblem } from '../fixtures/stats';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T };
}
const plus = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const CATEGORIES = ['finance', 'land', 'talent', 'approval'] as const;
const STATUSES = ['pending', 'dispatched', 'in_progress', 'closed', 'closed', 'struck_off', 'unresolvable', 'unresolved'] as const;
const CLOSED = ['closed', 'struck_off', 'unresolved'];

async function ledger() {
  const r = rng(20261123);
  const programme = await makeProgramme({ startsOn: '2025-11-01', endsOn: '2026-12-31' });
  const units = [await makeUnit(), await makeUnit()];
  const officers = [await makeUser({ role: 'officer', unitId: units[0]?.id }), await makeUser({ role: 'officer', unitId: units[1]?.id })];
  const chain = await makeChain();
  const enterprises = [
    await makeEnterprise({ chainId: chain.id, region: '东区' }),
    await makeEnterprise({ chainId: null, region: '' }),
    await makeEnterprise({ chainId: chain.id, region: '西区' }),
  ];
  const ids: string[] = [];
  for (let i = 0; i < 120; i++) {
    const raisedOn = plus('2025-11-01', r.int(420));
    const status = r.pick(STATUSES);
    const deadline = r.next() < 0.8 ? plus(raisedOn, 5 + r.int(60)) : raisedOn;
    const closed = CLOSED.includes(status);
    const closedOn = closed ? plus(raisedOn, r.int(80)) : null;
    const dispatched = status !== 'pending';
    const followUp =
      (status === 'closed' || status === 'struck_off') && r.next() < 0.6
        ? r.pick(['satisfied', 'basically', 'unsatisfied'] as const)
        : null;
    const row = await addProblem({
      programmeId: programme.id,
      enterpriseId: r.pick(enterprises).id,
      officerId: r.pick(officers).id,
      leadUnitId: r.next() < 0.9 ? r.pick(units).id : null,
      category: r.pick(CATEGORIES),
      raisedOn,
      deadline,
      extendedDeadline: r.next() < 0.2 ? plus(deadline, 30) : null,
      status,
      closedOn,
      followUp,
      // 企业确认 or 干部回访 (issue 16): the rollup keeps the enterprise's share and its own 解决率.
      followUpBy: followUp ? r.pick(['enterprise', 'officer'] as const) : null,
      dispatchDays: dispatched ? r.int(6) : null,
      acceptDays: dispatched && status !== 'dispatched' && r.next() < 0.8 ? r.int(4) : null,
      handlingDays: closed && r.next() < 0.8 ? r.int(40) : null,
      supervisedOn: r.next() < 0.15 ? plus(raisedOn, r.int(30)) : null,
    });
    ids.push(row.id);
  }
  // Edges the random ledger may miss: open with the deadline on a "today" (due, not yet overdue), closed on
  // its deadline day (on time), due the day it was raised.
  const base = {
    programmeId: programme.id,
    enterpriseId: enterprises[0]?.id ?? '',
    officerId: officers[0]?.id ?? '',
    leadUnitId: units[0]?.id,
  };
  for (const today of ['2026-06-15', '2026-04-30']) {
    await addProblem({ ...base, raisedOn: '2026-03-01', deadline: today, status: 'pending' });
    await addProblem({ ...base, raisedOn: '2026-03-01', deadline: today, status: 'closed', closedOn: today });
  }
  await addProblem({ ...base, raisedOn: '2026-02-07', deadline: '2026-02-07', status: 'in_progress' });
  // Moves after the insert, each through the update trigger (or the delete trigger).
  for (const id of ids.slice(0, 40)) {
    const move = r.int(7);
    if (move === 0)
      await db().update(problems).set({ status: 'closed', closedOn: '2026-03-15', followUp: 'satisfied' }).where(eq(problems.id, id));
    if (move === 1) await db().update(problems).set({ status: 'in_progress', closedOn: null, followUp: null }).where(eq(problems.id, id)); // reopened
    if (move === 2) await db().update(problems).set({ extendedDeadline: '2026-07-31' }).where(eq(problems.id, id));
    if (move === 3) await db().update(problems).set({ category: 'land', leadUnitId: null }).where(eq(problems.id, id));
    if (move === 4) await db().delete(problems).where(eq(problems.id, id));
    if (move === 5) await db().update(problems).set({ supervisedOn: '2026-04-02', superviseCount: 1 }).where(eq(problems.id, id));
    if (move === 6)
      await db()
        .update(problems)
        .set({ status: 'unresolved', closedOn: '2026-04-20', handlingDays: 12, dispatchDays: 2 })
        .where(eq(problems.id, id));
  }
  return programme;
}

let built: ReturnType<typeof ledger> | null = null;
const world = () => {
  built ??= ledger();
  return built;
};

/** Groups keyed for comparison; a group absent on one side must be all zeros on the other. */
const keyed = (groups: ProblemGroup[]) => Object.fromEntries(groups.map(({ key, ...g }) => [String(key), g]));

const PERIODS: [string, string][] = [
  ['2025-11-01', '2026-12-31'], // the whole programme
  ['2026-01-01', '2026-03-31'], // whole months
  ['2026-01-15', '2026-04-10'], // edges at both ends
  ['2026-02-07', '2026-02-07'], // one day
  ['2025-12-20', '2026-01-05'], // across the year, no whole month
  ['2026-05-01', '2026-12-31'], // ending after today
];
const TODAYS = ['2026-06-15', '2026-04-30', '2026-01-01', '2027-02-01'];

describe('problem_counts', () => {
  it('splits periods into whole months and edge days', () => {
    expect(splitPeriod('2026-01-01', '2026-03-31')).toEqual({ months: ['2026-01', '2026-03'], days: [] });
    expect(splitPeriod('2026-01-15', '2026-04-10')).toEqual({
      months: ['2026-02', '2026-03'],
      days: [
        ['2026-01-15', '2026-01-31'],
        ['2026-04-01', '2026-04-10'],
      ],
    });
    expect(splitPeriod('2025-12-20', '2026-01-05')).toEqual({ months: null, days: [['2025-12-20', '2026-01-05']] });
    expect(splitPeriod('2024-02-01', '2024-02-29')).toEqual({ months: ['2024-02', '2024-02'], days: [] });
    expect(splitPeriod('2026-03-02', '2026-03-01')).toEqual({ months: null, days: [] });
  });

  it('gives the same figures as the raw problems for every dimension, period and today', async () => {
    const programme = await world();
    let compared = 0;
    for (const [from, to] of PERIODS) {
      for (const today of TODAYS) {
        const scope = { programmeId: programme.id, period: { from, to }, today };
        for (const by of ['total', 'category', 'unit', 'chain', 'region'] as ProblemDimension[]) {
          const [rolled, raw] = [await problemBreakdown(db(), scope, by), await problemBreakdownRaw(db(), scope, by)];
          expect(keyed(rolled), `${by} ${from}…${to} today ${today}`).toEqual(keyed(raw));
          compared += raw.length;
        }
        const [trend, trendRaw] = [await problemTrend(db(), scope), await problemTrendRaw(db(), scope)];
        for (const month of monthsOf(scope.period)) {
          const { label: _a, ...a } = trend.get(month) ?? ({} as Partial<ProblemGroup>);
          const { label: _b, ...b } = trendRaw.get(month) ?? ({} as Partial<ProblemGroup>);
          const nonzero = (g: Partial<ProblemGroup>) => Object.values(g).some((v) => typeof v === 'number' && v !== 0);
          if (nonzero(a) || nonzero(b)) expect(a, `trend ${month}, ${from}…${to} today ${today}`).toEqual(b);
        }
      }
    }
    expect(compared).toBeGreaterThan(200); // the comparisons saw real groups, not empty lists
    // …and the supervision figures among them: 督办, and each working-day median.
    const [all] = await problemBreakdown(
      db(),
      { programmeId: programme.id, period: { from: '2025-11-01', to: '2026-12-31' }, today: '2027-02-01' },
      'total',
    );
    expect(all?.supervised).toBeGreaterThan(0);
    expect([all?.medianDispatchDays, all?.medianAcceptDays, all?.medianHandlingDays].every((m) => typeof m === 'number')).toBe(true);
    expect(all?.unresolved).toBeGreaterThan(0);
  });

  it('rebuilds exactly what the triggers wrote, and repairs a broken row', async () => {
    const programme = await world();
    const snapshot = () =>
      db().all(
        sql`SELECT * FROM problem_counts WHERE programme_id = ${programme.id} AND n <> 0
          ORDER BY dimension, grain, period, group_key, kind, days`,
      );
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(100);
    await db().run(sql`UPDATE problem_counts SET n = n + 7 WHERE programme_id = ${programme.id} AND kind = 'raised'`);
    expect(await snapshot()).not.toEqual(before);
    await env.DB.batch(problemRecomputeStatements().map((s) => env.DB.prepare(s)));
    expect(await snapshot()).toEqual(before);
    // The admin route's rebuild goes programme by programme.
    await db().run(sql`DELETE FROM problem_counts WHERE programme_id = ${programme.id} AND grain = 'm'`);
    await recomputeRollups(db());
    expect(await snapshot()).toEqual(before);
  });

  it('is kept by exactly the triggers (and read through the index) the migration creates', () => {
    const applied = env.TEST_MIGRATIONS.flatMap((m) => m.queries).join('\n');
    for (const statement of [DUE_INDEX, ...problemRollupTriggers().map((t) => t.sql)]) expect(applied).toContain(statement);
  });
});
