// Issue 5, tried as a new user would: six enterprises answer the demo round; the admin's round
// dashboard shows the figures a hand count gives; the responses and ledger CSVs parse back; the work
// report prints to an A4 PDF.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS, demoInvitations, demoProgramme, demoRound } from '../../schema/seed/demo.ts';
import { parseCsv } from '../../worker/lib/csv.ts';
import { context, launch, origin, shot, signIn, visible } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The demo links, derived as the Worker derives them (HMAC of the invitation id with LINK_SECRET). */
function demoLink(index: number): string {
  const secret = /^LINK_SECRET\s*=\s*"?([^"\r\n]+)"?/m.exec(readFileSync('.dev.vars', 'utf8'))?.[1] ?? '';
  const id = demoInvitations[index]?.id ?? '';
  return `${origin()}/s/${createHmac('sha256', secret).update(id).digest('base64url').slice(0, 24)}`;
}

// 总体满意度 given by six enterprises: hand count → valid 5 (不了解 excluded, and 5 = k, so it is shown),
// top-2 (非常满意 ×2 + 满意 ×1) = 3 → 满意率 3/5 = 60.0%.
const OVERALL = ['5', '5', '4', '3', '2', 'na'];

describe('statistics, exports and the work report', () => {
  it('shows hand-countable figures, exports CSV that parses back, prints the report', async () => {
    for (const [i, overall] of OVERALL.entries()) {
      const enterprise = await browser.newContext({ baseURL: origin() });
      expect((await enterprise.request.get(demoLink(3 + i))).status()).toBe(200); // link → cookie → /s
      const form = {
        contact_month: 'yes',
        onsite_month: 'yes',
        attitude: '4',
        responsiveness: '4',
        effectiveness: '4',
        policy_help: '4',
        integrity: '5',
        overall,
        ...(overall === '2' ? { reason: '诉求响应慢。' } : {}),
        suggestions: i === 0 ? '=HYPERLINK("http://x","点我"), "引号", 换行\n第二行 🙂' : '',
      };
      const res = await enterprise.request.post(`/s?round=${demoRound.id}`, { form, headers: { origin: origin() } });
      expect(res.status()).toBe(200);
      await enterprise.close();
    }

    const desk = await context(browser);
    const page = await desk.newPage();
    await signIn(page, 'admin', 'demo-admin-2026');
    await page.goto(`/admin/stats/rounds/${demoRound.id}`);
    const overallRow = page.locator('tr', { hasText: '总体满意度' }).first();
    expect(await visible(overallRow)).toBe(true);
    expect(await overallRow.textContent()).toContain('3/5');
    expect(await overallRow.textContent()).toContain('60.0%');
    await shot(page, '18-round-dashboard');
    // The overview (issue 19): at most 8 tiles, one chart, 需要关注, and no more than 40 KB of HTML.
    const overview = await page.request.get('/admin/stats');
    expect((await overview.body()).byteLength).toBeLessThanOrEqual(40 * 1024);
    await page.goto('/admin/stats');
    expect(await page.locator('ul.tiles.headline > li').count()).toBeLessThanOrEqual(8);
    expect(await visible(page.locator('.headline-figure[data-figure="stats.closeRate"]'))).toBe(true);
    expect(await page.locator('figure.trend svg').count()).toBe(1);
    expect(await visible(page.getByRole('heading', { name: '需要关注' }))).toBe(true);
    await shot(page, '19-stats-overview');
    await shot(page, 'overview-desktop');
    // The tabs behind it are plain links, the current one marked.
    await page.getByRole('link', { name: '满意度', exact: true }).click();
    expect(await page.locator('nav.subnav a[aria-current="page"]').textContent()).toBe('满意度');
    expect(await visible(page.locator('tr', { hasText: '总体满意度' }).first())).toBe(true);

    // Responses CSV: BOM, a header row, six responses; the tricky answer comes back exactly.
    const csv = await (await page.request.get(`/admin/exports/responses.csv?campaign=${demoRound.id}`)).text();
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv.slice(1)).map((r) => r.cells);
    expect(rows).toHaveLength(7);
    const header = rows[0] ?? [];
    const col = header.findIndex((h) => h.includes('意见建议'));
    expect(col).toBeGreaterThan(-1);
    // The formula guard prefixes a quote; everything after it is the answer as typed.
    expect(rows.some((r) => r[col] === `'=HYPERLINK("http://x","点我"), "引号", 换行\n第二行 🙂`)).toBe(true);

    // Ledger CSV with the Chinese headers of DESIGN §5.
    const ledger = await (await page.request.get(`/admin/exports/problems.csv?programme=${demoProgramme.id}`)).text();
    expect(parseCsv(ledger.slice(1))[0]?.cells.slice(0, 4)).toEqual(['问题编号', '企业名称', '统一社会信用代码', '问题描述']);

    // The work report, printed.
    await page.goto(`/admin/report?programme=${demoProgramme.id}`);
    expect(await visible(page.getByText(/本期共/).first())).toBe(true);
    // The print button shows once the page's script ran (allowed by its CSP nonce, issue 19).
    expect(await visible(page.getByRole('button', { name: '打印' }))).toBe(true);
    await shot(page, '20-work-report');
    await page.emulateMedia({ media: 'print' });
    // Printed: the report and its 落款 only, no toolbar.
    expect(await page.locator('.toolbar').isVisible()).toBe(false);
    expect(await visible(page.locator('.signature'))).toBe(true);
    await shot(page, '20-work-report-printed');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.emulateMedia({ media: 'screen' });
    // The same report as Word: a zip (PK) with the report's content type.
    const docx = await page.request.get(`/admin/report.docx?programme=${demoProgramme.id}`);
    expect(docx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');

    // The claims cross-check (issue 14 §4): closed rounds only, so the demo's open round is not on it yet.
    await page.goto(`/admin/stats/claims?programme=${demoProgramme.id}`);
    expect(await visible(page.getByRole('heading', { name: '按干部核对' }))).toBe(true);
    await shot(page, '21-claims-check');
    await desk.close();

    // The officer's own figures: while the round is open, no survey figure at all (issue 14 §1).
    const phone = await context(browser, { phone: true });
    const mine = await phone.newPage();
    await signIn(mine, 'zhangwei', 'demo-officer-2026');
    await mine.goto('/stats/mine');
    const rounds = await mine.locator('section[aria-labelledby="rounds"]').textContent();
    // Other e2e files may have closed a round today: it shows as 统计中 until the daily run's snapshot.
    expect(rounds).toMatch(/本行动还没有结束的调查批次|统计中/);
    expect(rounds).not.toMatch(/\d%|\d+\/\d+/);
    await shot(mine, '22-officer-own-figures');
    await phone.close();

    // The overview on a 390 px phone: the tiles wrap, nothing scrolls sideways.
    const admin = await context(browser, { phone: true });
    const small = await admin.newPage();
    await signIn(small, 'admin', 'demo-admin-2026');
    await small.goto('/admin/stats');
    const { scroll, client } = await small.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll).toBeLessThanOrEqual(client);
    const tops = await small.locator('ul.tiles.headline > li').evaluateAll((tiles) => tiles.map((t) => t.getBoundingClientRect().top));
    expect(new Set(tops).size).toBeGreaterThan(1); // more than one row of tiles
    await shot(small, 'overview-phone');
    await admin.close();
  });

  it('shows a leader (领导) the dashboard of the demo year and nothing else (issue 19)', async () => {
    const desk = await context(browser);
    const page = await desk.newPage();
    await signIn(page, 'leader', DEMO_PASSWORDS.leader);
    expect(new URL(page.url()).pathname).toBe('/admin/stats');
    // The menu: the dashboard and the work report, nothing else.
    const menu = await page.locator('nav.sections a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(menu).toEqual(['/admin/stats', '/admin/report']);
    // The demo year's ledger is on it: problems raised in 2026 (a figure, not a link to the ledger).
    expect(Number(await page.locator('[data-figure="raised"]').textContent())).toBeGreaterThan(200);
    expect(await page.locator('a[href^="/problems"]').count()).toBe(0);
    await shot(page, 'leader-view');
    for (const path of ['/admin/exports', `/admin/stats/rounds/${demoRound.id}`, '/problems', '/admin/enterprises'])
      expect((await page.request.get(path)).status(), path).toBe(403);
    await desk.close();
  });

  it('gives the leader of one chain that chain’s own work report (issue 19)', async () => {
    const desk = await context(browser);
    const page = await desk.newPage();
    await signIn(page, 'leader.device', DEMO_PASSWORDS.leader);
    await page.locator('a.button[href^="/admin/report"]').click();
    await page.waitForURL(/\/admin\/report/);
    expect(await page.locator('main.report h1').textContent()).toBe(`${demoProgramme.name}（医疗器械）工作汇报`);
    // The chain's problems only: fewer than the whole demo year's 223, and more than none.
    const raised = Number(await page.locator('main.report tr', { hasText: '收集问题' }).first().locator('td').first().textContent());
    expect(raised).toBeGreaterThan(0);
    expect(raised).toBeLessThan(223);
    await shot(page, 'leader-chain-report');
    await desk.close();
  });
});
