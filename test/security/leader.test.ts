// Issue 19: the read-only leader (领导). Every route of the app (read from the router, so a new one is
// covered the day it is added) against the one table of what a leader may open
// (schema/rules/leader-access.ts): 200 for the dashboard and the report, 403 audited for everything else
// of the signed-in sections, nothing stored. A leader's scope comes from the account, never the query,
// and narrows the figures exactly, the report's too; satisfaction is suppressed as everything leaving the office.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEADER_PAGES, leaderMay } from '../../schema/rules/leader-access';
import { ACTORS, actorOf, MOVES } from '../../schema/rules/problem-moves';
import { users } from '../../schema/tables';
import { call, db, makeEnterprise, pair, postForm, signedIn, signedInLeader } from '../fixtures';
import { addProblem, respond, satisfactionAnswer, statsWorld, surveyRound, type World } from '../fixtures/stats';
import { auditRows, changed, concrete, routes, tableCounts } from './helpers';

let w: World;
const cookies: Record<'all' | 'chain' | 'region', string> = { all: '', chain: '', region: '' };
let admin: string;
let roundId: string;

const leader = signedInLeader;

const figure = (html: string, name: string) => html.match(new RegExp(`data-figure="${name}">(\\d+)<`))?.[1];

beforeAll(async () => {
  w = await statsWorld();
  const [e1, e2, , e4, e5] = w.enterprises;
  const { o1, o3 } = w.officers;
  const p = w.programme.id;
  // Chain 1: three problems (one of them overdue); chain 2: two. Region 东区 holds e2, e4, e6.
  await addProblem({
    programmeId: p,
    enterpriseId: e1.id,
    officerId: o1.id,
    raisedOn: '2026-03-02',
    status: 'dispatched',
    deadline: '2026-04-01',
  });
  await addProblem({
    programmeId: p,
    enterpriseId: e1.id,
    officerId: o1.id,
    raisedOn: '2026-03-03',
    status: 'pending',
    deadline: '2099-01-01',
  });
  await addProblem({
    programmeId: p,
    enterpriseId: e2.id,
    officerId: o1.id,
    raisedOn: '2026-03-04',
    status: 'pending',
    deadline: '2099-01-01',
  });
  await addProblem({
    programmeId: p,
    enterpriseId: e4.id,
    officerId: o3.id,
    raisedOn: '2026-03-05',
    status: 'pending',
    deadline: '2099-01-01',
  });
  await addProblem({
    programmeId: p,
    enterpriseId: e5.id,
    officerId: o3.id,
    raisedOn: '2026-03-06',
    status: 'pending',
    deadline: '2099-01-01',
  });
  // Six answers from chain 1 (three more enterprises), three from chain 2: chain 2 is under k = 5, and
  // with the programme's figure shown chain 1 must go too, or chain 2 = total − chain 1.
  const more = [];
  for (let i = 0; i < 3; i++) {
    const e = await makeEnterprise({ chainId: w.chains.c1.id, region: '西区', name: `第一链补充企业${i}` });
    await pair(p, o1.id, e.id, true);
    more.push(e);
  }
  const responders = [...w.enterprises, ...more];
  const round = await surveyRound(
    p,
    responders.map((e) => e.id),
    { opensAt: Date.parse('2026-03-05T09:00:00+08:00') },
  );
  roundId = round.id;
  for (const l of round.links) await respond(round, l.token, satisfactionAnswer([5, 5, 5, 5, 5, 5]));
  admin = (await signedIn('admin')).cookie;
  cookies.all = await leader({});
  cookies.chain = await leader({ scopeChainId: w.chains.c1.id });
  cookies.region = await leader({ scopeRegion: '东区' });
});

describe('what a leader may open', () => {
  it('answers 403 on every other route of the signed-in sections, audited, storing nothing else', async () => {
    const fenced = routes().filter(([m, p]) => !leaderMay(m, p));
    expect(fenced.length).toBeGreaterThan(100);
    expect(fenced.some(([m, p]) => m === 'GET' && p.startsWith('/admin/exports'))).toBe(true);
    const before = await tableCounts();
    const audited = (await auditRows('forbidden')).length;
    for (const [method, pattern] of fenced) {
      const path = concrete(pattern, { id: roundId });
      const res =
        method === 'POST'
          ? await postForm(path, { name: 'x', id: roundId }, { cookie: cookies.all })
          : await call(path, { cookie: cookies.all, method });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(await res.text()).not.toContain('第一链补充企业');
    }
    expect((await auditRows('forbidden')).length - audited).toBe(fenced.length);
    expect(changed(before, await tableCounts(), ['audit_log'])).toEqual({});
  });

  it('opens the dashboard and the report (a programme-wide leader), and lands on the dashboard', async () => {
    for (const page of LEADER_PAGES) {
      const res = await call(`${page}?programme=${w.programme.id}`, { cookie: cookies.all });
      expect(res.status, page).toBe(200);
    }
    // The report carries figures only: no enterprise, no answer text, no link to a record.
    const report = await (await call(`/admin/report?programme=${w.programme.id}`, { cookie: cookies.all })).text();
    for (const e of w.enterprises) expect(report).not.toContain(e.name);
    expect(report).not.toContain('第一链补充企业');
    expect(report).not.toMatch(/href="\/(problems|memos|enterprises|admin\/exports)/);
    const home = await call('/', { cookie: cookies.all });
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/admin/stats');
  });

  it('gives a leader of one chain or region the report of that place only, whatever the query says', async () => {
    const raised = (html: string) => html.match(/<th scope="row">收集问题<\/th><td>(\d+)<\/td>/)?.[1];
    const get = (cookie: string, extra = '') =>
      call(`/admin/report?programme=${w.programme.id}${extra}`, { cookie }).then(async (r) => ({ status: r.status, html: await r.text() }));
    const all = await get(cookies.all);
    expect(raised(all.html)).toBe('5');
    const chain = await get(cookies.chain, `&chain=${w.chains.c2.id}&region=`);
    expect(chain.status).toBe(200);
    expect(chain.html).toContain(`<h1>${w.programme.name}（${w.chains.c1.name}）工作汇报</h1>`);
    expect(raised(chain.html)).toBe('3');
    expect(chain.html).not.toContain(w.chains.c2.name);
    const region = await get(cookies.region, '&region=西区');
    expect(region.html).toContain(`<h1>${w.programme.name}（东区）工作汇报</h1>`);
    expect(raised(region.html)).toBe('2');
    // The region's 3 answers are under k: 样本不足 in the report too; the chain's 6 are shown (6 items each).
    expect(region.html).toContain('<th scope="row">满意率（两档）</th><td>样本不足</td>');
    expect(chain.html).toContain('<th scope="row">满意率（两档）</th><td>100.0%<small> (36/36)</small></td>');
    for (const e of w.enterprises) expect(region.html).not.toContain(e.name);
    // The Word file is the same place's, named after it, and its download is audited with the place.
    const exports = () =>
      env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'export' AND object_type = 'report' ORDER BY id").all<{
        detail: string;
      }>();
    const before = (await exports()).results.length;
    const docx = await call(`/admin/report.docx?programme=${w.programme.id}`, { cookie: cookies.chain });
    expect(docx.status).toBe(200);
    expect(decodeURIComponent(docx.headers.get('content-disposition') ?? '')).toContain(`${w.programme.name}（${w.chains.c1.name}）`);
    const rows = (await exports()).results.slice(before);
    expect(rows.map((r) => JSON.parse(r.detail))).toEqual([
      { format: 'docx', from: '2026-01-01', to: '2026-12-31', chain: w.chains.c1.id },
    ]);
  });

  it('makes no move of the ledger: no actor, so every cell of the role × move table refuses', () => {
    const p = { status: 'in_progress' as const, leadUnitId: 'u', supportUnitIds: ['u'] };
    expect(actorOf({ role: 'leader', unitId: 'u' }, p)).toBeNull();
    expect(ACTORS).not.toContain('leader');
    expect(MOVES.length).toBe(15);
  });

  it('shows in the menu only what a leader may open, and no record', async () => {
    const html = await (await call(`/admin/stats?programme=${w.programme.id}`, { cookie: cookies.all })).text();
    const menu = html.match(/<nav class="sections"[\s\S]*?<\/nav>/)?.[0] ?? '';
    expect([...menu.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual(['/admin/stats', '/admin/report']);
    for (const e of w.enterprises) expect(html).not.toContain(e.name);
    expect(html).not.toContain('/problems');
    expect(html).not.toContain('/admin/exports');
  });
});

describe('a leader’s figures are those of their scope', () => {
  const page = (cookie: string, extra = '') => call(`/admin/stats?programme=${w.programme.id}${extra}`, { cookie }).then((r) => r.text());

  it('counts the whole programme, one chain, one region exactly, whatever the query string says', async () => {
    const all = await page(cookies.all);
    expect([figure(all, 'raised'), figure(all, 'overdue')]).toEqual(['5', '1']);
    const chain = await page(cookies.chain, `&chain=${w.chains.c2.id}&region=&by=unit`);
    expect([figure(chain, 'raised'), figure(chain, 'overdue')]).toEqual(['3', '1']);
    const region = await page(cookies.region, `&region=西区`);
    expect([figure(region, 'raised'), figure(region, 'overdue')]).toEqual(['2', '0']);
    // The admin's own overview counts the same five.
    expect((await call(`/admin/stats?programme=${w.programme.id}`, { cookie: admin })).status).toBe(200);
  });

  it('suppresses satisfaction complementarily: both chains hidden beside the programme figure; one chain of 6 shown alone', async () => {
    const all = await page(cookies.all);
    const table = all.match(/<table>[\s\S]*?<\/table>/)?.[0] ?? '';
    expect(table.match(/data-suppressed="true"/g)).toHaveLength(2);
    expect(table).not.toContain('100.0%');
    expect(all).toContain('100.0%'); // the programme's 9 answers
    const chain = await page(cookies.chain);
    expect(chain).toContain('100.0%');
    expect(chain).not.toContain('data-suppressed');
    const region = await page(cookies.region); // e2, e4, e6: 3 answers, under k
    expect(region).toContain('data-suppressed="true"');
    expect(region).not.toContain('100.0%');
  });
});

describe('the admin sets a leader and the scope', () => {
  it('creates a leader of one chain, audited; refuses an unknown scope with a field message, storing nothing', async () => {
    const bad = await tableCounts();
    const refused = await postForm(
      '/admin/leaders',
      { login: 'lead.bad', name: '王领导', phone: '', email: '', scope: 'chain:not-a-chain' },
      { cookie: admin },
    );
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/has-error[\s\S]*name="scope"/);
    const unknown = await postForm(
      '/admin/leaders',
      { login: 'lead.bad', name: '王领导', phone: '', email: '', scope: 'region:火星' },
      { cookie: admin },
    );
    expect(unknown.status).toBe(422);
    expect(changed(bad, await tableCounts(), ['audit_log'])).toEqual({});
    const res = await postForm(
      '/admin/leaders',
      { login: 'lead.wang', name: '王领导', phone: '', email: '', scope: `chain:${w.chains.c1.id}` },
      { cookie: admin },
    );
    expect(res.status).toBe(200);
    const row = await db().select().from(users).where(eq(users.login, 'lead.wang')).get();
    expect(row).toMatchObject({ role: 'leader', unitId: null, scopeChainId: w.chains.c1.id, scopeRegion: null });
    expect((await auditRows('create')).some((r) => r.object_id === row?.id)).toBe(true);
    const edited = await postForm(
      `/admin/leaders/${row?.id}`,
      { name: '王领导', phone: '', email: '', scope: 'region:东区' },
      { cookie: admin },
    );
    expect(edited.status).toBe(303);
    expect(await db().select().from(users).where(eq(users.login, 'lead.wang')).get()).toMatchObject({
      scopeChainId: null,
      scopeRegion: '东区',
    });
    const list = await (await call('/admin/leaders', { cookie: admin })).text();
    expect(list).toContain('王领导');
    expect(list).toContain('东区');
  });

  it('refuses a leader on the leaders’ own admin pages', async () => {
    expect((await call('/admin/leaders', { cookie: cookies.all })).status).toBe(403);
  });
});
