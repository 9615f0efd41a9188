// Issue 3, tried as a new user would: the admin launches a seeded random round and downloads the
// links; enterprises answer 《帮扶满意度调查表》 on a phone with JavaScript off and on (the reason
// question appears after a 不满意); the round then shows the invitations as submitted.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaLocalInput } from '../../schema/rules/china-time';
import { context, launch, shot, signIn, submit, visible } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A datetime-local value in Beijing time, `hours` from now. */
const beijing = (hours: number) => chinaLocalInput(Date.now() + hours * 3600_000);

/** Taps an option the way a person does: on its label (the radio itself is styled away). */
const choose = (page: Page, name: string, value: string) =>
  page.locator(`label.sv-opt:has(input[name="${name}"][value="${value}"])`).click();

async function answerSatisfaction(page: Page, negative: boolean) {
  await choose(page, 'contact_month', 'yes');
  await choose(page, 'onsite_month', 'yes');
  // With JavaScript the two pages become steps with a progress bar; without it both are on one page.
  const next = page.getByRole('button', { name: '下一页' });
  if (await next.isVisible()) await next.click();
  for (const key of ['attitude', 'responsiveness', 'policy_help', 'integrity', 'overall']) await choose(page, key, '4');
  await choose(page, 'effectiveness', negative ? '2' : '5');
}

/** Console messages of the Content-Security-Policy refusing something on this page (kept as they come). */
function watchCsp(page: Page): string[] {
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  return refused;
}

/** The respondent stylesheet applies: the page background is its --bg, not the browser's white. */
const styled = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor === 'rgb(245, 247, 250)');

describe('a satisfaction round (调查批次), end to end', () => {
  it('draws a seeded sample, hands out links, and records answers from phones with and without JavaScript', async () => {
    const admin = await context(browser);
    const page = await admin.newPage();
    await signIn(page, 'admin', 'demo-admin-2026');
    await page.goto('/admin/rounds/new');
    await page.getByLabel('批次名称').fill('2026年第四季度帮扶满意度调查');
    await page.getByLabel('开始时间（北京时间）').fill(beijing(-1));
    await page.getByLabel('截止时间（北京时间）').fill(beijing(24 * 7));
    await page.getByLabel('抽样方式').selectOption('count');
    await page.getByLabel('抽取家数 n').fill('6');
    await page.getByLabel('分层').selectOption('unit');
    await page.getByLabel('随机种子').fill('e2e-seed-2026');
    await submit(page, page.locator('main form button[type=submit]'));
    expect(await visible(page.getByText('e2e-seed-2026'))).toBe(true);
    await shot(page, '07-round-drawn');

    // The links CSV: BOM, header, one personal link per drawn enterprise.
    const href = await page.getByRole('link', { name: '链接清单（CSV）' }).getAttribute('href');
    const csv = await (await page.request.get(href ?? '')).text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(7);
    const links = lines.slice(1).map((l) => l.slice(l.lastIndexOf(',') + 1).replace(/"/g, ''));
    for (const l of links) expect(l).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{22,}$/);

    // Enterprise 1: WeChat-like phone, JavaScript off. A 不满意 without a reason is sent back (422) with
    // every answer kept; with the reason it is accepted.
    const noJs = await context(browser, { phone: true, javaScript: false });
    const p1 = await noJs.newPage();
    const refused = watchCsp(p1);
    await p1.goto(links[0] ?? '');
    expect(new URL(p1.url()).pathname).toBe('/s');
    expect(await styled(p1)).toBe(true); // the inline stylesheet applied (allowed by its CSP hash)
    await answerSatisfaction(p1, true);
    await shot(p1, '08-survey-phone-nojs');
    await submit(p1, p1.getByRole('button', { name: '提交' }));
    expect(await visible(p1.locator('#e-reason, [id^="e-reason"]'))).toBe(true);
    expect(await p1.isChecked('input[name=effectiveness][value="2"]')).toBe(true);
    await p1.fill('textarea[name=reason]', '审批材料需要多次往返，希望一次性告知。');
    await submit(p1, p1.getByRole('button', { name: '提交' }));
    expect(await visible(p1.getByRole('heading', { name: '提交成功' }))).toBe(true);
    await shot(p1, '09-survey-thanks');
    await p1.goto(links[0] ?? '');
    expect(await visible(p1.getByRole('heading', { name: '您已提交过本次调查' }))).toBe(true);
    expect(refused).toEqual([]);
    await noJs.close();

    // Enterprise 2: JavaScript on. The reason question is hidden until a negative answer is chosen.
    const js = await context(browser, { phone: true, javaScript: true });
    const p2 = await js.newPage();
    const refusedJs = watchCsp(p2);
    await p2.goto(links[1] ?? '');
    expect(await styled(p2)).toBe(true);
    await answerSatisfaction(p2, false);
    expect(await p2.locator('[data-q=reason]').isVisible()).toBe(false);
    await choose(p2, 'attitude', '1');
    expect(await visible(p2.locator('[data-q=reason]'))).toBe(true);
    await p2.fill('textarea[name=reason]', '上门次数偏少。');
    await shot(p2, '10-survey-phone-js-reason');
    await submit(p2, p2.getByRole('button', { name: '提交' }));
    expect(await visible(p2.getByRole('heading', { name: '提交成功' }))).toBe(true);
    expect(refusedJs).toEqual([]); // the inline script ran under the nonce, the style under its hash
    await js.close();

    // Back at the round: two submitted.
    await page.reload();
    expect(await visible(page.getByText('邀请 6 · 已打开 2 · 已提交 2'))).toBe(true);
    expect(await page.getByText(/已提交 \d{4}-/).count()).toBe(2);
    await shot(page, '11-round-progress');
    await admin.close();
  });
});
