// Statistics against hand-computed fixtures (worked out in the comments): problem-ledger rates with
// extended deadlines and a problem reopened by a negative 回访, 三个一 and coverage from memos, survey
// figures from the rollups written by the real submission route, suppression, and the recompute.
import { env } from 'cloudflare:workers';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../schema/form-templates';
import { campaignCounters, groupCounts, optionCounts } from '../../schema/survey-tables';
import { auditLog } from '../../schema/tables';
import { activityBreakdown, activityTotals } from '../../worker/stats/activity.queries';
import { statsConfig } from '../../worker/stats/config';
import { breakdown, headlineFigures, overview } from '../../worker/stats/dashboard';
import { takeOfficerSnapshot } from '../../worker/stats/officer-snapshot';
import { problemBreakdown, problemTotals, problemTrend } from '../../worker/stats/problems.queries';
import { recomputeRollups } from '../../worker/stats/recompute-job';
import { likertItems } from '../../worker/stats/satisfaction';
import { satisfactionGroups, surveyRollups } from '../../worker/stats/survey.queries';
import { call, db, login, makeEnterprise, makeProgramme, makeUser, pair, postForm, signedIn } from '../fixtures';
import { addMemo, addProblem, respond, satisfactionAnswer, statsWorld, surveyRound, type World } from '../fixtures/stats';

const PERIOD = { from: '2026-01-01', to: '2026-06-30' };
const TODAY = '2026-06-15';

let built: Promise<World & { rounds: { r1: string; r2: string; r3: string } }> | null = null;
/** The file's world, built once: the tests only read it (the recompute test restores what it breaks). */
function world() {
  built ??= (async () => {
    const w = await statsWorld();
    const [e1, e2, e3, e4, e5, e6] = w.enterprises;
    const { o1, o2, o3 } = w.officers;
    const p = w.programme.id;
    const base = { programmeId: p, officerId: o1.id, leadUnitId: w.units.u1.id };
    // Problems (today 2026-06-15, period 2026-01-01…06-30; due = the deadline in force, which every problem has):
    await addProblem({
      ...base,
      enterpriseId: e1.id,
      raisedOn: '2026-01-10',
      deadline: '2026-02-10',
      status: 'closed',
      closedOn: '2026-02-05',
      followUp: 'satisfied',
    }); // P1 due, on time, resolved, 26 d
    await addProblem({
      ...base,
      enterpriseId: e2.id,
      raisedOn: '2026-02-01',
      deadline: '2026-03-01',
      extendedDeadline: '2026-04-01',
      status: 'closed',
      closedOn: '2026-03-20',
      followUp: 'basically',
    }); // P2 late by the original deadline, on time by the extension, 47 d
    await addProblem({
      ...base,
      enterpriseId: e3.id,
      raisedOn: '2026-03-01',
      deadline: '2026-04-01',
      status: 'closed',
      closedOn: '2026-04-10',
    }); // P3 late, no follow-up yet, 40 d
    await addProblem({ ...base, enterpriseId: e1.id, raisedOn: '2026-03-05', deadline: '2026-04-05', status: 'in_progress' }); // P4 reopened by 不满意: open, overdue
    await addProblem({
      ...base,
      enterpriseId: e2.id,
      raisedOn: '2026-05-01',
      deadline: '2026-06-01',
      extendedDeadline: '2026-07-15',
      status: 'in_progress',
    }); // P5 extended past the period: not due, not overdue
    await addProblem({
      ...base,
      officerId: o3.id,
      leadUnitId: w.units.u2.id,
      category: 'land',
      enterpriseId: e4.id,
      raisedOn: '2026-04-01',
      deadline: '2026-05-01',
      status: 'unresolved',
      closedOn: '2026-04-20',
      unresolvableReason: '超出职权',
    }); // P6 确认无法办理 on 04-20: closed (on time, 19 d), not resolved
    await addProblem({
      ...base,
      leadUnitId: null,
      enterpriseId: e3.id,
      raisedOn: '2026-06-10',
      deadline: '2026-07-10',
      deadlineProvisional: true,
      status: 'pending',
    }); // P7 待交办: provisional deadline, the raised day + 30 days, after the period (no longer due the day raised)
    await addProblem({
      ...base,
      officerId: o3.id,
      leadUnitId: w.units.u2.id,
      category: 'land',
      enterpriseId: e5.id,
      raisedOn: '2025-12-20',
      deadline: '2026-01-20',
      status: 'closed',
      closedOn: '2026-01-15',
      followUp: 'satisfied',
    }); // P8 raised before, due and closed in the period, 26 d
    await addProblem({
      ...base,
      enterpriseId: e1.id,
      raisedOn: '2026-06-01',
      deadline: '2026-08-01',
      status: 'closed',
      closedOn: '2026-06-05',
    }); // P9 closed early, due later
    const other = await makeProgramme();
    await addProblem({
      programmeId: other.id,
      officerId: o1.id,
      enterpriseId: e1.id,
      raisedOn: '2026-03-01',
      deadline: '2026-03-02',
      status: 'pending',
    }); // P10 another programme
    // Memos for 三个一 (the problems above add one 电话 memo each, on the day raised).
    const m = (officerId: string, enterpriseId: string, visitDate: string, mode: 'onsite' | 'phone' = 'onsite', noRequest = false) =>
      addMemo({ programmeId: p, officerId, enterpriseId, visitDate, mode, noRequest });
    await m(o1.id, e1.id, '2026-01-20'); // M1 Jan o1·e1: visit, nothing solved → not met
    await m(o1.id, e1.id, '2026-02-03'); // M2 Feb o1·e1: P1 closed 02-05 → met
    await m(o1.id, e2.id, '2026-03-10'); // M3 Mar o1·e2: P2 closed 03-20 → met
    await m(o3.id, e4.id, '2026-04-02', 'onsite', true); // M4 Apr o3·e4: 无诉求 → met
    await m(o2.id, e1.id, '2026-04-02', 'phone', true); // M5 Apr o2·e1: no visit → not met
    await m(o3.id, e5.id, '2026-01-05'); // M6 Jan o3·e5: P8 closed 01-15 → met
    await m(o1.id, e3.id, '2026-04-12'); // M7 Apr o1·e3: P3 closed 04-10 → met
    await m(o1.id, e1.id, '2026-07-01'); // M8 after the period
    // Round 1: six enterprises, six responses (e5 answers 不了解 throughout).
    const r1 = await surveyRound(
      p,
      [e1, e2, e3, e4, e5, e6].map((e) => e.id),
      { name: '一月批次', opensAt: Date.parse('2026-03-01T10:00:00+08:00') },
    );
    const items = [
      [5, 5, 4, 4, 5, 5],
      [4, 4, 3, 'na', 5, 4],
      [3, 2, 3, 'na', 4, 3],
      [5, 4, 4, 4, 5, 5],
      ['na', 'na', 'na', 'na', 'na', 'na'],
      [4, 5, 5, 5, 4, 4],
    ];
    for (const [i, link] of r1.links.entries()) await respond(r1, link.token, satisfactionAnswer(items[i] as (string | number)[]));
    // Round 2: a single response. Round 3: the programme survey (matrix, multiple choice, rating).
    const r2 = await surveyRound(p, [e1.id], { name: '单份批次', opensAt: Date.parse('2026-04-01T10:00:00+08:00') });
    await respond(r2, (r2.links[0] as { token: string }).token, satisfactionAnswer([5, 5, 5, 5, 5, 5]));
    const r3 = await surveyRound(p, [e2.id, e3.id], {
      name: '行动问卷',
      definition: TEMPLATES.programme.definition,
      opensAt: Date.parse('2026-05-01T10:00:00+08:00'),
    });
    const effect = {
      'effect.quality': '5',
      'effect.compliance': '4',
      'effect.approval': 'na',
      'effect.policy': '3',
      'effect.training': '5',
      'effect.growth': '4',
    };
    const answer = {
      know_officer: 'yes',
      three_ones: 'full',
      ...effect,
      problems_solved: '3',
      service: '4',
      burden: 'no',
      valuable_help: ['policy', 'quality'],
      recommend: '9',
    };
    for (const link of r3.links) await respond(r3, link.token, answer);
    return { ...w, rounds: { r1: r1.id, r2: r2.id, r3: r3.id } };
  })();
  return built;
}

const scope = (w: World, extra = {}) => ({ programmeId: w.programme.id, period: PERIOD, today: TODAY, ...extra });

describe('problem figures (SQL aggregates)', () => {
  it('counts raised, due, closed, on time, resolved, overdue and the median as worked out by hand', async () => {
    const w = await world();
    const t = await problemTotals(db(), scope(w));
    expect(t).toMatchObject({
      raised: 8,
      closedInPeriod: 6, // P1, P2, P3, P6, P8, P9
      due: 6, // P1, P2, P3, P4, P6, P8
      dueClosed: 5, // P6 confirmed unresolvable counts as closed…
      dueOnTime: 4,
      dueFollowedUp: 3,
      dueResolved: 3, // …and not as resolved
      overdue: 1,
      unresolved: 1,
    });
    expect(t.medianDays).toBe(26); // 19, 26, 26, 40, 47
  });

  it('breaks down by category and by lead unit, a problem without a lead unit in its own group', async () => {
    const w = await world();
    const byCat = Object.fromEntries((await problemBreakdown(db(), scope(w), 'category')).map((g) => [g.key, g]));
    expect(byCat.finance).toMatchObject({ raised: 7, due: 4, dueClosed: 3, dueOnTime: 2, overdue: 1, medianDays: 40 });
    expect(byCat.land).toMatchObject({ raised: 1, due: 2, dueClosed: 2, dueOnTime: 2, unresolved: 1, medianDays: 22.5 });
    const byUnit = await problemBreakdown(db(), scope(w), 'unit');
    expect(byUnit.find((g) => g.key === w.units.u1.id)).toMatchObject({
      label: w.units.u1.name,
      raised: 6,
      due: 4,
      dueClosed: 3,
      overdue: 1,
    });
    expect(byUnit.find((g) => g.key === null)).toMatchObject({ raised: 1, due: 0, dueClosed: 0 });
  });

  it('puts raised and closed problems in their own months, the rates in the month due', async () => {
    const w = await world();
    const trend = await problemTrend(db(), scope(w));
    const m = (k: string) => trend.get(k);
    expect(m('2026-01')).toMatchObject({ raised: 1, closedInPeriod: 1, due: 1, dueClosed: 1 }); // P1 raised; P8 closed and due
    expect(m('2026-02')).toMatchObject({ raised: 1, closedInPeriod: 1, due: 1 }); // P2 raised; P1 closed and due
    expect(m('2026-03')).toMatchObject({ raised: 2, closedInPeriod: 1, due: 0 }); // P3, P4 raised; P2 closed
    expect(m('2026-04')).toMatchObject({ raised: 1, closedInPeriod: 2, due: 3, dueClosed: 2, overdue: 1 }); // P6 raised; P3, P6 closed; P2, P3, P4 due
    expect(m('2026-05')).toMatchObject({ raised: 1, due: 1, dueClosed: 1, unresolved: 1 }); // P5 raised; P6 due
    expect(m('2026-06')).toMatchObject({ raised: 2, closedInPeriod: 1, due: 0 }); // P7, P9 raised; P9 closed; nothing due
  });

  it('narrows to one officer: o3 has P6 (确认无法办理) and P8', async () => {
    const w = await world();
    const t = await problemTotals(db(), scope(w, { officerId: w.officers.o3.id }));
    expect(t).toMatchObject({ raised: 1, due: 2, dueClosed: 2, dueResolved: 1, unresolved: 1, overdue: 0 });
  });
});

describe('coverage and 三个一 (SQL aggregates)', () => {
  it('counts contacts, on-site visits, enterprises reached and the pairs meeting all three', async () => {
    const w = await world();
    // 8 problem memos in the period + M1–M7; 6 on site; e1–e5 reached; 7 pairings × 6 months.
    expect(await activityTotals(db(), scope(w))).toMatchObject({ contacts: 15, onsite: 6, enterprises: 5, paired: 6, pairs: 42, met: 5 });
    const byUnit = Object.fromEntries((await activityBreakdown(db(), scope(w), 'unit')).map((g) => [g.key, g]));
    expect(byUnit[w.units.u1.id]).toMatchObject({ contacts: 12, onsite: 4, enterprises: 3, pairs: 24, met: 3 });
    expect(byUnit[w.units.u2.id]).toMatchObject({ contacts: 3, onsite: 2, enterprises: 2, pairs: 18, met: 2 });
  });

  it('counts only the months begun by today', async () => {
    const w = await world();
    const march = await activityTotals(db(), { ...scope(w), today: '2026-03-15' });
    expect(march.pairs).toBe(7 * 3); // Jan–Mar
    expect(march.met).toBe(3); // M2 Feb, M3 Mar, M6 Jan
  });
});

describe('survey figures from the rollups', () => {
  it('computes counters, every item, the pooled rates and 综合满意度 as worked out by hand', async () => {
    const w = await world();
    const o = await overview(db(), scope(w), statsConfig());
    const r1 = o.survey.rounds.find((r) => r.id === w.rounds.r1);
    expect(r1).toMatchObject({ invited: 6, opened: 6, submitted: 6 });
    expect(r1?.responseRate.value).toBe(1);
    const s = r1?.satisfaction;
    const item = (k: string) => s?.items.find((i) => i.key === k);
    expect(item('attitude')).toMatchObject({ valid: 5, na: 1, suppressed: false, dist: [2, 2, 1, 0, 0], score: 84 });
    expect(item('responsiveness')).toMatchObject({ dist: [2, 2, 0, 1, 0], score: 78 });
    expect(item('effectiveness')).toMatchObject({ dist: [1, 2, 2, 0, 0], score: 76 });
    expect(item('policy_help')).toEqual({ key: 'policy_help', valid: 3, na: 3, suppressed: true });
    expect(item('integrity')).toMatchObject({ dist: [3, 2, 0, 0, 0], score: 92 });
    expect(s?.satisfied).toMatchObject({ k: 20, n: 25, value: 0.8 });
    expect(s?.good).toMatchObject({ k: 24, n: 25 });
    expect(s?.composite).toBeCloseTo(82.8, 10);
    // Round 2 has one response: every satisfaction figure suppressed.
    const r2 = o.survey.rounds.find((r) => r.id === w.rounds.r2);
    expect(r2?.satisfaction).toMatchObject({ responses: 1, suppressed: true, composite: null });
    expect(r2?.satisfaction.satisfied.value).toBeNull();
  });
});

describe('recompute', () => {
  const snapshot = async () => ({
    counts: await db().select().from(optionCounts).orderBy(optionCounts.campaignId, optionCounts.questionKey, optionCounts.option).all(),
    counters: await db().select().from(campaignCounters).orderBy(campaignCounters.campaignId).all(),
    groups: await db()
      .select()
      .from(groupCounts)
      .orderBy(groupCounts.campaignId, groupCounts.dimension, groupCounts.groupKey, groupCounts.questionKey, groupCounts.option)
      .all(),
  });

  it('rebuilds exactly what the submission batches wrote, and repairs broken rollups', async () => {
    const w = await world();
    const before = await snapshot();
    expect(before.counts.filter((c) => c.campaignId === w.rounds.r3).map((c) => `${c.questionKey}=${c.option}`)).toEqual(
      expect.arrayContaining(['effect.quality=5', 'effect.approval=na', 'valuable_help=policy', 'recommend=9', 'burden=0']),
    );
    expect(before.counts.some((c) => c.questionKey === 'problems_solved' || c.questionKey === 'suggestions')).toBe(false);
    // Every response is counted under its region, and once per dimension it has a group in.
    const responsesOf = (dimension: string) =>
      before.groups.filter((g) => g.dimension === dimension && g.questionKey === '').reduce((n, g) => n + g.count, 0);
    const submitted = before.counters.reduce((n, c) => n + c.submitted, 0);
    expect(submitted).toBeGreaterThan(0);
    expect(responsesOf('region')).toBe(submitted);
    expect(responsesOf('chain')).toBe(submitted);
    await recomputeRollups(db());
    expect(await snapshot()).toEqual(before);
    await db().run(
      sql`UPDATE option_counts SET count = 99 WHERE campaign_id = ${w.rounds.r1} AND question_key = 'attitude' AND option = '5'`,
    );
    await db().run(sql`INSERT INTO option_counts VALUES (${w.rounds.r1}, 'attitude', '7', 3)`);
    await db().run(sql`DELETE FROM campaign_counters WHERE campaign_id = ${w.rounds.r2}`);
    await db().run(sql`UPDATE group_counts SET count = count + 5 WHERE campaign_id = ${w.rounds.r1} AND dimension = 'officer'`);
    await recomputeRollups(db(), w.rounds.r1);
    const partly = await snapshot();
    expect(partly.counts).toEqual(before.counts);
    expect(partly.groups).toEqual(before.groups);
    expect(partly.counters.some((c) => c.campaignId === w.rounds.r2)).toBe(false);
    await recomputeRollups(db());
    expect(await snapshot()).toEqual(before);
  });

  it('is an audited admin POST; officers are refused', async () => {
    const w = await world();
    const { cookie, user } = await signedIn('admin');
    const res = await postForm('/admin/stats/recompute', { campaign: w.rounds.r2 }, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/stats/rounds/${w.rounds.r2}`);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, user.id), eq(auditLog.action, 'recompute_rollups')))
      .all();
    expect(audit.map((a) => a.objectId)).toEqual([w.rounds.r2]);
    expect((await postForm('/admin/stats/recompute', { campaign: 'nope' }, { cookie })).status).toBe(422);
    const officer = await signedIn('officer');
    expect((await postForm('/admin/stats/recompute', {}, { cookie: officer.cookie })).status).toBe(403);
  });
});

describe('satisfaction by group (group_counts)', () => {
  // The reference: the same figures grouped from the raw answers, joined to the pairing list as it stands.
  const KEY = { unit: 'lead.unit_id', officer: 's.officer_id', chain: 'e.chain_id', region: 'e.region' } as const;
  const reference = (p: string, by: keyof typeof KEY, keys: string[], extra = '') =>
    db().all<{ grp: string | null; questionKey: string; option: string; n: number }>(
      sql`SELECT ${sql.raw(KEY[by])} AS grp, a.question_key AS questionKey,
          coalesce(a.text_value, CAST(CAST(a.num_value AS INTEGER) AS TEXT)) AS option, count(*) AS n
        FROM answers a JOIN responses r ON r.id = a.response_id JOIN invitations i ON i.id = r.invitation_id
          JOIN enterprises e ON e.id = i.enterprise_id JOIN campaigns c ON c.id = r.campaign_id
          ${sql.raw(
            by === 'unit'
              ? 'JOIN assignments ls ON ls.programme_id = c.programme_id AND ls.enterprise_id = e.id AND ls.is_lead = 1 JOIN users lead ON lead.id = ls.officer_id'
              : by === 'officer'
                ? 'JOIN assignments s ON s.programme_id = c.programme_id AND s.enterprise_id = e.id'
                : '',
          )}
        WHERE c.programme_id = ${p} AND a.question_key IN (SELECT value FROM json_each(${JSON.stringify(keys)}))
          AND (a.text_value = 'na' OR a.num_value IN (1, 2, 3, 4, 5)) ${sql.raw(extra)}
        GROUP BY 1, 2, 3`,
    );
  const sorted = <T extends { grp: string | null; questionKey: string; option: string; n: number }>(rows: T[]) =>
    rows.map((r) => `${r.grp ?? '∅'} ${r.questionKey}=${r.option} ${r.n}`).sort();

  it('equals a GROUP BY over the raw answers for unit, officer, chain and region, whole and narrowed', async () => {
    const w = await world();
    const s = { ...scope(w), period: { from: '2026-01-01', to: '2026-12-31' } };
    const keys = likertItems((await surveyRollups(db(), s)).versions).map((i) => i.key);
    expect(keys.length).toBeGreaterThan(0);
    for (const by of ['unit', 'officer', 'chain', 'region'] as const) {
      const got = await satisfactionGroups(db(), s, by, keys);
      const want = await reference(w.programme.id, by, keys);
      expect(want.length, by).toBeGreaterThan(0);
      expect(sorted(got.options), by).toEqual(sorted(want));
    }
    const u1 = w.units.u1.id;
    const inUnit = await satisfactionGroups(db(), { ...s, unitId: u1 }, 'officer', keys);
    const wantInUnit = await reference(
      w.programme.id,
      'officer',
      keys,
      `AND s.officer_id IN (SELECT id FROM users WHERE unit_id = '${u1}')`,
    );
    expect(sorted(inUnit.options)).toEqual(sorted(wantInUnit));
    const o1 = w.officers.o1.id;
    const mine = await satisfactionGroups(db(), { ...s, officerId: o1 }, 'round', keys);
    const wantMine = await db().all<{ grp: string; n: number }>(
      sql`SELECT r.campaign_id AS grp, count(*) AS n FROM responses r JOIN invitations i ON i.id = r.invitation_id
        JOIN campaigns c ON c.id = r.campaign_id
        JOIN assignments s ON s.programme_id = c.programme_id AND s.enterprise_id = i.enterprise_id AND s.officer_id = ${o1}
        GROUP BY 1`,
    );
    expect(mine.responses.map((r) => `${r.grp} ${r.responses}`).sort()).toEqual(wantMine.map((r) => `${r.grp} ${r.n}`).sort());
  });
});

describe('a leader’s chain or region (issue 19: the report of one place)', () => {
  // The place's figures are read from the rows (the rollups keep one dimension at a time); the breakdown
  // by chain and by region reads the rollups. Two paths, one answer: every figure must agree exactly.
  const strip = <T extends { key?: unknown; label?: unknown }>(g: T | null | undefined) => {
    if (!g) return g;
    const { key: _k, label: _l, ...rest } = g;
    return rest;
  };

  it('counts every headline figure of a chain and of a region as their row of the breakdown does', async () => {
    const w = await world();
    const s = scope(w);
    const cfg = statsConfig();
    const places = [
      { by: 'chain', key: w.chains.c1.id },
      { by: 'chain', key: w.chains.c2.id },
      { by: 'region', key: '东区' },
      { by: 'region', key: '西区' },
    ] as const;
    for (const place of places) {
      const { rows } = await breakdown(db(), s, place.by, cfg);
      const row = rows.find((r) => r.key === place.key);
      const got = await headlineFigures(db(), { ...s, place }, cfg);
      expect(strip(got.activity), place.key).toEqual(strip(row?.activity));
      expect(strip(got.problems), place.key).toEqual(strip(row?.problems));
      expect(got.survey.overall, place.key).toEqual(row?.satisfaction);
      // The units of a place add up to the place: problems by lead unit (未指定单位 its own), answers by
      // the lead officer's unit.
      const o = await overview(db(), { ...s, place }, cfg);
      expect(o.byUnit.reduce((n, g) => n + g.raised, 0)).toBe(got.problems.raised);
      const keys = o.survey.items.map((i) => i.key);
      const units = await satisfactionGroups(db(), { ...s, place }, 'unit', keys);
      expect(units.responses.reduce((n, g) => n + g.responses, 0)).toBe(got.survey.overall.responses);
    }
    // By hand, chain 1 (e1–e3): raised in the period P1, P2, P3, P4, P5, P7, P9; chain 2 (e4–e6): P6 (P8 was raised in 2025).
    const c1 = await headlineFigures(db(), { ...s, place: places[0] }, cfg);
    const c2 = await headlineFigures(db(), { ...s, place: places[1] }, cfg);
    expect([c1.problems.raised, c2.problems.raised]).toEqual([7, 1]);
    // Round 1 asked all six, round 2 e1, round 3 e2 and e3: chain 1 holds 3 + 1 + 2 invitations.
    expect(c1.survey.invited).toBe(6);
    expect(c2.survey.invited).toBe(3);
    // A place narrows nothing away from a programme-wide total: the two chains add up to it.
    const all = await headlineFigures(db(), s, cfg);
    expect(c1.problems.raised + c2.problems.raised).toBe(all.problems.raised);
    expect(c1.activity.contacts + c2.activity.contacts).toBe(all.activity.contacts);
    expect(c1.survey.submitted + c2.survey.submitted).toBe(all.survey.submitted);
  });
});

describe('dashboard pages', () => {
  it('renders the detail pages behind the overview with charts that have text alternatives, and links to the rows behind figures', async () => {
    const w = await world();
    const { cookie } = await signedIn('admin');
    const q = `programme=${w.programme.id}&from=2026-01-01&to=2026-06-30`;
    const page = async (path: string) => {
      const res = await call(`${path}?${q}`, { cookie });
      expect(res.status, path).toBe(200);
      return res.text();
    };
    // Satisfaction: items and rounds.
    const satisfaction = await page('/admin/stats/satisfaction');
    expect(satisfaction).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="items-chart-title items-chart-desc"/);
    expect(satisfaction).toContain('<title id="items-chart-title">各项目满意度</title>');
    expect(satisfaction).toContain(`href="/admin/rounds/${w.rounds.r1}"`);
    expect(satisfaction).toContain('80.0%'); // round 1 satisfaction
    expect(satisfaction).toContain('样本不足'); // round 2
    expect(satisfaction).toContain('<caption>各项目满意度</caption>');
    // Problems: a chart whose bars are links is a group: links inside an image would be focusable but unnamed.
    const problems = await page('/admin/stats/problems');
    expect(problems).toMatch(/<svg[^>]*role="group"[^>]*aria-labelledby="category-chart-title category-chart-desc"/);
    expect(problems).toContain('href="/problems?overdue=1"');
    expect(problems).toContain('href="/problems?category=land"');
    // The trend table scrolls sideways on a phone in a box the keyboard can focus (WCAG 2.1.1).
    const trend = await page('/admin/stats/trend');
    expect(trend).toContain('<section class="table-wrap" tabindex="0" aria-label="按月趋势">');
    // Each tab marks itself, as plain links.
    expect(trend).toContain(`<a href="/admin/stats/trend?${q.replaceAll('&', '&amp;')}" aria-current="page">月度趋势</a>`);
  });

  it('opens on at most 8 headline tiles with 环比 against the previous period of the same length, in well under 40 KB', async () => {
    const w = await world();
    const { cookie } = await signedIn('admin');
    const tiles = async (from: string, to: string) => {
      const res = await call(`/admin/stats?programme=${w.programme.id}&from=${from}&to=${to}`, { cookie });
      expect(res.status).toBe(200);
      const bytes = (await res.clone().arrayBuffer()).byteLength;
      const html = await res.text();
      const figures = [
        ...html.matchAll(/<div class="headline-figure" data-figure="([^"]+)">(.*?)<\/div>\s*(?=<div class="headline-figure"|<\/li>)/gs),
      ].map(
        ([, key, body]) =>
          `${key}: ${(body ?? '')
            .replace(/<[^>]+>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim()}`,
      );
      return { html, bytes, figures, tiles: html.match(/<li class="card">/g)?.length ?? 0 };
    };
    // The programme's first half-year: the figures of the tests above, and nothing before it to compare with.
    const half = await tiles('2026-01-01', '2026-06-30');
    expect(half.tiles).toBe(6);
    expect(half.figures).toEqual([
      'stats.paired: 帮扶企业 6',
      'stats.contacts: 走访（家次） 15',
      'stats.onsite: 上门走访 6',
      'stats.raised: 收集问题 8',
      'stats.closedInPeriod: 期内办结 6',
      'stats.closeRate: 办结率 83.3% (5/6)',
      'stats.onTimeRate: 按期办结率 66.7% (4/6)',
      // Round 1's 20/25 and round 2's five 非常满意, over the items shown (policy_help is under k overall).
      'satisfied: 满意率（两档） 83.3% (25/30) 口径：两档（非常满意＋满意）',
      'stats.threeOnes: “三个一”达标率 11.9% (5/42)', // 7 pairs × 6 months; M2, M3, M4, M6, M7
    ]);
    expect(half.html).toContain('本期之前帮扶行动尚未开始，无环比。');
    expect(half.html).not.toContain('data-trend=');
    // The overview stays small: it must not grow with units, officers or items (issue 19: ≤ 40 KB).
    expect(half.bytes).toBeLessThanOrEqual(40 * 1024);
    // The trend chart has its text alternative: a caption and the figures as a table.
    expect(half.html).toMatch(/<figure class="trend"><svg[^>]*role="img"[^>]*aria-labelledby="trend-counts-title trend-counts-desc"/);
    expect(half.html).toContain('<tr><th scope="row">2026-02</th><td>2</td><td>1</td><td>1</td></tr>'); // M2, P2's memo; P2 raised; P1 closed
    // The lowest items of rounds 1 and 2 together: effectiveness 3/5 + 1/1.
    expect(half.html).toContain(`#items">问题解决实效</a> 66.7% (4/6)</li>`);
    // Every open round has all its answers: none is listed as low.
    expect(half.html).toMatch(/<h3 id="attention-rounds">[^<]*<\/h3><p class="muted">暂无。<\/p>/);
    // Apr–Jun against 2025-12-31 … 2026-03-31 (91 days each):
    // memos 7 (M4, M5, M7 and P5, P6, P7, P9's) against 8 (M1, M2, M3, M6 and P1–P4's); on site 2 (M4, M7) against 4;
    // due 4 (P2 by its extension, P3, P4, P6), closed 3, on time 2 (P2, P6) against P1 and P8, both on time.
    const spring = await tiles('2026-04-01', '2026-06-30');
    expect(spring.figures).toEqual([
      'stats.paired: 帮扶企业 6 → 与上期持平 上期 6',
      'stats.contacts: 走访（家次） 7 ↓ 比上期下降 上期 8，−1（−12.5%）',
      'stats.onsite: 上门走访 2 ↓ 比上期下降 上期 4，−2（−50.0%）',
      'stats.raised: 收集问题 4 → 与上期持平 上期 4',
      'stats.closedInPeriod: 期内办结 3 → 与上期持平 上期 3',
      'stats.closeRate: 办结率 75.0% (3/4) ↓ 比上期下降 上期 100.0% (2/2)，−25.0 个百分点',
      'stats.onTimeRate: 按期办结率 50.0% (2/4) ↓ 比上期下降 上期 100.0% (2/2)，−50.0 个百分点',
      'satisfied: 满意率（两档） 样本不足 口径：两档（非常满意＋满意）', // rounds 2 and 3: three answers
      'stats.threeOnes: “三个一”达标率 9.5% (2/21) ↓ 比上期下降 上期 10.7% (3/28)，−1.2 个百分点', // M4, M7; M2, M3, M6
    ]);
    expect(spring.html).toContain('环比：与上一同长时段（2025-12-31 至 2026-03-31）相比。');
    // 需要关注: each entry links to the rows behind it.
    const attention = spring.html.slice(spring.html.indexOf('id="attention"'));
    const q = `programme=${w.programme.id}&amp;from=2026-04-01&amp;to=2026-06-30`;
    expect(attention).toContain(`<a href="/problems?unit=${w.units.u1.id}&amp;overdue=1">${w.units.u1.name}</a> 逾期 1 个`); // P4
    expect(attention).toContain('<a href="/problems?overdue=1">全部逾期问题</a>');
    // u1's officers met 1 of 12 pair-months (o1 ×3 enterprises, o2 ×1, three months), under the programme's 2/21.
    expect(attention).toContain(`<a href="/admin/stats/units/${w.units.u1.id}?${q}">${w.units.u1.name}</a> 8.3% (1/12)`);
    expect(attention).toContain(`<a href="/admin/stats/officers/${w.officers.o2.id}?${q}">${w.officers.o2.name}</a> 0.0% (0/3)`);
    expect(attention).not.toContain(w.units.u2.name); // 1/9 (M4) is above the line
  });

  it('renders the round, unit, officer and breakdown pages; 404 for unknown ids', async () => {
    const w = await world();
    const { cookie } = await signedIn('admin');
    const q = `programme=${w.programme.id}&from=2026-01-01&to=2026-06-30`;
    const round = await call(`/admin/stats/rounds/${w.rounds.r2}`, { cookie });
    expect(round.status).toBe(200);
    const roundHtml = await round.text();
    expect(roundHtml).toContain('样本不足');
    expect(roundHtml).not.toMatch(/<td>1<\/td>\s*<\/tr>/); // the single response's choices are hidden
    for (const path of [`/admin/stats/units/${w.units.u1.id}?${q}`, `/admin/stats/officers/${w.officers.o1.id}?${q}`]) {
      const res = await call(path, { cookie });
      expect(res.status, path).toBe(200);
      // Three responses per unit and per officer: under k.
      expect(await res.text(), path).toContain('样本不足');
    }
    for (const by of ['unit', 'officer', 'chain', 'region', 'category', 'month']) {
      expect((await call(`/admin/stats/breakdown?${q}&by=${by}`, { cookie })).status, by).toBe(200);
    }
    const unknown = crypto.randomUUID();
    for (const path of [
      `/admin/stats/rounds/${unknown}`,
      `/admin/stats/units/${unknown}`,
      `/admin/stats/officers/${unknown}`,
      `/admin/stats?programme=${unknown}`,
    ]) {
      expect((await call(path, { cookie })).status, path).toBe(404);
    }
  });

  it('refuses officers on /admin/stats and audits the refusal', async () => {
    const officer = await signedIn('officer');
    expect((await call('/admin/stats', { cookie: officer.cookie })).status).toBe(403);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, officer.user.id), eq(auditLog.action, 'forbidden')))
      .all();
    expect(audit).toHaveLength(1);
  });
});

describe('/stats/mine', () => {
  it('shows an officer their own figures, and no round with fewer than k of their enterprises’ responses', async () => {
    const w = await world();
    const cookie = await login(w.officers.o1);
    const res = await call(`/stats/mine?programme=${w.programme.id}&from=2026-01-01&to=2026-06-30`, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('我的帮扶统计');
    expect(html).not.toContain('一月批次'); // 3 responses from o1's enterprises < k
    expect(html).not.toContain('单份批次');
    expect(html).not.toContain(w.units.u2.name);
  });

  it('shows a round once it closed and k responses concern the officer’s enterprises, never per enterprise (issue 14: frozen, unnamed, whole percent)', async () => {
    const programme = await makeProgramme({ startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const officer = await makeUser({ role: 'officer' });
    const ids = [];
    for (let i = 0; i < 5; i++) {
      const e = await makeEnterprise();
      await pair(programme.id, officer.id, e.id);
      ids.push(e.id);
    }
    const round = await surveyRound(programme.id, ids, { name: '五家批次' });
    for (const link of round.links) await respond(round, link.token, satisfactionAnswer([5, 4, 4, 5, 5, 4]));
    const cookie = await login(officer);
    const open = await (await call(`/stats/mine?programme=${programme.id}`, { cookie })).text();
    expect(open).not.toContain('data-state="shown"'); // still open: nothing
    await db().run(sql`UPDATE campaigns SET closes_at = ${Date.now() - 1000} WHERE id = ${round.id}`);
    await takeOfficerSnapshot(env.DB, round.id, 5, Date.now());
    const html = await (await call(`/stats/mine?programme=${programme.id}`, { cookie })).text();
    expect(html).toContain('<strong data-state="shown">100%</strong>');
    expect(html).not.toContain('五家批次'); // not shared
    expect(html).not.toMatch(/企业\w+/); // no enterprise names on the page
  });

  it('sends admins to the full dashboards and anonymous visitors to the login page', async () => {
    const { cookie } = await signedIn('admin');
    expect((await call('/stats/mine', { cookie })).headers.get('location')).toBe('/admin/stats');
    expect((await call('/stats/mine')).headers.get('location')).toMatch(/^\/login\?next=/);
  });
});
