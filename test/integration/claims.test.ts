// Claims cross-checked (issue 14 §4): the memos' claimed contacts and on-site visits against the
// enterprises' own answers to Q1 (contact_month) and Q2 (onsite_month) in the same month, per officer and
// unit, per closed round, against a hand count; admin-only, with the memos behind an officer's figure; and
// in the work report's appendix with complementary suppression.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../schema/form-templates';
import { addDays, chinaToday, monthStart } from '../../schema/rules/china-time';
import { checksClaims } from '../../schema/rules/claims';
import { campaigns } from '../../schema/survey-tables';
import { claimSnapshotJob } from '../../worker/stats/claim-snapshot';
import { claimChecks, claimRounds } from '../../worker/stats/claims.queries';
import { call, db, login, makeEnterprise, makeProgramme, makeUnit, makeUser, pair, signedIn } from '../fixtures';
import { addMemo, closeNow, respond, satisfactionAnswer, surveyRound, templateWithout } from '../fixtures/stats';

/** The yes/no answers to Q1 and Q2, with every item rated 4. */
const answer = (q1: 'yes' | 'no', q2: 'yes' | 'no') => satisfactionAnswer([4, 4, 4, 4, 4, 4], { contact_month: q1, onsite_month: q2 });

// Hand count, one round answered today (China time); a claim is one per officer × enterprise × month and
// kind: a contact when any memo, an on-site visit when any 上门走访 memo, dated from the month's first day
// to the day of the answer.
//   officer a (unit 1) leads e1–e6:
//     e1 上门 memo, answers 是/是 → 2 checked, 0 contradicted
//     e2 上门 memo, answers 是/否 → 2 checked, 1
//     e3 电话 memo, answers 否/否 → 1 checked (contact only), 1
//     e4 two 上门 memos, answers 是/否 → 2 checked, 1 (one claim of each kind a month)
//     e5 no memo, answers 否/否 → nothing claimed
//     e6 上门 memos last month and tomorrow, answers 否/否 → neither is checked
//     a: 7 checked, 3 contradicted → 42.9 %
//   officer b (unit 1) also helps e1 (not lead), 电话 memo → 1 checked, 0 → 样本不足 (n=1)
//   unit 1: 8 checked, 3 contradicted → 37.5 %
//   officer c (unit 2) leads e7 (上门, 是/否) and e8 (上门, 否/否) → 4 checked, 3 → c and unit 2 样本不足 (n=4)
//   officer d (unit 2) was paired with e9 until the 1st (not in force on the 15th): its 上门 memo on e9,
//     answered 否/否, is not checked
//   total: 12 checked, 6 contradicted → 50.0 %
const w = {} as {
  programme: { id: string };
  round: { id: string };
  plain: { id: string };
  officers: Record<'a' | 'b' | 'c' | 'd', { id: string; name: string; login: string; password: string }>;
  units: Record<'u1' | 'u2', { id: string; name: string }>;
  memos: Record<string, string>;
};

beforeAll(async () => {
  const today = chinaToday();
  const programme = await makeProgramme({ startsOn: '2026-01-01', endsOn: '2026-12-31' });
  const [u1, u2] = [await makeUnit(), await makeUnit()];
  const [a, b] = [await makeUser({ role: 'officer', unitId: u1.id }), await makeUser({ role: 'officer', unitId: u1.id })];
  const [c, d] = [await makeUser({ role: 'officer', unitId: u2.id }), await makeUser({ role: 'officer', unitId: u2.id })];
  const e = [];
  for (let i = 0; i < 9; i++) e.push(await makeEnterprise());
  const [e1, e2, e3, e4, e5, e6, e7, e8, e9] = e.map((x) => x.id) as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  for (const x of [e1, e2, e3, e4, e5, e6]) await pair(programme.id, a.id, x, true);
  await pair(programme.id, b.id, e1, false);
  for (const x of [e7, e8]) await pair(programme.id, c.id, x, true);
  await pair(programme.id, d.id, e9, true, { startsOn: '2026-01-01', endsOn: monthStart(today) });
  const memo = async (officerId: string, enterpriseId: string, mode: 'onsite' | 'phone', visitDate = today) =>
    (await addMemo({ programmeId: programme.id, officerId, enterpriseId, mode, visitDate })).id;
  const memos = {
    a1: await memo(a.id, e1, 'onsite'),
    a2: await memo(a.id, e2, 'onsite'),
    a3: await memo(a.id, e3, 'phone'),
    a4: await memo(a.id, e4, 'onsite'),
    a4b: await memo(a.id, e4, 'onsite'),
    a6before: await memo(a.id, e6, 'onsite', addDays(monthStart(today), -1)),
    a6after: await memo(a.id, e6, 'onsite', addDays(today, 1)),
    b1: await memo(b.id, e1, 'phone'),
    c7: await memo(c.id, e7, 'onsite'),
    c8: await memo(c.id, e8, 'onsite'),
    d9: await memo(d.id, e9, 'onsite'),
  };
  const answers: Record<string, ReturnType<typeof answer>> = {
    [e1]: answer('yes', 'yes'),
    [e2]: answer('yes', 'no'),
    [e3]: answer('no', 'no'),
    [e4]: answer('yes', 'no'),
    [e5]: answer('no', 'no'),
    [e6]: answer('no', 'no'),
    [e7]: answer('yes', 'no'),
    [e8]: answer('no', 'no'),
    [e9]: answer('no', 'no'),
  };
  const round = await surveyRound(programme.id, [e1, e2, e3, e4, e5, e6, e7, e8, e9], { name: '核对批次' });
  for (const link of round.links) await respond(round, link.token, answers[link.enterpriseId] ?? {});
  await closeNow(round.id);
  // A closed round whose form does not ask Q2: never counted.
  const plain = await surveyRound(programme.id, [e1], { name: '不含上门题批次', definition: templateWithout('onsite_month') });
  await closeNow(plain.id);
  Object.assign(w, { programme, round, plain, officers: { a, b, c, d }, units: { u1, u2 }, memos });
});

describe('the claims cross-check', () => {
  it('counts only closed rounds whose form asks both questions', async () => {
    expect(checksClaims(TEMPLATES.satisfaction.definition)).toBe(true);
    const rounds = await claimRounds(db(), {
      programmeId: w.programme.id,
      period: { from: '2026-01-01', to: '2026-12-31' },
      today: chinaToday(),
    });
    expect(rounds.map((r) => r.id)).toEqual([w.round.id]);
  });

  it('matches the hand count per officer', async () => {
    const rows = await claimChecks(db(), [w.round.id]);
    const of = (id: string) => rows.find((r) => r.officerId === id);
    expect(of(w.officers.a.id)).toMatchObject({ unitId: w.units.u1.id, checked: 7, contradicted: 3 });
    expect(of(w.officers.b.id)).toMatchObject({ unitId: w.units.u1.id, checked: 1, contradicted: 0 });
    expect(of(w.officers.c.id)).toMatchObject({ unitId: w.units.u2.id, checked: 4, contradicted: 3 });
    expect(of(w.officers.d.id)).toBeUndefined();
    expect(rows).toHaveLength(3);
  });

  it('shows admins every group with its n, 样本不足 marked, officers linked to their memos', async () => {
    const admin = (await signedIn('admin')).cookie;
    const res = await call(`/admin/stats/claims?programme=${w.programme.id}`, { cookie: admin });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('核对批次');
    expect(html).not.toContain('不含上门题批次');
    const row = (label: string) => {
      const at = html.indexOf(`>${label}<`);
      return html.slice(at, html.indexOf('</tr>', at));
    };
    expect(row(w.units.u1.name)).toContain('37.5%');
    expect(row(w.units.u1.name)).toContain('3/8');
    expect(row(w.units.u2.name)).toContain('样本不足 <small>(n=4)</small>');
    expect(row(w.officers.a.name)).toContain(`href="/admin/stats/claims/${w.round.id}/${w.officers.a.id}"`);
    expect(row(w.officers.a.name)).toContain('42.9%');
    expect(row(w.officers.a.name)).toContain('3/7');
    expect(row(w.officers.b.name)).toContain('样本不足 <small>(n=1)</small>');
    expect(row(w.officers.c.name)).toContain('样本不足 <small>(n=4)</small>');
    expect(html).not.toContain('3/4，');
    expect(html).not.toContain(`>${w.officers.d.name}<`);
  });

  it('lists the memos behind an officer’s figure, each with its claims, and none outside the month up to the answer', async () => {
    const admin = (await signedIn('admin')).cookie;
    const html = await (await call(`/admin/stats/claims/${w.round.id}/${w.officers.a.id}`, { cookie: admin })).text();
    const linked = [...html.matchAll(/href="\/memos\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    const { a1, a2, a3, a4, a4b } = w.memos;
    expect(linked.sort()).toEqual([a1, a2, a3, a4, a4b].sort());
    const row = (id: string | undefined) => html.slice(html.indexOf(`/memos/${id}"`), html.indexOf('</tr>', html.indexOf(`/memos/${id}"`)));
    expect(row(a2)).toMatch(/<td>2<\/td><td><strong>1<\/strong><\/td>$/);
    expect(row(a3)).toMatch(/<td>1<\/td><td><strong>1<\/strong><\/td>$/);
    expect(row(a1)).toMatch(/<td>2<\/td><td>0<\/td>$/);
    // An open round, or an id that is no officer: not found.
    const open = await surveyRound(w.programme.id, []);
    expect((await call(`/admin/stats/claims/${open.id}/${w.officers.a.id}`, { cookie: admin })).status).toBe(404);
    expect((await call(`/admin/stats/claims/${w.round.id}/${w.units.u1.id}`, { cookie: admin })).status).toBe(404);
  });

  it('is the programme office’s alone: 403 for an officer, even for his own figure; sign-in for no one', async () => {
    const cookie = await login(w.officers.a);
    for (const path of [`/admin/stats/claims?programme=${w.programme.id}`, `/admin/stats/claims/${w.round.id}/${w.officers.a.id}`]) {
      expect((await call(path, { cookie })).status, path).toBe(403);
      const anonymous = await call(path);
      expect(anonymous.status, path).toBe(303);
      expect(anonymous.headers.get('location') ?? '').toContain('/login');
    }
  });

  it('is in the work report’s appendix by unit, with unit 2 under k and unit 1 hidden with it; the total stays', async () => {
    const admin = (await signedIn('admin')).cookie;
    const html = await (await call(`/admin/report?programme=${w.programme.id}`, { cookie: admin })).text();
    const appendix = html.slice(html.indexOf('六、附录'), html.indexOf('<footer'));
    expect(appendix).toContain('核对批次');
    const row = (label: string) =>
      appendix.slice(appendix.indexOf(`>${label}<`), appendix.indexOf('</tr>', appendix.indexOf(`>${label}<`)));
    expect(row(w.units.u1.name)).toBe(`>${w.units.u1.name}</th><td>样本不足</td><td>样本不足</td>`);
    expect(row(w.units.u2.name)).toBe(`>${w.units.u2.name}</th><td>样本不足</td><td>样本不足</td>`);
    expect(row('合计')).toContain('<td>12</td>');
    expect(row('合计')).toContain('50.0%<small> (6/12)</small>');
    for (const never of ['3/8', '3/4', '37.5%', '75.0%', w.officers.a.name]) expect(appendix).not.toContain(never);
  });

  // Last: the daily run freezes the round's claims (claim-snapshot.ts); every page reads what it read live.
  it('reads the same figures, tables and appendix once the daily run has frozen the round’s claims', async () => {
    const admin = (await signedIn('admin')).cookie;
    const tables = async () => {
      const html = await (await call(`/admin/stats/claims?programme=${w.programme.id}`, { cookie: admin })).text();
      return html.slice(html.indexOf('id="claims-unit"'), html.indexOf('</main>'));
    };
    const appendix = async () => {
      const html = await (await call(`/admin/report?programme=${w.programme.id}`, { cookie: admin })).text();
      return html.slice(html.indexOf('六、附录'), html.indexOf('<footer'));
    };
    const live = { rows: await claimChecks(db(), [w.round.id]), tables: await tables(), appendix: await appendix() };
    expect(live.tables).toContain('3/8');
    const done = await claimSnapshotJob.run({ db: db(), env, now: Date.now(), today: chinaToday(), maxPages: 20 });
    expect(done.detail).toBe("2 closed rounds' claims taken (1 counted)");
    expect(await claimChecks(db(), [w.round.id])).toEqual(live.rows);
    expect(await tables()).toBe(live.tables);
    expect(await appendix()).toBe(live.appendix);
  });

  // After the last: a second round that checks claims, closed later. The breakdowns list the latest round
  // only and send the reader to the claims page, which lists both (issue 20: a page per round and officer
  // made the breakdown by officer 1.6 MB at a million answers).
  it('shows the latest closed round in the breakdowns by unit and by officer, and every round on the claims page', async () => {
    const admin = (await signedIn('admin')).cookie;
    const [first] = await claimRounds(db(), {
      programmeId: w.programme.id,
      period: { from: '2026-01-01', to: '2026-12-31' },
      today: chinaToday(),
    });
    const e10 = (await makeEnterprise()).id;
    await pair(w.programme.id, w.officers.a.id, e10, true);
    await addMemo({ programmeId: w.programme.id, officerId: w.officers.a.id, enterpriseId: e10, mode: 'onsite', visitDate: chinaToday() });
    const later = await surveyRound(w.programme.id, [e10], { name: '后一核对批次' });
    await respond(later, later.links[0]?.token as string, answer('yes', 'yes'));
    await db()
      .update(campaigns)
      .set({ closesAt: (first?.closesAt ?? 0) + 500 })
      .where(eq(campaigns.id, later.id));
    const q = `programme=${w.programme.id}&from=2026-01-01&to=2026-12-31`;
    for (const by of ['unit', 'officer']) {
      const html = await (await call(`/admin/stats/breakdown?by=${by}&${q}`, { cookie: admin })).text();
      const section = html.slice(html.indexOf('id="claims"'), html.indexOf('</main>'));
      expect(section, by).toContain('后一核对批次');

      expect(section, by).not.toContain('>核对批次（');
      expect(section.split('<caption').length - 1, by).toBe(1);
      expect(section, by).toContain('本期间共 2 轮可核对');
      expect(section, by).toContain(`href="/admin/stats/claims?${q.replaceAll('&', '&amp;')}"`);
    }
    const every = await (await call(`/admin/stats/claims?${q}`, { cookie: admin })).text();
    expect(every).toContain('后一核对批次');
    expect(every).toContain('>核对批次（');
  });
});
