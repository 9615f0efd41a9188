// Issue 20: dashboard figures kept ready (worker/stats/figure-cache.ts). A kept page renders exactly as the
// computed one; a page reads its kept figures while nothing moved; any write to a table a figure is read
// from, a round opening or closing, or KEEP_MS passing makes it compute again; every table of the
// database is classified (worker/stats/figure-sources.ts).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BREAKDOWNS } from '../../schema/inputs/stats';
import { housekeepingJobs } from '../../worker/daily/housekeeping';
import { statsConfig } from '../../worker/stats/config';
import { figureKey, KEEP_MS, keptFigures } from '../../worker/stats/figure-cache';
import { FIGURE_SOURCES, KEPT_WITH_SOURCES, NOT_FIGURES } from '../../worker/stats/figure-sources';
import type { Scope } from '../../worker/stats/period';
import { call, db, makeUser, signedIn, signedInLeader } from '../fixtures';
import { addMemo, addProblem, respond, satisfactionAnswer, statsWorld, surveyRound } from '../fixtures/stats';

const version = async () => (await env.DB.prepare('SELECT n FROM figure_version WHERE id = 1').first<{ n: number }>())?.n ?? -1;
const kept = (key: string) =>
  env.DB.prepare('SELECT version, valid_until AS validUntil, body FROM figure_cache WHERE key = ?1')
    .bind(key)
    .first<{ version: number; validUntil: number; body: string }>();
/** What differs between two renders of the same figures: the CSP nonce and the form tokens. */
const steady = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""').replace(/value="[A-Za-z0-9_-]{32,}"/g, 'value=""');
const page = async (path: string, cookie: string) => {
  const res = await call(path, { cookie });
  expect(res.status, path).toBe(200);
  return steady(await res.text());
};

async function world() {
  const w = await statsWorld();
  const [e1, e2, e3, e4] = w.enterprises;
  const p = w.programme.id;
  const base = { programmeId: p, officerId: w.officers.o1.id, leadUnitId: w.units.u1.id };
  await addProblem({
    ...base,
    enterpriseId: e1.id,
    raisedOn: '2026-02-01',
    status: 'closed',
    closedOn: '2026-02-03',
    followUp: 'satisfied',
  });
  await addProblem({ ...base, enterpriseId: e2.id, raisedOn: '2026-03-01' });
  await addMemo({ programmeId: p, enterpriseId: e3.id, officerId: w.officers.o1.id, visitDate: '2026-03-05' });
  const round = await surveyRound(p, [e1.id, e2.id, e3.id, e4.id]);
  for (const [i, link] of round.links.slice(0, 3).entries()) await respond(round, link.token, satisfactionAnswer([5, 4, 5 - i, 4, 5, 4]));
  return { ...w, round };
}

describe('kept dashboard figures', () => {
  it('render every kept page exactly as computed, and read it back while nothing moved', async () => {
    const w = await world();
    const { cookie } = await signedIn('admin');
    const q = `programme=${w.programme.id}&from=2026-01-01&to=2026-12-31`;
    const paths = [
      `/admin/stats?${q}`,
      `/admin/stats/trend?${q}`,
      `/admin/stats/problems?${q}`,
      `/admin/stats/satisfaction?${q}`,
      ...BREAKDOWNS.map((by) => `/admin/stats/breakdown?by=${by}&${q}`),
      `/admin/stats/units/${w.units.u1.id}?${q}`,
      `/admin/stats/officers/${w.officers.o1.id}?${q}`,
      `/admin/stats/claims?${q}`,
    ];
    const before = await env.DB.prepare('SELECT count(*) AS n FROM figure_cache').first<{ n: number }>();
    const computed = [];
    for (const path of paths) computed.push(await page(path, cookie));
    const after = await env.DB.prepare('SELECT count(*) AS n FROM figure_cache').first<{ n: number }>();
    // One entry per page: the six breakdowns, four overview pages, the unit, the officer and the claims page.
    expect((after?.n ?? 0) - (before?.n ?? 0)).toBe(paths.length);
    const n = await version();
    for (const [i, path] of paths.entries()) expect(await page(path, cookie), path).toBe(computed[i]);
    // Reading wrote nothing: no version raised, no entry added.
    expect(await version()).toBe(n);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM figure_cache').first<{ n: number }>())?.n).toBe(after?.n);
    // The figures are on the pages (not an empty render kept): 2 raised, 3 answers.
    expect(computed[0]).toContain('问题');
    expect(computed[4]).toContain(w.units.u1.name);
  });

  it('are what the page shows until a write to a source table, then computed again', async () => {
    const w = await world();
    const { cookie } = await signedIn('admin');
    const path = `/admin/stats/breakdown?by=unit&programme=${w.programme.id}&from=2026-01-01&to=2026-12-31`;
    const first = await page(path, cookie);
    const scope = { programmeId: w.programme.id, period: { from: '2026-01-01', to: '2026-12-31' } };
    const row = await env.DB.prepare('SELECT key, body FROM figure_cache WHERE key LIKE \'["breakdown",%\' AND key LIKE ?1')
      .bind(`%${w.programme.id}%`)
      .first<{ key: string; body: string }>();
    expect(row, JSON.stringify(scope)).not.toBeNull();
    expect((await kept(row?.key ?? ''))?.version).toBe(await version());
    // The page reads the kept figures: an entry altered by hand (a unit renamed in it) shows.
    const altered = (row?.body ?? '').replaceAll(JSON.stringify(w.units.u1.name), '"保留的单位名"');
    expect(altered).not.toBe(row?.body);
    await env.DB.prepare('UPDATE figure_cache SET body = ?2 WHERE key = ?1').bind(row?.key, altered).run();
    expect(await page(path, cookie)).toContain('保留的单位名');
    // A memo written (straight to D1: the trigger, not the route, raises the version) moves every figure.
    const n = await version();
    await addMemo({ programmeId: w.programme.id, enterpriseId: w.enterprises[1].id, officerId: w.officers.o1.id, visitDate: '2026-04-02' });
    expect(await version()).toBe(n + 1);
    const again = await page(path, cookie);
    expect(again).not.toContain('保留的单位名');
    expect(again).toContain(w.units.u1.name);
    expect(again).not.toBe(first); // the memo's visit is counted
    expect((await kept(row?.key ?? ''))?.version).toBe(n + 1);
  });

  it('raise the version on every kind of write to a source, once per statement row, and not for rollups', async () => {
    const w = await world();
    const n = await version();
    await env.DB.prepare('UPDATE units SET name = name WHERE id = ?1').bind(w.units.u2.id).run();
    await env.DB.prepare('DELETE FROM assignments WHERE officer_id = ?1').bind(w.officers.o2.id).run();
    await makeUser({ role: 'officer' });
    expect(await version()).toBe(n + 3);
    await env.DB.prepare('UPDATE option_counts SET count = count WHERE campaign_id = ?1').bind(w.round.id).run();
    await env.DB.prepare('UPDATE problem_counts SET kind = kind WHERE programme_id = ?1').bind(w.programme.id).run();
    expect(await version()).toBe(n + 3);
  });

  it('are not read past the next opening or closing of a round, nor past KEEP_MS, nor after a write during their computing', async () => {
    const w = await world();
    const t0 = Date.now();
    const opens = t0 + 5 * 60_000;
    const later = await surveyRound(w.programme.id, [w.enterprises[4].id], { opensAt: opens });
    const cfg = statsConfig();
    const scope: Scope = { programmeId: w.programme.id, period: { from: '2026-01-01', to: '2026-12-31' }, today: '2026-12-07', now: t0 };
    const key = figureKey({ page: 'test', scope, cfg });
    let runs = 0;
    const compute = async () => ({ run: ++runs });
    const at = (now: number) => keptFigures(db(), { page: 'test', scope: { ...scope, now }, cfg }, compute);
    expect(await at(t0)).toEqual({ run: 1 });
    // Good until the round opens (five minutes), which comes before KEEP_MS (ten).
    expect((await kept(key))?.validUntil).toBe(opens);
    expect(await at(opens - 1)).toEqual({ run: 1 });
    expect(await at(opens)).toEqual({ run: 2 });
    // Kept when the round opened: the next change is its closing (a day after it was made), so KEEP_MS bounds it.
    const closes = await env.DB.prepare('SELECT closes_at AS c FROM campaigns WHERE id = ?1').bind(later.id).first<{ c: number }>();
    expect(closes?.c).toBeGreaterThan(opens + KEEP_MS);
    expect((await kept(key))?.validUntil).toBe(opens + KEEP_MS);
    expect(await at(opens + KEEP_MS - 1)).toEqual({ run: 2 });
    expect(await at(opens + KEEP_MS)).toEqual({ run: 3 });
    // A write while the figures are computed: what was computed may predate it, so it is not read back.
    const racing = async () => {
      await addMemo({
        programmeId: w.programme.id,
        enterpriseId: w.enterprises[0].id,
        officerId: w.officers.o1.id,
        visitDate: '2026-05-01',
      });
      return { run: ++runs };
    };
    const race = { page: 'test-race', scope, cfg };
    expect(await keptFigures(db(), race, racing)).toEqual({ run: 4 });
    expect(await keptFigures(db(), race, compute)).toEqual({ run: 5 });
    expect(await keptFigures(db(), race, compute)).toEqual({ run: 5 });
  });

  it('keep a leader’s figures apart from the admin’s and from another place’s', async () => {
    const w = await world();
    const q = `programme=${w.programme.id}&from=2026-01-01&to=2026-12-31`;
    const { cookie: admin } = await signedIn('admin');
    const chain1 = await signedInLeader({ scopeChainId: w.chains.c1.id });
    const chain2 = await signedInLeader({ scopeChainId: w.chains.c2.id });
    const adminPage = await page(`/admin/stats?${q}`, admin);
    const one = await page(`/admin/stats?${q}`, chain1);
    const two = await page(`/admin/stats?${q}`, chain2);
    expect(one).not.toBe(two);
    // Read again, each gets its own kept figures.
    expect(await page(`/admin/stats?${q}`, chain1)).toBe(one);
    expect(await page(`/admin/stats?${q}`, chain2)).toBe(two);
    expect(await page(`/admin/stats?${q}`, admin)).toBe(adminPage);
  });
});

describe('which tables move figures', () => {
  it('classifies every table of the database once', async () => {
    const { results } = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' AND name NOT LIKE '__drizzle%'",
    ).all<{ name: string }>();
    const listed = [...FIGURE_SOURCES, ...KEPT_WITH_SOURCES, ...NOT_FIGURES];
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(results.map((r) => r.name).sort());
  });

  it('sweeps kept figures past their time in the daily run', async () => {
    const now = Date.now();
    await env.DB.prepare(
      "INSERT INTO figure_cache (key, version, valid_until, body, made_at) VALUES ('old', 0, ?1, '{}', 0), ('fresh', 0, ?2, '{}', 0)",
    )
      .bind(now - 1, now + KEEP_MS)
      .run();
    const job = housekeepingJobs.find((j) => j.name === 'kept-figures');
    const done = await job?.run({ db: db(), env, now, today: '2026-12-07', maxPages: 5 });
    expect(done?.detail).toMatch(/^\d+ kept figures past their time deleted$/);
    expect(await kept('old')).toBeNull();
    expect(await kept('fresh')).not.toBeNull();
  });
});
