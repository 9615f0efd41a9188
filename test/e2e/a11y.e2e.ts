// Every page type, audited by axe (a11y.ts): PAGES below is the one list of covered pages. A new page is
// one row: who looks at it, its path, and, when the state to audit takes a click or a form, the act that
// reaches it. The rows run in order in one browser, each on its viewer's signed-in page. The other
// end-to-end files share the database and may run before or after this one: what it adds (a memo of
// 李娜's with one accepted problem, a round of two enterprises) changes only dashboard totals, which
// none of them asserts.
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORDS,
  demoEnterpriseLink,
  demoEnterprises,
  demoForm,
  demoProgramme,
  demoRound,
  demoUnits,
  demoUsers,
} from '../../schema/seed/demo.ts';
import { audited, expectAccessible, tallyTable } from './a11y';
import { act, context, launch, signIn, submit } from './browser';
import { launchRound } from './rounds';

type Viewer = 'anonymous' | 'admin' | 'officer' | 'officerNoJs' | 'handler' | 'leader' | 'respondentNoJs' | 'respondent' | 'enterpriseNoJs';
type Ids = { memo: string; problem: string; round: string; setupLink: string };
type Row = { name: string; as: Viewer; path: (ids: Ids) => string; act?: (page: Page) => Promise<unknown> };

// 李娜 and her 天心骨科材料: no other end-to-end file signs in as her or writes about it, and no
// committed screenshot shows her pages.
const ENTERPRISE = demoEnterprises[7];
const zhangwei = demoUsers[1].id;
const programme = `programme=${demoProgramme.id}`;
const at = (path: string) => () => path;
/** A 台账 of two problems of 李娜's enterprise, one waiting for dispatch and one closed (only previewed, never committed). */
const LEDGER_CSV = [
  '统一社会信用代码,问题类别,问题描述,提出日期,帮扶干部账号,主办单位,协办单位,办结时限,办理状态,办结日期,办理结果,回访结果',
  `${ENTERPRISE?.creditCode},资金融资,流动资金贷款难,2026-03-02,lina,市国资委,,2026-04-02,待交办,,,`,
  `${ENTERPRISE?.creditCode},政策兑现,研发费用加计扣除兑现慢,2026-03-03,lina,市国资委,市编委办,2026-04-03,已办结,2026-03-20,已兑现,满意`,
].join('\r\n');

/** Answers the satisfaction form's first page and, with JavaScript, steps to the second (as survey.e2e.ts). */
const choose = (page: Page, name: string, value: string) =>
  page.locator(`label.sv-opt:has(input[name="${name}"][value="${value}"])`).click();
async function firstPage(page: Page) {
  await choose(page, 'contact_month', 'yes');
  await choose(page, 'onsite_month', 'yes');
  const next = page.getByRole('button', { name: '下一页' });
  if (await next.isVisible()) await next.click();
}
const sendButton = (page: Page) => page.getByRole('button', { name: '提交' });

/** Sends a form past the browser's own required-field checks, to audit the server's answer with its errors. */
async function sendUnchecked(page: Page, button: Locator) {
  await button.evaluate((b) => (b as HTMLButtonElement).form?.setAttribute('novalidate', ''));
  await submit(page, button);
}

const PAGES: Row[] = [
  // Signing in
  { name: 'login', as: 'anonymous', path: at('/login') },
  {
    name: 'login, wrong password',
    as: 'anonymous',
    path: at('/login'),
    act: async (p) => {
      await p.getByLabel('账号').fill('nobody');
      await p.getByLabel('密码').fill('wrong-password');
      await submit(p, p.getByRole('button', { name: '登录' }));
    },
  },
  { name: 'password setup', as: 'anonymous', path: (ids) => ids.setupLink },
  { name: 'password setup, invalid link', as: 'anonymous', path: at('/setup/AAAAAAAAAAAAAAAAAAAAAAAAAAAA') },
  { name: 'not found', as: 'admin', path: at('/no-such-page') },
  // The officer (phone)
  { name: 'officer home', as: 'officer', path: at('/') },
  { name: 'officer home, JS off', as: 'officerNoJs', path: at('/') },
  { name: 'memo form', as: 'officer', path: at('/memos/new') },
  { name: 'waiting drafts (issue 22)', as: 'officer', path: at('/memos/drafts') },
  {
    name: 'ledger (officer), filters unfolded',
    as: 'officer',
    path: at('/problems'),
    act: (p) => p.locator('details.filters > summary').click(),
  },
  {
    name: 'memo form, JS off, two problem rows and errors',
    as: 'officerNoJs',
    path: at('/memos/new'),
    act: async (p) => {
      await submit(p, p.getByRole('button', { name: '＋ 再添加一个问题' }));
      await sendUnchecked(p, p.getByRole('button', { name: '保存备忘录' }));
    },
  },
  { name: 'memo', as: 'officer', path: (ids) => `/memos/${ids.memo}` },
  { name: 'memo edit (issue 22)', as: 'officer', path: (ids) => `/memos/${ids.memo}/edit` },
  {
    name: 'memo edit, errors',
    as: 'officer',
    path: (ids) => `/memos/${ids.memo}/edit`,
    act: async (p) => {
      await p.locator('input[name=contactName]').evaluate((i) => i.removeAttribute('maxlength'));
      await p.fill('input[name=contactName]', '名'.repeat(41));
      await submit(p, p.getByRole('button', { name: '保存修改' }));
    },
  },
  { name: 'memo correction (admin)', as: 'admin', path: (ids) => `/memos/${ids.memo}/correct` },
  { name: 'ledger (officer)', as: 'officer', path: at('/problems') },
  { name: 'problem page (officer)', as: 'officer', path: (ids) => `/problems/${ids.problem}` },
  { name: 'enterprise file', as: 'officer', path: at(`/enterprises/${ENTERPRISE?.id}`) },
  { name: 'my figures (/stats/mine)', as: 'officer', path: at('/stats/mine') },
  // The ledger at the desk
  { name: 'ledger (admin)', as: 'admin', path: at('/problems') },
  {
    name: 'problem page (admin), every action open',
    as: 'admin',
    path: (ids) => `/problems/${ids.problem}`,
    act: (p) =>
      p.locator('details:not([open])').evaluateAll((all) => {
        for (const d of all) d.setAttribute('open', '');
      }),
  },
  // The unit's handler (单位联络员, phone)
  { name: 'handler home', as: 'handler', path: at('/') },
  { name: 'ledger (handler)', as: 'handler', path: at('/problems') },
  {
    name: 'problem page (handler), every action open',
    as: 'handler',
    path: (ids) => `/problems/${ids.problem}`,
    act: (p) =>
      p.locator('details:not([open])').evaluateAll((all) => {
        for (const d of all) d.setAttribute('open', '');
      }),
  },
  // Administration
  { name: 'admin home', as: 'admin', path: at('/admin') },
  { name: 'unit handlers', as: 'admin', path: at('/admin/handlers') },
  { name: 'handler form', as: 'admin', path: at('/admin/handlers/new') },
  { name: 'leaders', as: 'admin', path: at('/admin/leaders') },
  { name: 'leader form', as: 'admin', path: at('/admin/leaders/new') },
  {
    name: 'leader form, errors',
    as: 'admin',
    path: at('/admin/leaders/new'),
    act: (p) => sendUnchecked(p, p.getByRole('button', { name: '保存' })),
  },
  { name: 'working-day calendar', as: 'admin', path: at('/admin/calendar') },
  {
    name: 'working-day calendar, errors',
    as: 'admin',
    path: at('/admin/calendar?year=2026'),
    act: async (p) => {
      await p.locator('#holidays').fill('2025-12-31\n2026-02-30');
      await p.locator('#workdays').fill('2026-10-09');
      await submit(p, p.locator('form[action^="/admin/calendar?"] button[type=submit]'));
    },
  },
  { name: 'default deadlines', as: 'admin', path: at('/admin/deadlines') },
  { name: 'notifications', as: 'admin', path: at('/admin/notifications') },
  { name: 'supervision notice', as: 'admin', path: at(`/admin/notice/${demoUnits[1]?.id}`) },
  { name: 'units', as: 'admin', path: at('/admin/units') },
  { name: 'unit form', as: 'admin', path: at('/admin/units/new') },
  {
    name: 'unit form, errors',
    as: 'admin',
    path: at('/admin/units/new'),
    act: (p) => sendUnchecked(p, p.locator('main form button[type=submit]').last()),
  },
  { name: 'unit edit', as: 'admin', path: at(`/admin/units/${demoUnits[0]?.id}/edit`) },
  { name: 'officers', as: 'admin', path: at('/admin/officers') },
  { name: 'officer form', as: 'admin', path: at('/admin/officers/new') },
  { name: 'officer edit', as: 'admin', path: at(`/admin/officers/${zhangwei}/edit`) },
  {
    name: 'officer setup link',
    as: 'admin',
    path: at('/admin/officers'),
    act: (p) => submit(p, p.locator(`form[action="/admin/officers/${zhangwei}/setup-link"] button`)),
  },
  { name: 'chains', as: 'admin', path: at('/admin/chains') },
  { name: 'chain form', as: 'admin', path: at('/admin/chains/new') },
  { name: 'enterprises', as: 'admin', path: at('/admin/enterprises') },
  { name: 'enterprise form', as: 'admin', path: at('/admin/enterprises/new') },
  { name: 'enterprise edit', as: 'admin', path: at(`/admin/enterprises/${ENTERPRISE?.id}/edit`) },
  { name: 'programmes', as: 'admin', path: at('/admin/programmes') },
  { name: 'programme form', as: 'admin', path: at(`/admin/programmes/${demoProgramme.id}/edit`) },
  { name: 'pairings', as: 'admin', path: at('/admin/assignments') },
  { name: 'pairing form', as: 'admin', path: at('/admin/assignments/new') },
  { name: 'import', as: 'admin', path: at('/admin/import') },
  {
    name: 'import preview',
    as: 'admin',
    path: at('/admin/import'),
    act: async (p) => {
      await p.locator('#f-enterprises-file').setInputFiles('test/fixtures/csv/enterprises.csv');
      await submit(p, p.locator('form:has(#f-enterprises-file) button[type=submit]'));
    },
  },
  {
    name: 'import preview (台账)',
    as: 'admin',
    path: at('/admin/import'),
    act: async (p) => {
      await p.locator('#f-ledger-file').setInputFiles({ name: '台账.csv', mimeType: 'text/csv', buffer: Buffer.from(LEDGER_CSV) });
      await submit(p, p.locator('form:has(#f-ledger-file) button[type=submit]'));
      expect(await p.getByText('新增 2 条，更新 0 条，无变化 0 条。').count()).toBe(1);
    },
  },
  // Survey forms and rounds
  { name: 'forms', as: 'admin', path: at('/admin/forms') },
  { name: 'form (new)', as: 'admin', path: at('/admin/forms/new') },
  { name: 'form versions', as: 'admin', path: at(`/admin/forms/${demoForm.id}`) },
  { name: 'form editor', as: 'admin', path: at(`/admin/forms/${demoForm.id}/versions/1`) },
  { name: 'form preview', as: 'admin', path: at(`/admin/forms/${demoForm.id}/versions/1/preview`) },
  { name: 'rounds', as: 'admin', path: at('/admin/rounds') },
  { name: 'round form', as: 'admin', path: at('/admin/rounds/new') },
  { name: 'round', as: 'admin', path: (ids) => `/admin/rounds/${ids.round}` },
  { name: 'round QR sheet', as: 'admin', path: (ids) => `/admin/rounds/${ids.round}/sheet` },
  // The respondent (phone), without and with JavaScript
  { name: 'survey, JS off', as: 'respondentNoJs', path: at('/s') },
  { name: 'survey, JS off, errors', as: 'respondentNoJs', path: at('/s'), act: (p) => sendUnchecked(p, sendButton(p)) },
  { name: 'survey, JS on', as: 'respondent', path: at('/s') },
  {
    name: 'survey, JS on, second page with the reason',
    as: 'respondent',
    path: at('/s'),
    act: async (p) => {
      await firstPage(p);
      await choose(p, 'attitude', '1');
      await p.locator('[data-q=reason]').waitFor();
    },
  },
  {
    name: 'survey thank-you',
    as: 'respondent',
    path: at('/s'),
    act: async (p) => {
      await firstPage(p);
      for (const key of ['attitude', 'responsiveness', 'effectiveness', 'policy_help', 'integrity', 'overall']) await choose(p, key, '4');
      await submit(p, sendButton(p));
    },
  },
  { name: 'survey notice: already answered', as: 'respondent', path: at('/s') },
  { name: 'survey notice: invalid link', as: 'anonymous', path: at('/s/AAAAAAAAAAAAAAAAAAAAAAAA') },
  // The enterprise's own page (issue 16), and the office's pages that hand out its link
  { name: 'my requests (enterprise, JS off)', as: 'enterpriseNoJs', path: at('/e') },
  {
    name: 'my requests: empty request refused',
    as: 'enterpriseNoJs',
    path: at('/e'),
    act: (p) => sendUnchecked(p, p.getByRole('button', { name: '提交诉求' })),
  },
  { name: 'my requests: invalid link', as: 'anonymous', path: at('/e/AAAAAAAAAAAAAAAAAAAAAAAA') },
  { name: 'enterprise links', as: 'admin', path: at('/admin/enterprise-links') },
  { name: 'enterprise link sheet', as: 'admin', path: at('/admin/enterprise-links/sheet') },
  // Figures
  { name: 'stats overview', as: 'admin', path: at('/admin/stats') },
  { name: 'stats trend', as: 'admin', path: at('/admin/stats/trend') },
  { name: 'stats problems', as: 'admin', path: at('/admin/stats/problems') },
  { name: 'stats satisfaction', as: 'admin', path: at('/admin/stats/satisfaction') },
  { name: 'stats by unit', as: 'admin', path: at('/admin/stats/breakdown?by=unit') },
  { name: 'stats by officer', as: 'admin', path: at('/admin/stats/breakdown?by=officer') },
  { name: 'stats by month', as: 'admin', path: at('/admin/stats/breakdown?by=month') },
  { name: 'claims cross-check', as: 'admin', path: at('/admin/stats/claims') },
  { name: 'unit page', as: 'admin', path: at(`/admin/stats/units/${demoUnits[0]?.id}`) },
  { name: 'officer page', as: 'admin', path: at(`/admin/stats/officers/${zhangwei}`) },
  { name: 'round dashboard', as: 'admin', path: at(`/admin/stats/rounds/${demoRound.id}`) },
  { name: 'recompute', as: 'admin', path: at('/admin/stats/recompute') },
  { name: 'exports', as: 'admin', path: at(`/admin/exports?${programme}`) },
  { name: 'work report', as: 'admin', path: at(`/admin/report?${programme}`) },
  // The leader's (领导) read-only view (issue 19)
  { name: 'leader dashboard', as: 'leader', path: at('/admin/stats') },
  { name: 'work report (leader)', as: 'leader', path: at(`/admin/report?${programme}`) },
];

const ARTIFACTS = 'test/e2e/.artifacts';
let browser: Browser;
const pages = {} as Record<Viewer, Page>;
const ids: Ids = { memo: '', problem: '', round: '', setupLink: '' };

/** A personal link of the round `roundId` (from its links CSV), as the admin hands it out. */
async function roundLinks(admin: Page): Promise<string[]> {
  const csv = await (await admin.request.get(`/admin/rounds/${ids.round}/links.csv`)).text();
  return csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => l.slice(l.lastIndexOf(',') + 1).replace(/"/g, ''));
}

/** The data the pages show: a memo with a problem, a round with two links, a password-setup link. */
async function arrange(admin: Page, officer: Page, handler: Page) {
  await officer.goto('/memos/new');
  await officer.getByLabel('帮扶企业').selectOption({ label: ENTERPRISE?.name ?? '' });
  await officer.getByLabel('走访方式').selectOption({ label: '上门走访' });
  await officer.selectOption('select[name="problems.0.category"]', { label: '资金融资' });
  await officer.fill('textarea[name="problems.0.description"]', '设备更新贷款贴息申请材料不清楚。');
  await officer.fill('input[name="problems.0.deadline"]', new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10));
  await submit(officer, officer.getByRole('button', { name: '保存备忘录' }));
  ids.memo = new URL(officer.url()).pathname.split('/').pop() ?? '';
  ids.problem = (await officer.locator('a[href^="/problems/"]').first().getAttribute('href'))?.split('/').pop() ?? '';
  // Dispatched to 市国资委 and accepted there (办理中): its handler's pages show it, and memo.e2e.ts, which
  // opens the first pending problem of the day, finds its own.
  await admin.goto(`/problems/${ids.problem}`);
  await act(admin, 'dispatch', (f) =>
    f
      .locator('select[name=leadUnitId]')
      .selectOption({ label: demoUnits[1]?.name ?? '' })
      .then(() => {}),
  );
  await handler.goto(`/problems/${ids.problem}`);
  await act(handler, 'accept');

  await launchRound(admin, { name: '无障碍检查批次', n: 2 });
  ids.round = new URL(admin.url()).pathname.split('/').pop() ?? '';

  await admin.goto('/admin/officers');
  await submit(admin, admin.locator(`form[action="/admin/officers/${zhangwei}/setup-link"] button`));
  ids.setupLink = new URL((await admin.locator('#setup-link').inputValue()) ?? '').pathname;
}

let contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launch();
  const open = async (ctx: BrowserContext) => {
    contexts.push(ctx);
    return ctx.newPage();
  };
  pages.anonymous = await open(await context(browser, { phone: true, javaScript: false }));
  pages.admin = await open(await context(browser));
  pages.officer = await open(await context(browser, { phone: true }));
  await signIn(pages.admin, 'admin', 'demo-admin-2026');
  await signIn(pages.officer, 'lina', 'demo-officer-2026');
  pages.handler = await open(await context(browser, { phone: true }));
  await signIn(pages.handler, 'guoziwei', DEMO_PASSWORDS.handler);
  pages.leader = await open(await context(browser));
  await signIn(pages.leader, 'leader', DEMO_PASSWORDS.leader);
  // The same session without JavaScript: its cookies, a second context.
  pages.officerNoJs = await open(await context(browser, { phone: true, javaScript: false, cookiesOf: pages.officer.context() }));
  await arrange(pages.admin, pages.officerNoJs, pages.handler);
  const [first, second] = await roundLinks(pages.admin);
  pages.respondentNoJs = await open(await context(browser, { phone: true, javaScript: false }));
  pages.respondent = await open(await context(browser, { phone: true }));
  await pages.respondentNoJs.goto(first ?? '');
  await pages.respondent.goto(second ?? '');
  // 金健药业's 我的诉求 link, derived as the Worker derives it (LINK_SECRET from .dev.vars).
  const secret = /^LINK_SECRET\s*=\s*"?([^"\r\n]+)"?/m.exec(readFileSync('.dev.vars', 'utf8'))?.[1] ?? '';
  pages.enterpriseNoJs = await open(await context(browser, { phone: true, javaScript: false }));
  await pages.enterpriseNoJs.goto(`/e/${createHmac('sha256', secret).update(demoEnterpriseLink.id).digest('base64url').slice(0, 24)}`);
});

afterAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(`${ARTIFACTS}/a11y.md`, `Violated rules (elements) by impact, WCAG 2.1 A/AA, axe-core\n\n${tallyTable()}\n`);
  for (const ctx of contexts) await ctx.close();
  contexts = [];
  await browser?.close();
});

describe('accessibility: no serious or critical WCAG 2.1 A/AA violation on any page', () => {
  it('the harness fails on known violations, with JavaScript off too', async () => {
    const page = pages.anonymous;
    await page.goto('/login');
    await page.evaluate(() => {
      const main = document.querySelector('main');
      const faint = Object.assign(document.createElement('p'), { textContent: '浅灰色的说明文字' });
      faint.style.color = '#bbb'; // through the CSSOM: the page's CSP refuses style attributes
      main?.append(document.createElement('img'), faint);
    });
    const failure = await expectAccessible(page, 'self-check').then(
      () => '',
      (e: Error) => e.message,
    );
    audited.delete('self-check');
    expect(failure).toMatch(/^image-alt \(critical\) img — /m);
    expect(failure).toMatch(/^color-contrast \(serious\) #main > p — /m);
  });

  for (const row of PAGES) {
    it(row.name, async () => {
      const page = pages[row.as];
      await page.goto(row.path(ids));
      await row.act?.(page);
      // A11Y_SHOTS=1: a picture of each audited page, to look at what a fix changed.
      if (process.env.A11Y_SHOTS) await page.screenshot({ path: `${ARTIFACTS}/a11y/${row.name.replace(/\W+/g, '-')}.png`, fullPage: true });
      await expectAccessible(page, row.name);
    });
  }
});
