// Issue 7 catalogue — output encoding. XSS payloads are put in every kind of user text (enterprise,
// unit, officer, chain, programme, form and round names, question text, answers, memo text, problem
// notes), then every page that shows them is read as admin, officer and respondent: each must carry
// the text escaped, no live markup, no script without the CSP nonce, no `javascript:` in an attribute.
// Single pages are also checked in enterprises.test.ts "escapes enterprise names in the list",
// officers.test.ts / programmes.test.ts "escapes a hostile name", forms.test.ts "previews a version …
// escaping hostile text", enterprise-file.test.ts "escapes what people typed" and answering.test.ts
// "stores hostile and bidirectional text exactly and renders it escaped".
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { respondentCss, surveyEnhanceJs } from '#respondent-inline';
import type { FormDefinition } from '../../schema/form-definition';
import { TEMPLATES } from '../../schema/form-templates';
import { memos, problems } from '../../schema/memo-tables';
import { chinaToday } from '../../schema/rules/china-time';
import { campaignCounters, campaigns, forms, formVersions, invitations } from '../../schema/survey-tables';
import { programmes, users } from '../../schema/tables';
import { newId } from '../../worker/lib/tokens';
import { linkToken, tokenHash } from '../../worker/surveys/link-token';
import { call, db, login, makeChain, makeEnterprise, makeUnit, makeUser, pair, postForm, signedIn } from '../fixtures';
import { memoForm, move, postMemo, problemRow, theProgramme } from '../fixtures/memos';
import { makePublishedForm, open, VALID } from '../integration/rounds.fixtures';
import { assertSafeHtml, concrete, routes, XSS, XSS_ALL } from './helpers';

const S = {
  unit: `单位${XSS.img}`,
  officer: `干部${XSS.svg}`,
  chain: `链${XSS.script}`,
  enterprise: `企业${XSS.img}${XSS.js}`,
  programme: `行动${XSS.svg}`,
  form: `表单${XSS.script}`,
  formTitle: `问卷${XSS.img}`,
  question: `问题${XSS.svg}`,
  round: `批次${XSS.img}`,
  answer: XSS_ALL,
  memo: `备忘${XSS_ALL}`,
  problem: `问题描述${XSS.img}${XSS.js}`,
  note: `进展${XSS.svg}${XSS.script}`,
};

const ids = {} as {
  admin: string;
  handler: string;
  officer: string;
  officerId: string;
  unitId: string;
  enterpriseId: string;
  memoId: string;
  problemId: string;
  formId: string;
  roundId: string;
  respondent: string;
};

beforeAll(async () => {
  const unit = await makeUnit(S.unit);
  const chain = await makeChain(S.chain);
  const officer = await makeUser({ role: 'officer', unitId: unit.id });
  await db().update(users).set({ name: S.officer }).where(eq(users.id, officer.id));
  const enterprise = await makeEnterprise({ name: S.enterprise, chainId: chain.id, contactName: XSS.svg, region: XSS.js });
  const programme = await theProgramme();
  await db().update(programmes).set({ name: S.programme }).where(eq(programmes.id, programme.id));
  await pair(programme.id, officer.id, enterprise.id);
  const officerCookie = await login(officer);

  // A memo and a problem written through the routes, as the officer's browser does.
  const form = memoForm(enterprise.id, [problemRow({ description: S.problem })], {
    participants: S.memo,
    contactName: XSS.img,
    businessSituation: S.memo,
    policiesExplained: XSS.js,
    nextSteps: S.memo,
  });
  expect((await postMemo(officerCookie, form)).status).toBe(303);
  const problem = await db()
    .select()
    .from(problems)
    .where(eq(problems.memoId, String(form.id)))
    .get();
  const problemId = problem?.id as string;
  // Dispatched to the hostile unit, whose handler (hostile name too) accepts it and notes progress; the
  // admin puts it under 督办 with a hostile note.
  const admin = (await signedIn('admin')).cookie;
  const handler = await makeUser({ role: 'handler', unitId: unit.id });
  await db().update(users).set({ name: S.officer }).where(eq(users.id, handler.id));
  const handlerCookie = await login(handler);
  expect((await move(admin, problemId, 'dispatch', { leadUnitId: unit.id, note: S.note })).status).toBe(303);
  expect((await move(handlerCookie, problemId, 'accept', { note: S.note })).status).toBe(303);
  expect((await move(handlerCookie, problemId, 'progress', { note: S.note })).status).toBe(303);
  expect((await move(admin, problemId, 'supervise', { note: S.note, respondBy: chinaToday() })).status).toBe(303);

  // A form whose title and question text are hostile, a round named so, and one answered link.
  const base = TEMPLATES.satisfaction.definition;
  const [first, ...rest] = base.pages;
  const definition = {
    ...base,
    title: { zh: S.formTitle, en: S.formTitle },
    pages: [
      { ...first, questions: first?.questions.map((q, i) => (i === 0 ? { ...q, title: { zh: S.question, en: S.question } } : q)) },
      ...rest,
    ],
  } as FormDefinition;
  const versionId = await makePublishedForm(definition);
  const version = await db().select().from(formVersions).where(eq(formVersions.id, versionId)).get();
  await db()
    .update(forms)
    .set({ name: S.form })
    .where(eq(forms.id, version?.formId as string));
  const roundId = newId();
  const now = Date.now();
  await db()
    .insert(campaigns)
    .values({
      id: roundId,
      programmeId: programme.id,
      formVersionId: versionId,
      name: S.round,
      opensAt: now - 3600_000,
      closesAt: now + 86400_000,
      sampling: '{"mode":"all","stratify":"none"}',
      seed: XSS.img,
      createdAt: now,
    });
  await db().insert(campaignCounters).values({ campaignId: roundId, invited: 1 });
  const invitationId = newId();
  const token = await linkToken(env.LINK_SECRET, invitationId);
  await db()
    .insert(invitations)
    .values({ id: invitationId, campaignId: roundId, enterpriseId: enterprise.id, tokenHash: await tokenHash(token), createdAt: now });
  const respondent = (await open(token)).cookie;

  Object.assign(ids, {
    admin,
    handler: handlerCookie,
    officer: officerCookie,
    officerId: officer.id,
    unitId: unit.id,
    enterpriseId: enterprise.id,
    memoId: String(form.id),
    problemId,
    formId: version?.formId,
    roundId,
    respondent,
  });
});

/** Reads a page, checks its CSP and its markup, and returns the HTML. */
async function safePage(path: string, cookie: string) {
  const res = await call(path, { cookie });
  expect(res.status, path).toBe(200);
  const csp = res.headers.get('content-security-policy') ?? '';
  const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, `${path}: CSP with a script nonce`).toBeTruthy();
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  const html = await res.text();
  assertSafeHtml(html, path);
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, path).toContain(`nonce="${nonce}"`);
  return html;
}

const escaped = (payload: string) => payload.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
/** Preact escapes < and & in text and " too in attributes; either way no `<` of the payload survives. */
const shows = (html: string, payload: string) => html.includes(escaped(payload)) || html.includes(payload.replace(/</g, '&lt;'));

describe('admin pages', () => {
  const pages = () => [
    '/admin',
    '/admin/units',
    '/admin/officers',
    `/admin/officers/${ids.officerId}/edit`,
    '/admin/chains',
    '/admin/enterprises',
    `/admin/enterprises/${ids.enterpriseId}/edit`,
    '/admin/programmes',
    '/admin/assignments',
    '/admin/assignments/new',
    '/admin/forms',
    `/admin/forms/${ids.formId}`,
    `/admin/forms/${ids.formId}/versions/1`,
    `/admin/forms/${ids.formId}/versions/1/preview`,
    '/admin/rounds',
    `/admin/rounds/${ids.roundId}`,
    `/admin/rounds/${ids.roundId}/sheet`,
    '/admin/import',
    '/admin/handlers',
    '/admin/calendar',
    '/admin/deadlines',
    '/admin/notifications',
    `/admin/notice/${ids.unitId}`,
    '/problems',
    `/problems/${ids.problemId}`,
    `/memos/${ids.memoId}`,
    `/enterprises/${ids.enterpriseId}`,
  ];

  it('escape every hostile name and text, with no inline script', async () => {
    const seen = new Set<string>();
    for (const path of pages()) {
      const html = await safePage(path, ids.admin);
      for (const [k, v] of Object.entries(S)) if (shows(html, v)) seen.add(k);
    }
    // The check is not vacuous: every kind of hostile text was on some page, escaped.
    for (const k of ['unit', 'officer', 'chain', 'enterprise', 'programme', 'form', 'question', 'round', 'memo', 'problem', 'note']) {
      expect([...seen], k).toContain(k);
    }
  });
});

describe('dashboards, the work report and the exports page', () => {
  const pages = () => [
    '/admin/stats',
    '/admin/stats/trend',
    '/admin/stats/problems',
    '/admin/stats/satisfaction',
    '/admin/stats/breakdown?by=unit',
    '/admin/stats/breakdown?by=officer',
    '/admin/stats/breakdown?by=chain',
    '/admin/stats/breakdown?by=region',
    `/admin/stats/rounds/${ids.roundId}`,
    `/admin/stats/units/${ids.unitId}`,
    `/admin/stats/officers/${ids.officerId}`,
    '/admin/report',
    '/admin/exports',
  ];

  it('escape names in every dashboard, the printable report and the export list', async () => {
    const seen = new Set<string>();
    for (const path of pages()) {
      const html = await safePage(path, ids.admin);
      for (const [k, v] of Object.entries(S)) if (shows(html, v)) seen.add(k);
    }
    for (const k of ['unit', 'officer', 'programme', 'round']) expect([...seen], k).toContain(k);
  });
});

describe('officer pages', () => {
  it('escape the enterprise, memo and problem text on home, memo, ledger, problem, file and own figures', async () => {
    const paths = [
      '/',
      '/memos/new',
      `/memos/${ids.memoId}`,
      '/problems',
      `/problems/${ids.problemId}`,
      `/enterprises/${ids.enterpriseId}`,
      '/stats/mine',
    ];
    const seen = new Set<string>();
    for (const path of paths) {
      const html = await safePage(path, ids.officer);
      for (const [k, v] of Object.entries(S)) if (shows(html, v)) seen.add(k);
    }
    for (const k of ['enterprise', 'memo', 'problem', 'note']) expect([...seen], k).toContain(k);
  });
});

describe('unit handler pages', () => {
  it('escape the enterprise, problem and note text on the handler’s home, queue and problem page', async () => {
    const seen = new Set<string>();
    for (const path of ['/', '/problems', `/problems/${ids.problemId}`]) {
      const html = await safePage(path, ids.handler);
      for (const [k, v] of Object.entries(S)) if (shows(html, v)) seen.add(k);
    }
    for (const k of ['enterprise', 'problem', 'note', 'unit', 'officer']) expect([...seen], k).toContain(k);
  });
});

/** sha256 of a text, as a CSP source expression. */
async function cspHash(text: string) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
}

/**
 * The respondent page shell: the built stylesheet inline, allowed by its hash, and (with `script`) the
 * built script inline under the nonce the CSP names; nothing linked, no 'unsafe-inline'.
 */
async function inlined(res: Response, where: string, script: boolean) {
  const csp = res.headers.get('content-security-policy') ?? '';
  const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, where).toBeTruthy();
  expect(csp, where).toContain(`style-src 'self' ${await cspHash(respondentCss)};`);
  expect(csp, where).not.toMatch(/unsafe-|\*/);
  const html = await res.text();
  expect(html, where).toContain(`<style>${respondentCss}</style>`);
  if (script) expect(html, where).toContain(`<script type="module" nonce="${nonce}">${surveyEnhanceJs}</script>`);
  else expect(html, where).not.toContain('<script');
  expect(html, where).not.toContain('/assets/'); // nothing linked: one request, one round trip
  expect(respondentCss.length).toBeGreaterThan(1000); // the build's real files, not empty stand-ins
  expect(surveyEnhanceJs.length).toBeGreaterThan(1000);
  return html;
}

describe('respondent pages', () => {
  it("carry the built stylesheet (by its CSP hash) and script (by the request's nonce) inline, never unsafe-inline", async () => {
    const first = await call('/s', { cookie: ids.respondent });
    expect(first.status).toBe(200);
    assertSafeHtml(await inlined(first, '/s', true), '/s');
    // a fresh nonce per request
    const again = await call('/s', { cookie: ids.respondent });
    const nonce = (r: Response) => /script-src 'nonce-([^']+)'/.exec(r.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce(again)).not.toBe(nonce(first));
    // the invalid-link page (a 404 in the same shell): the stylesheet inline, no script
    const invalid = await call('/s/not-a-link');
    expect(invalid.status).toBe(404);
    assertSafeHtml(await inlined(invalid, 'invalid link', false), 'invalid link');
    // admin pages keep their linked, cacheable stylesheet
    const admin = await (await call('/admin', { cookie: ids.admin })).text();
    expect(admin).toContain('<link rel="stylesheet" href="/assets/app.css"');
    expect(admin).not.toContain('<style');
  });

  it('escape the form title and question text, the answers typed back into a refused form, and the thanks page', async () => {
    const form = await safePage('/s', ids.respondent);
    expect(shows(form, S.formTitle)).toBe(true);
    expect(shows(form, S.question)).toBe(true);
    const refused = await postForm(
      `/s?round=${ids.roundId}`,
      { ...VALID, overall: '9', suggestions: S.answer },
      { cookie: ids.respondent },
    );
    expect(refused.status).toBe(422);
    const html = await refused.text();
    assertSafeHtml(html, 'refused survey');
    expect(shows(html, S.answer)).toBe(true);
    const done = await postForm(
      `/s?round=${ids.roundId}`,
      { ...VALID, attitude: '1', reason: S.answer, suggestions: S.answer },
      { cookie: ids.respondent },
    );
    expect(done.status).toBe(200);
    assertSafeHtml(await inlined(done, 'thanks', true), 'thanks'); // the script deletes the saved draft
    // the answers, once stored, show nowhere unescaped either (round page and its statistics)
    await safePage(`/admin/rounds/${ids.roundId}`, ids.admin);
    await safePage(`/admin/stats/rounds/${ids.roundId}`, ids.admin);
  });
});

describe('error pages and javascript: URLs', () => {
  it('escapes field names and values echoed by error pages', async () => {
    const res = await call('/api/s', {
      method: 'POST',
      cookie: ids.respondent,
      body: JSON.stringify({ answers: {}, [XSS.img]: 1 }),
      headers: { 'content-type': 'application/json', accept: 'text/html' },
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    // JSON is not HTML: served as application/json with nosniff, the payload is inert data.
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(JSON.parse(text).fields).toHaveProperty(XSS.img);
    const page = await postForm('/admin/units', { name: '甲', [XSS.svg]: XSS.img }, { cookie: ids.admin });
    expect(page.status).toBe(422);
    assertSafeHtml(await page.text(), 'unknown field page');
  });

  it('never follows a javascript:, data: or other-site next= after login or a language switch', async () => {
    const user = await makeUser();
    for (const next of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '//evil.example/x',
      '/\\evil.example',
      'data:text/html,<script>x</script>',
      ' /x',
    ]) {
      const loginPage = await call(`/login?next=${encodeURIComponent(next)}`);
      assertSafeHtml(await loginPage.text(), `login?next=${next}`);
      const res = await postForm('/login', { login: user.login, password: user.password, next });
      expect(res.status).toBe(303);
      expect(res.headers.get('location'), next).toBe('/');
      const lang = await postForm('/lang', { lang: 'en', next });
      expect(lang.headers.get('location'), next).toBe('/');
    }
  });

  it('keeps a stored javascript: value out of every href', async () => {
    // The memo's policiesExplained and the enterprise's region hold "javascript:alert(4)".
    const stored = await db().select().from(memos).where(eq(memos.id, ids.memoId)).get();
    expect(stored?.policiesExplained).toBe(XSS.js);
    for (const [path, cookie] of [
      [`/memos/${ids.memoId}`, ids.officer],
      [`/enterprises/${ids.enterpriseId}`, ids.officer],
      ['/admin/enterprises', ids.admin],
    ] as const) {
      const html = await safePage(path, cookie);
      expect(html).toContain('javascript:alert(4)'); // shown as text…
      expect(html).not.toMatch(/href="[^"]*javascript:/i); // …never as a link
    }
  });
});

describe('every page of the router', () => {
  it('sends the nonce CSP, nosniff and frame-ancestors none, and no script without the nonce — error pages included', async () => {
    const gets = routes().filter(([m, p]) => m === 'GET' && !/\.(csv|json)|export|links|template/.test(p));
    expect(gets.length).toBeGreaterThan(40);
    for (const [, pattern] of gets) {
      for (const cookie of [ids.admin, ids.officer, undefined]) {
        const path = concrete(pattern, { id: ids.enterpriseId });
        const res = await call(path, { cookie });
        if (res.status >= 300 && res.status < 400) continue;
        const csp = res.headers.get('content-security-policy') ?? '';
        const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
        expect(nonce, path).toBeTruthy();
        expect(csp).toContain("frame-ancestors 'none'");
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        const html = await res.text();
        assertSafeHtml(html, `${path} (${res.status})`);
        for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, path).toContain(`nonce="${nonce}"`);
      }
    }
  });
});
