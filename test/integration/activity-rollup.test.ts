// The coverage and 三个一 figures read from the rollups (migration 0007's triggers, worker/stats/
// activity.queries.ts) against the same figures grouped from the raw rows (test/fixtures/
// activity-reference.ts), for every dimension, the unit and officer pages' narrowed scopes and many
// periods. Activity is written through the real routes (memos, problems closed and reopened) and as raw
// rows; pairings, units, chains and regions are changed afterwards; the recompute must rebuild exactly
// what the triggers keep, and repair what was broken.
import { env } from 'cloudflare:workers';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activityCounts, activityPairMonths, activityReach, memos, problems } from '../../schema/memo-tables';
import { chinaToday } from '../../schema/rules/china-time';
import { assignments, enterprises, users } from '../../schema/tables';
import { type ActivityDimension, activityBreakdown, activityTotals } from '../../worker/stats/activity.queries';
import { activityRecomputeStatements } from '../../worker/stats/activity-rollup';
import type { Period, Scope } from '../../worker/stats/period';
import { db, login, makeChain, makeEnterprise, makeProgramme, makeUnit, makeUser, pair } from '../fixtures';
import { referenceActivityBreakdown } from '../fixtures/activity-reference';
import { dispatchTo, handlerOf, memoForm, move, postMemo, problemRow, readProblemRow } from '../fixtures/memos';
import { addMemo, addProblem } from '../fixtures/stats';

const TODAY = chinaToday();
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const BY: ActivityDimension[] = ['total', 'unit', 'officer', 'chain', 'region', 'month'];

/** Whole months, partial months at either end, one day, a year boundary, past today, the programme's. */
const PERIODS: Period[] = [
  { from: '2025-10-01', to: '2026-03-31' },
  { from: '2026-01-01', to: '2026-01-31' },
  { from: '2025-11-15', to: '2026-02-10' },
  { from: '2025-12-01', to: '2026-02-14' },
  { from: '2025-11-16', to: '2026-01-31' },
  { from: '2026-01-05', to: '2026-01-20' },
  { from: '2025-12-31', to: '2025-12-31' },
  { from: '2026-02-28', to: '2026-03-01' },
  { from: '2025-12-20', to: '2026-01-10' },
  { from: '2025-12-01', to: '2026-01-31' },
  { from: '2025-10-01', to: addDays(TODAY, 45) },
  { from: `${TODAY.slice(0, 7)}-01`, to: TODAY },
  { from: TODAY, to: TODAY },
  { from: '2020-01-01', to: '2099-12-31' },
];

/** A fixed pseudo-random sequence, so a failure can be replayed. */
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

async function makeWorld() {
  // The active programme (latest start covering today), so the memo route writes into it.
  const programme = await makeProgramme({ startsOn: '2020-01-01', endsOn: '2099-12-31', confirmWaitDays: 0 });
  const other = await makeProgramme({ startsOn: '2010-01-01', endsOn: '2099-12-31' });
  const [u1, u2] = [await makeUnit(), await makeUnit()];
  const o1 = await makeUser({ role: 'officer', unitId: u1.id });
  const o2 = await makeUser({ role: 'officer', unitId: u1.id });
  const o3 = await makeUser({ role: 'officer', unitId: u2.id });
  const o4 = await makeUser({ role: 'officer' }); // no unit
  const [c1, c2] = [await makeChain(), await makeChain()];
  const e = [
    await makeEnterprise({ chainId: c1.id, region: '东区' }),
    await makeEnterprise({ chainId: c1.id, region: '西区' }),
    await makeEnterprise({ chainId: c2.id, region: '' }),
    await makeEnterprise({ region: '东区' }),
    await makeEnterprise(), // no chain, no region
    await makeEnterprise({ chainId: c2.id, region: '西区' }),
  ];
  const ent = (i: number) => e[i] as (typeof e)[number];
  const officers = { o1, o2, o3, o4 };
  type Officer = typeof o1;
  // Paired (lead first): o1 e0–e2, o2 e3 e0, o3 e5 e2 e3, o4 e4; o2·e1 and o4·e5 visit unpaired.
  const pairing: [Officer, number[], number[]][] = [
    [o1, [0, 1, 2], []],
    [o2, [3], [0]],
    [o3, [5], [2, 3]],
    [o4, [4], []],
  ];
  for (const [o, lead, helps] of pairing) {
    for (const i of lead) await pair(programme.id, o.id, ent(i).id, true);
    for (const i of helps) await pair(programme.id, o.id, ent(i).id, false);
  }
  await pair(other.id, o1.id, ent(0).id);
  const visits: [Officer, number][] = [
    [o1, 0],
    [o1, 1],
    [o1, 2],
    [o2, 0],
    [o2, 1],
    [o2, 3],
    [o3, 2],
    [o3, 3],
    [o3, 5],
    [o4, 4],
    [o4, 5],
  ];
  const rnd = prng(20260101);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const day = () => addDays('2025-10-01', Math.floor(rnd() * 182)); // 2025-10-01 … 2026-03-31
  for (let i = 0; i < 160; i++) {
    const [o, ei] = pick(visits);
    const noRequest = rnd() < 0.15;
    await addMemo({
      programmeId: programme.id,
      officerId: o.id,
      enterpriseId: ent(ei).id,
      visitDate: day(),
      mode: rnd() < 0.45 ? 'onsite' : pick(['phone', 'online', 'video'] as const),
      noRequest,
    });
  }
  for (let i = 0; i < 50; i++) {
    const [o, ei] = pick(visits);
    const raisedOn = day();
    const closed = rnd() < 0.6;
    await addProblem({
      programmeId: programme.id,
      officerId: o.id,
      enterpriseId: ent(ei).id,
      raisedOn,
      status: closed ? 'closed' : pick(['pending', 'in_progress', 'unresolvable'] as const),
      closedOn: closed ? (raisedOn > '2026-03-25' ? raisedOn : addDays(raisedOn, Math.floor(rnd() * 20))) : null,
    });
  }
  // The last and first days of months, on site with 无诉求: met in their own month only.
  for (const visitDate of ['2025-11-30', '2025-12-31', '2026-01-01', '2026-01-31', '2026-02-28', '2026-03-01']) {
    await addMemo({ programmeId: programme.id, officerId: o4.id, enterpriseId: ent(4).id, visitDate, noRequest: true });
  }
  // Another programme's memos and problems, with the same officers and enterprises.
  for (let i = 0; i < 20; i++) {
    const [o, ei] = pick(visits);
    await addMemo({ programmeId: other.id, officerId: o.id, enterpriseId: ent(ei).id, visitDate: day(), noRequest: true });
  }
  await addProblem({
    programmeId: other.id,
    officerId: o1.id,
    enterpriseId: ent(0).id,
    raisedOn: '2026-01-10',
    status: 'closed',
    closedOn: '2026-01-12',
  });
  // Through the routes: o1's visits on a month's last day with a problem solved on the spot, and
  // today; o3's visit today recording 无诉求.
  const cookie = await login(o1);
  const posted = async (c: string, enterpriseId: string, rows: Record<string, string>[], extra: Record<string, string>) => {
    const res = await postMemo(c, memoForm(enterpriseId, rows, extra));
    expect(res.status).toBe(303);
  };
  await posted(cookie, ent(0).id, [problemRow({ onSpot: 'on', resolution: '当场协调' })], { visitDate: '2025-12-31' });
  await posted(cookie, ent(1).id, [], { visitDate: '2026-01-31', mode: 'phone' });
  await posted(cookie, ent(2).id, [], { visitDate: TODAY });
  await posted(await login(o3), ent(3).id, [], { visitDate: TODAY, noRequest: 'on' });
  return { programme, other, units: { u1, u2 }, officers, chains: { c1, c2 }, ent, cookie };
}

let built: ReturnType<typeof makeWorld> | null = null;
const world = () => {
  built ??= makeWorld();
  return built;
};
type World = Awaited<ReturnType<typeof makeWorld>>;

/** Scopes of the overview and breakdown pages, the unit pages, the officer pages, and a contradiction. */
const narrowings = (w: World): Partial<Scope>[] => {
  const { o1, o4 } = w.officers;
  return [
    {},
    { unitId: w.units.u1.id },
    { unitId: w.units.u2.id },
    { officerId: o1.id },
    { officerId: o4.id },
    { unitId: w.units.u2.id, officerId: o1.id },
  ];
};

/** activityBreakdown equals the reference for every period, today, narrowing and dimension given. */
async function expectReference(w: World, opts: { periods?: Period[]; todays?: string[]; by?: ActivityDimension[] } = {}) {
  let compared = 0;
  for (const period of opts.periods ?? PERIODS) {
    for (const today of opts.todays ?? [TODAY, '2026-01-15']) {
      for (const narrow of narrowings(w)) {
        for (const by of opts.by ?? BY) {
          const scope: Scope = { programmeId: w.programme.id, period, today, ...narrow };
          const want = await referenceActivityBreakdown(db(), scope, by);
          const got = await activityBreakdown(db(), scope, by);
          expect(got, JSON.stringify({ period, today, narrow, by })).toEqual(want);
          compared += want.length;
        }
      }
    }
  }
  return compared;
}

const snapshot = async () => ({
  pairMonths: await db()
    .select()
    .from(activityPairMonths)
    .orderBy(activityPairMonths.programmeId, activityPairMonths.officerId, activityPairMonths.enterpriseId, activityPairMonths.month)
    .all(),
  counts: await db()
    .select()
    .from(activityCounts)
    .orderBy(activityCounts.programmeId, activityCounts.dimension, activityCounts.month, activityCounts.groupKey)
    .all(),
  reach: await db()
    .select()
    .from(activityReach)
    .orderBy(activityReach.programmeId, activityReach.dimension, activityReach.month, activityReach.groupKey, activityReach.prev)
    .all(),
});

const recompute = () => env.DB.batch(activityRecomputeStatements().map((s) => env.DB.prepare(s)));

describe('coverage and 三个一 from the rollups', () => {
  it('equal the raw-row GROUP BY for every dimension, narrowed scope and period', async () => {
    const w = await world();
    const whole: Scope = { programmeId: w.programme.id, period: PERIODS[0] as Period, today: TODAY };
    const totals = await referenceActivityBreakdown(db(), whole, 'total');
    // The fixture is not trivial: every figure is there to be got wrong.
    expect(totals[0]).toMatchObject({ enterprises: 6 });
    expect(totals[0]?.pairs).toBeGreaterThan(0);
    expect(totals[0]?.met).toBeGreaterThan(5);
    expect(totals[0]?.onsite).toBeGreaterThan(50);
    expect((await snapshot()).reach.length).toBeGreaterThan(50);
    expect(await expectReference(w)).toBeGreaterThan(2000);
  }, 120_000);

  it('count a month as solved while its problem is closed, not once a negative 回访 reopens it', async () => {
    const w = await world();
    const { o1 } = w.officers;
    const enterprise = await makeEnterprise();
    await pair(w.programme.id, o1.id, enterprise.id);
    const res = await postMemo(w.cookie, memoForm(enterprise.id, [problemRow()], { visitDate: TODAY }));
    expect(res.status).toBe(303);
    const problem = await db().select().from(problems).where(eq(problems.enterpriseId, enterprise.id)).get();
    const id = String(problem?.id);
    const scope: Scope = { programmeId: w.programme.id, period: { from: TODAY, to: TODAY }, today: TODAY, officerId: o1.id };
    const mine = async () => (await activityBreakdown(db(), scope, 'total'))[0]?.met ?? 0;
    const before = await mine();
    // The moves' effects are checked on the row: the HTTP answers are the problem tests' business. The
    // admin dispatches, the unit's handler accepts and closes, the officer records the 回访.
    const unit = await makeUnit();
    const handler = await handlerOf(unit.id);
    await dispatchTo(id, unit.id);
    const moved = async (cookie: string, segment: string, data: Record<string, string>, status: string) => {
      await move(cookie, id, segment, data);
      expect((await readProblemRow(id))?.status, segment).toBe(status);
    };
    await moved(handler.cookie, 'accept', {}, 'in_progress');
    await moved(handler.cookie, 'close', { resolution: '已解决' }, 'closed');
    expect(await mine()).toBe(before + 1);
    expect(await activityTotals(db(), { ...scope, officerId: undefined })).toEqual(
      (await referenceActivityBreakdown(db(), { ...scope, officerId: undefined }, 'total'))[0],
    );
    await moved(w.cookie, 'follow-up', { outcome: 'unsatisfied', note: '未解决' }, 'in_progress');
    expect(await mine()).toBe(before);
    await expectReference(w, { periods: [{ from: `${TODAY.slice(0, 7)}-01`, to: TODAY }], todays: [TODAY] });
  }, 60_000);

  it('follow officers to other units, enterprises to other chains and regions, and the pairing list', async () => {
    const w = await world();
    const { o1, o2, o3, o4 } = w.officers;
    const [e0, e1, e2, e4, e5] = [w.ent(0), w.ent(1), w.ent(2), w.ent(4), w.ent(5)];
    await db().update(users).set({ unitId: w.units.u2.id }).where(eq(users.id, o2.id));
    await db().update(users).set({ unitId: w.units.u1.id }).where(eq(users.id, o4.id));
    await db().update(users).set({ unitId: null }).where(eq(users.id, o3.id));
    await db().update(enterprises).set({ chainId: w.chains.c2.id, region: '北区' }).where(eq(enterprises.id, e0.id));
    await db().update(enterprises).set({ chainId: null }).where(eq(enterprises.id, e2.id));
    await db().update(enterprises).set({ region: '西区' }).where(eq(enterprises.id, e4.id));
    await db()
      .delete(assignments)
      .where(and(eq(assignments.programmeId, w.programme.id), eq(assignments.officerId, o1.id), eq(assignments.enterpriseId, e1.id)));
    await pair(w.programme.id, o4.id, e5.id, false);
    // Raw edits no route makes: a memo moved to another month and mode, one deleted, a problem handed over.
    const [m0, m1] = await db().select().from(memos).where(eq(memos.programmeId, w.programme.id)).limit(2).all();
    await db()
      .update(memos)
      .set({ visitDate: '2026-02-27', mode: 'onsite' })
      .where(eq(memos.id, String(m0?.id)));
    await db()
      .update(memos)
      .set({ officerId: o3.id, noRequest: true })
      .where(eq(memos.id, String(m1?.id)));
    const solved = await db().select().from(problems).where(eq(problems.status, 'closed')).limit(3).all();
    await db()
      .update(problems)
      .set({ officerId: o2.id })
      .where(eq(problems.id, String(solved[0]?.id)));
    await db()
      .update(problems)
      .set({ closedOn: '2026-03-31' })
      .where(eq(problems.id, String(solved[1]?.id)));
    const loose = await addMemo({ programmeId: w.programme.id, officerId: o2.id, enterpriseId: e0.id, visitDate: '2026-01-31' });
    await db().delete(memos).where(eq(memos.id, loose.id));
    await expectReference(w, { periods: PERIODS.slice(0, 10), todays: [TODAY] });
    // Then the rollups are still exactly what a rebuild from the raw rows gives.
    const kept = await snapshot();
    await recompute();
    expect(await snapshot()).toEqual(kept);
  }, 60_000);
});

describe('activityRecomputeStatements', () => {
  it('rebuilds exactly what the triggers kept, and repairs broken rollups', async () => {
    const w = await world();
    const before = await snapshot();
    expect(before.pairMonths.length).toBeGreaterThan(50);
    await recompute();
    expect(await snapshot()).toEqual(before);
    const { o1 } = w.officers;
    const scope: Scope = { programmeId: w.programme.id, period: PERIODS[0] as Period, today: TODAY };
    await db().run(sql`UPDATE activity_counts SET contacts = contacts + 3, met = met + 1 WHERE dimension = 'total'`);
    await db().run(sql`DELETE FROM activity_reach WHERE dimension = 'unit'`);
    await db().run(sql`UPDATE activity_pair_months SET solved = solved + 1 WHERE officer_id = ${o1.id}`);
    await db().run(sql`INSERT INTO activity_pair_months VALUES (${w.programme.id}, ${o1.id}, ${w.ent(0).id}, '2031-01', 2, 1, 0, 0)`);
    expect(await activityTotals(db(), scope)).not.toEqual((await referenceActivityBreakdown(db(), scope, 'total'))[0]);
    await recompute();
    expect(await snapshot()).toEqual(before);
    await expectReference(w, { periods: PERIODS.slice(0, 3), todays: [TODAY] });
  }, 60_000);
});
