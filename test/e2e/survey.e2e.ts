// Issues 3 and 17, tried as an office would: a draft round is previewed (an impossible size refused, a
// second seed drawn only with a reason and counted), launched, answered by enterprises on phones with
// JavaScript off and on (the reason question appears after a 不满意; every page names who is asking),
// reminded, extended and closed; voiding is refused once an answer exists. Each new page is visited
// once where marked `// a11y: <page>` (the accessibility harness hooks in there).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaLocalInput } from '../../schema/rules/china-time';
import { expectAccessible } from './a11y';
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

/** Who is asking, as the demo programme sets it (schema/seed/demo.ts). */
const ASKER = '市生物医药产业链工作专班办公室发放 · 咨询电话 0571-87001234';

describe('a survey round (调查批次), its whole lifecycle, end to end', () => {
  it('is previewed, launched, answered, reminded, extended and closed; a void is refused once answered; a second seed needs a reason', async () => {
    const admin = await context(browser);
    const page = await admin.newPage();
    await signIn(page, 'admin', 'demo-admin-2026');

    // A draft asking for more enterprises than there are is refused with the number that can be drawn.
    await page.goto('/admin/rounds/new');
    await page.getByLabel('批次名称').fill('2026年第四季度帮扶满意度调查');
    await page.getByLabel('截止时间（北京时间）').fill(beijing(24 * 7));
    await page.getByLabel('抽样方式').selectOption('count');
    await page.getByLabel('抽取家数 n').fill('50');
    await page.getByLabel('分层').selectOption('unit');
    expect(await page.getByLabel('随机种子').count()).toBe(0); // the server draws the seed
    await submit(page, page.locator('main form button[type=submit]'));
    expect(await visible(page.locator('#e-n', { hasText: /^只有 \d+ 家可抽$/ }))).toBe(true);
    await shot(page, '40-round-size-refused');
    await page.getByLabel('抽取家数 n').fill('6');
    await submit(page, page.locator('main form button[type=submit]'));

    // a11y: round page (draft preview)
    expect(await visible(page.getByRole('heading', { name: '抽样预览：6 家企业' }))).toBe(true);
    await expectAccessible(page, 'round page (draft preview)');
    expect(await visible(page.getByRole('status').filter({ hasText: '草稿已保存，抽中 6 家企业' }))).toBe(true);
    expect(await page.getByText('复制链接').count()).toBe(0); // nothing goes out while a draft
    const roundUrl = page.url();
    await shot(page, '07-round-drawn');

    // A second seed: refused without a reason, then drawn by the server and counted.
    await page.getByRole('link', { name: '重新抽取种子' }).click();
    await page.waitForLoadState('domcontentloaded');
    // a11y: reseed confirmation
    expect(await visible(page.getByText('这将是本批次的第 2 个种子'))).toBe(true);
    await expectAccessible(page, 'reseed confirmation');
    await submit(page, page.getByRole('button', { name: '重新抽取种子' }));
    expect(await visible(page.locator('#e-reason'))).toBe(true);
    await page.getByLabel('重新抽取的原因').fill('抽中企业中有一家已迁出本市');
    await shot(page, '41-round-reseed');
    await submit(page, page.getByRole('button', { name: '重新抽取种子' }));
    expect(await visible(page.getByText('（共抽取随机种子 2 次）'))).toBe(true);
    expect(await visible(page.getByText('原因：抽中企业中有一家已迁出本市'))).toBe(true);

    // Launch now: the links go out.
    await page.getByRole('link', { name: '发布', exact: true }).click();
    await page.waitForLoadState('domcontentloaded');
    // a11y: launch page
    expect(await visible(page.getByText('帮扶干部不会被告知哪些企业被抽中。'))).toBe(true);
    await expectAccessible(page, 'launch page');
    await shot(page, '42-round-launch');
    await submit(page, page.getByRole('button', { name: '发布' }));
    expect(page.url()).toBe(roundUrl);
    // a11y: round page (open, links and QR codes)
    expect(await visible(page.locator('.badge.state-open'))).toBe(true);
    await expectAccessible(page, 'round page (open, links and QR codes)');
    expect(await page.getByRole('link', { name: '复制链接' }).count()).toBe(6);
    await shot(page, '43-round-open-links');

    // One enterprise's link with its QR code.
    await page.getByRole('link', { name: '二维码', exact: true }).first().click();
    await page.waitForLoadState('domcontentloaded');
    // a11y: invitation link and QR page
    expect(await visible(page.locator('svg.qr'))).toBe(true);
    await expectAccessible(page, 'invitation link and QR page');
    expect(await visible(page.getByText(ASKER))).toBe(true);
    await shot(page, '49-invitation-link-qr');
    await page.goto(roundUrl);

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

    // Enterprise 1: WeChat-like phone, JavaScript off. The page names who asks; Q9 is not marked 必答
    // (it is conditional); a 不满意 without a reason is sent back (422) with every answer kept.
    const noJs = await context(browser, { phone: true, javaScript: false });
    const p1 = await noJs.newPage();
    const refused = watchCsp(p1);
    await p1.goto(links[0] ?? '');
    expect(new URL(p1.url()).pathname).toBe('/s');
    expect(await styled(p1)).toBe(true); // the inline stylesheet applied (allowed by its CSP hash)
    expect(await visible(p1.getByText(ASKER))).toBe(true);
    expect(await p1.locator('[data-q=reason] .sv-req').isVisible()).toBe(false);
    expect(await p1.locator('[data-q=attitude] .sv-req').isVisible()).toBe(true);
    await answerSatisfaction(p1, true);
    await shot(p1, '08-survey-phone-nojs');
    await submit(p1, p1.getByRole('button', { name: '提交' }));
    expect(await visible(p1.locator('#e-reason, [id^="e-reason"]'))).toBe(true);
    expect(await p1.isChecked('input[name=effectiveness][value="2"]')).toBe(true);
    await p1.fill('textarea[name=reason]', '审批材料需要多次往返，希望一次性告知。');
    await submit(p1, p1.getByRole('button', { name: '提交' }));
    expect(await visible(p1.getByRole('heading', { name: '提交成功' }))).toBe(true);
    expect(await visible(p1.getByText(ASKER))).toBe(true);
    await shot(p1, '09-survey-thanks');
    await p1.goto(links[0] ?? '');
    expect(await visible(p1.getByRole('heading', { name: '您已提交过本次调查' }))).toBe(true);
    expect(refused).toEqual([]);
    await noJs.close();

    // Enterprise 2: JavaScript on. The reason question (and its 必答 mark) appear after a negative answer.
    const js = await context(browser, { phone: true, javaScript: true });
    const p2 = await js.newPage();
    const refusedJs = watchCsp(p2);
    await p2.goto(links[1] ?? '');
    expect(await styled(p2)).toBe(true);
    await answerSatisfaction(p2, false);
    expect(await p2.locator('[data-q=reason]').isVisible()).toBe(false);
    await choose(p2, 'attitude', '1');
    expect(await visible(p2.locator('[data-q=reason]'))).toBe(true);
    expect(await p2.locator('[data-q=reason] .sv-req').isVisible()).toBe(true);
    await p2.fill('textarea[name=reason]', '上门次数偏少。');
    await shot(p2, '10-survey-phone-js-reason');
    await submit(p2, p2.getByRole('button', { name: '提交' }));
    expect(await visible(p2.getByRole('heading', { name: '提交成功' }))).toBe(true);
    expect(refusedJs).toEqual([]); // the inline script ran under the nonce, the style under its hash
    await js.close();

    // Answers exist now: voiding is refused; only closing remains.
    await page.goto(roundUrl);
    expect(await visible(page.getByText('已有企业提交答卷，不能作废，只能提前结束。'))).toBe(true);
    const voidPage = await page.goto(`${roundUrl}/void`);
    expect(voidPage?.status()).toBe(409);
    // a11y: refusal page
    await expectAccessible(page, 'refusal page');
    await shot(page, '44-round-void-refused');

    // Reminders: four not answered; two ticked and marked, then one more by its own button.
    await page.goto(`${roundUrl}/reminders`);
    // a11y: reminders page (list and daily chart)
    expect(await visible(page.getByRole('heading', { name: '未答复企业（4 家）' }))).toBe(true);
    await expectAccessible(page, 'reminders page (list and daily chart)');
    expect(await visible(page.locator('svg.chart[aria-labelledby^="daily-responses"]'))).toBe(true);
    const boxes = page.locator('input[name=ids]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await submit(page, page.getByRole('button', { name: '将所选企业标记为已提醒' }));
    expect(await visible(page.getByRole('status').filter({ hasText: '已将 2 家企业标记为已提醒。' }))).toBe(true);
    await submit(page, page.locator('button[name=only]').first());
    expect(await visible(page.getByRole('status').filter({ hasText: '已将 1 家企业标记为已提醒。' }))).toBe(true);
    expect(await page.locator('tbody tr', { hasText: '未提醒' }).count()).toBe(2);
    await shot(page, '45-round-reminders');
    await page.getByRole('link', { name: '打印催答单（含二维码）' }).click();
    await page.waitForLoadState('domcontentloaded');
    // a11y: reminder sheet
    expect(await page.locator('.sheet-card svg').count()).toBe(4);
    await expectAccessible(page, 'reminder sheet');
    await shot(page, '46-reminder-sheet');

    // Extend, with a reason.
    await page.goto(`${roundUrl}/extend`);
    // a11y: extend page
    await expectAccessible(page, 'extend page');
    await page.getByLabel('截止时间（北京时间）').fill(beijing(24 * 14));
    await page.getByLabel('延长的原因').fill('部分企业春节放假，未能及时填写');
    await shot(page, '47-round-extend');
    await submit(page, page.getByRole('button', { name: '延长截止时间' }));
    expect(await visible(page.getByRole('status').filter({ hasText: '截止时间已延长至' }))).toBe(true);

    // Close early, with a reason: for good.
    await page.getByRole('link', { name: '提前结束' }).click();
    await page.waitForLoadState('domcontentloaded');
    // a11y: close confirmation
    expect(await visible(page.getByText('已结束的批次不能重新打开，也不能再延长。'))).toBe(true);
    await expectAccessible(page, 'close confirmation');
    await page.getByLabel('提前结束的原因').fill('答复率已达到统计需要');
    await shot(page, '48-round-close-confirm');
    await submit(page, page.getByRole('button', { name: '提前结束' }));
    expect(await visible(page.locator('.badge.state-closed'))).toBe(true);
    expect(await page.getByRole('link', { name: '延长截止时间' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '提前结束' }).count()).toBe(0);
    expect(await visible(page.getByText('原因：答复率已达到统计需要'))).toBe(true);
    expect(await visible(page.getByText('邀请 6 · 已打开 2 · 已提交 2'))).toBe(true);
    expect(await page.getByText(/已提交 \d{4}-/).count()).toBe(2);
    await shot(page, '11-round-progress');

    // The link of an enterprise that did not answer now says the survey is over.
    const late = await browser.newContext();
    const lp = await late.newPage();
    await lp.goto(links[2] ?? '');
    expect(await visible(lp.getByRole('heading', { name: '调查已结束' }))).toBe(true);
    await late.close();
    await admin.close();
  });
});
