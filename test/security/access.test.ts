// Issue 7 catalogue — access. Already covered elsewhere:
// - officers get 403 on admin pages, audited: auth.test.ts "refuses an officer on admin routes with 403 and audits it",
//   and per feature (chains/enterprises/officers/programmes/forms/rounds/import/assignments tests "refuses officers");
// - IDOR on memos: memos.test.ts "refuses another officer reusing a memo id with 409, and hides the memo (404)";
//   on problems: problems.test.ts "answers another officer's problem with 404 on read and write";
//   on enterprise files: enterprise-file.test.ts "answers 404 to an officer not paired with the enterprise";
//   officers never see which rounds an enterprise was drawn for: enterprise-file.test.ts "never tells an officer…".
// What follows: every admin route (read from the router, so a new one is covered the day it is added)
// refuses officers with an audit row; satisfaction answers about an officer's own enterprises are out
// of reach by id, filter, search and export; no officer page carries a link token or the sample;
// cross-object reads are audited.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_SEGMENTS } from '../../schema/inputs/problems';
import { campaignCounters, campaigns, invitations } from '../../schema/survey-tables';
import { newId } from '../../worker/lib/tokens';
import { linkToken, tokenHash } from '../../worker/surveys/link-token';
import { call, db, postForm, signedIn } from '../fixtures';
import { memoWithProblem, pairedOfficer, theProgramme } from '../fixtures/memos';
import { makePublishedForm, open, VALID } from '../integration/rounds.fixtures';
import { auditRows, changed, concrete, routes, tableCounts } from './helpers';

type Officer = Awaited<ReturnType<typeof pairedOfficer>>;
let officer: Officer;
let other: Officer;
let admin: string;
const secret = { answer: '只有管理员能看到的回答XYZ', round: '抽样批次QRS' };
let round: { id: string; token: string };

beforeAll(async () => {
  officer = await pairedOfficer();
  other = await pairedOfficer();
  admin = (await signedIn('admin')).cookie;
  // A round that drew the officer's enterprise, answered with a recognisable text.
  const programme = await theProgramme();
  const versionId = await makePublishedForm();
  const id = newId();
  const now = Date.now();
  await db()
    .insert(campaigns)
    .values({
      id,
      programmeId: programme.id,
      formVersionId: versionId,
      name: secret.round,
      opensAt: now - 3600_000,
      closesAt: now + 86400_000,
      sampling: '{"mode":"all","stratify":"none"}',
      seed: 's',
      createdAt: now,
    });
  await db().insert(campaignCounters).values({ campaignId: id, invited: 1 });
  const invitationId = newId();
  const token = await linkToken(env.LINK_SECRET, invitationId);
  await db()
    .insert(invitations)
    .values({ id: invitationId, campaignId: id, enterpriseId: officer.enterprise.id, tokenHash: await tokenHash(token), createdAt: now });
  const { cookie } = await open(token);
  const res = await postForm(`/s?round=${id}`, { ...VALID, attitude: '1', reason: secret.answer, suggestions: secret.answer }, { cookie });
  expect(res.status).toBe(200);
  round = { id, token };
});

describe('admin routes refuse officers', () => {
  it('answers 403 on every GET and POST under /admin, writing one audit row each and nothing else', async () => {
    const adminRoutes = routes().filter(([, p]) => p.startsWith('/admin'));
    expect(adminRoutes.length).toBeGreaterThan(60);
    const before = await tableCounts();
    const audited = (await auditRows('forbidden')).length;
    for (const [method, pattern] of adminRoutes) {
      const path = concrete(pattern, { id: round.id });
      const res =
        method === 'POST'
          ? await postForm(path, { name: 'x', id: round.id }, { cookie: officer.cookie })
          : await call(path, { cookie: officer.cookie, headers: { accept: pattern.endsWith('.csv') ? 'text/csv' : 'text/html' } });
      expect(res.status, `${method} ${path}`).toBe(403);
      const body = await res.text();
      expect(body).not.toContain(secret.answer);
      expect(body).not.toContain(round.token);
    }
    const rows = (await auditRows('forbidden')).slice(audited);
    expect(rows).toHaveLength(adminRoutes.length);
    expect(rows.every((r) => r.actor_id === officer.user.id)).toBe(true);
    expect(changed(before, await tableCounts(), ['audit_log'])).toEqual({});
  });

  it('answers 403 in JSON to an officer asking for JSON', async () => {
    const res = await call(`/admin/exports/responses.csv?campaign=${round.id}`, {
      cookie: officer.cookie,
      headers: { accept: 'application/json' },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'forbidden' });
  });
});

describe('satisfaction answers about an officer’s own enterprises', () => {
  it('are out of reach by id, filter, search and export', async () => {
    const { id } = round;
    const programme = await theProgramme();
    const attempts = [
      `/admin/exports/responses.csv?campaign=${id}`,
      `/admin/exports/invitations.csv?campaign=${id}`,
      `/admin/stats/rounds/${id}`,
      `/admin/stats/satisfaction?programme=${programme.id}`,
      `/admin/rounds/${id}`,
      `/admin/rounds/${id}/links.csv`,
      `/admin/rounds/${id}/sheet`,
      `/admin/stats/officers/${officer.user.id}`,
      `/admin/stats/breakdown?by=officer&programme=${programme.id}`,
      `/admin/report?programme=${programme.id}`,
    ];
    for (const path of attempts) expect((await call(path, { cookie: officer.cookie })).status, path).toBe(403);
    // The respondent's own pages need the link's cookie, not a session.
    expect((await call('/s', { cookie: officer.cookie })).status).toBe(404);
    const api = await call('/api/s', {
      method: 'POST',
      cookie: officer.cookie,
      body: '{"answers":{}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(api.status).toBe(404);
    // What an officer may open shows neither the answer nor the round (searching for it included).
    const open = [
      '/',
      `/stats/mine?programme=${programme.id}`,
      `/stats/mine?programme=${programme.id}&from=${new Date().toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`,
      `/problems?q=${encodeURIComponent(secret.answer)}`,
      `/enterprises/${officer.enterprise.id}`,
      `/memos/new?enterprise=${officer.enterprise.id}`,
    ];
    for (const path of open) {
      const res = await call(path, { cookie: officer.cookie });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).not.toContain(secret.answer);
      expect(html, path).not.toContain(secret.round);
      expect(html, path).not.toContain(round.id);
    }
    // One response is below k: the officer's own figures say so instead of showing a rate.
    expect(await (await call(`/stats/mine?programme=${programme.id}`, { cookie: officer.cookie })).text()).not.toMatch(
      /满意率[^<]*<[^>]*>\s*\d/,
    );
  });
});

describe('officer-visible pages never carry a link token', () => {
  it('keeps tokens, the sample and the round out of every page and JSON answer an officer gets', async () => {
    const problem = await memoWithProblem(officer.cookie, officer.enterprise.id);
    const paths = [
      '/',
      '/memos/new',
      `/memos/${problem.memoId}`,
      '/problems',
      `/problems/${problem.id}`,
      `/enterprises/${officer.enterprise.id}`,
      '/stats/mine',
    ];
    for (const path of paths) {
      for (const accept of ['text/html', 'application/json']) {
        const res = await call(path, { cookie: officer.cookie, headers: { accept } });
        const body = await res.text();
        expect(body, path).not.toContain(round.token);
        expect(body, path).not.toContain(await tokenHash(round.token));
        expect(body, path).not.toContain(secret.round);
      }
    }
  });
});

describe('object-level checks', () => {
  it('hides another officer’s memo, problem and enterprise file (404), auditing each attempt', async () => {
    const theirs = await memoWithProblem(other.cookie, other.enterprise.id);
    const before = await tableCounts();
    const audited = (await auditRows('not_visible')).length;
    const reads = [`/memos/${theirs.memoId}`, `/problems/${theirs.id}`, `/enterprises/${other.enterprise.id}`];
    for (const path of reads) {
      const res = await call(path, { cookie: officer.cookie });
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html).not.toContain(other.enterprise.name);
    }
    // A move on their problem is refused the same way, whatever the action.
    for (const action of Object.values(ACTION_SEGMENTS)) {
      const res = await postForm(
        `/problems/${theirs.id}/${action}`,
        { note: 'x', resolution: 'x', reason: 'x' },
        { cookie: officer.cookie },
      );
      expect(res.status, action).toBe(404);
    }
    const rows = (await auditRows('not_visible')).slice(audited);
    expect(rows.map((r) => r.object_type)).toEqual([
      'memo',
      'problem',
      'enterprise',
      ...Object.values(ACTION_SEGMENTS).map(() => 'problem'),
    ]);
    expect(changed(before, await tableCounts(), ['audit_log'])).toEqual({});
    // The same pages open for their officer and for admins.
    for (const path of reads) {
      expect((await call(path, { cookie: other.cookie })).status).toBe(200);
      expect((await call(path, { cookie: admin })).status).toBe(200);
    }
  });

  it('does not preselect another officer’s enterprise on the memo form (posting one: memos.test.ts, 403)', async () => {
    const html = await (await call(`/memos/new?enterprise=${other.enterprise.id}`, { cookie: officer.cookie })).text();
    // (the id is in the page only as the language switch's return address)
    expect(html).not.toContain(`value="${other.enterprise.id}"`);
    expect(html).not.toContain(other.enterprise.name);
  });

  // Posting to another round with one's cookie: answering.test.ts "refuses a form of round A posted…".
  it('shows a respondent only their own invitation, never the stored answers', async () => {
    const mine = await open(round.token);
    const page = await call('/s', { cookie: mine.cookie });
    expect(page.status).toBe(200); // the "already answered" notice of their own round, nothing else
    const html = await page.text();
    expect(html).toContain('您已提交过本次调查');
    expect(html).not.toContain(secret.answer);
  });
});
