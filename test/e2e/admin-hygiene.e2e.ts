// Issue 17, admin hygiene tried as a new admin would: the home page shows live numbers; a new officer's
// setup link and its QR code appear at once; 停用 asks first on a page that works with JavaScript off
// and a flash says it was done; the statistics sub-menu stays readable on a phone. New pages are
// marked `// a11y: <page>` for the accessibility harness.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './a11y';
import { context, launch, shot, signIn, submit, visible } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('admin hygiene', () => {
  it('shows live numbers, the setup link at once, asks before 停用 without JavaScript, and says what was done', async () => {
    const ctx = await context(browser, { javaScript: false });
    const page = await ctx.newPage();
    await signIn(page, 'admin', 'demo-admin-2026');

    // a11y: admin home (live numbers)
    expect(await visible(page.getByRole('heading', { name: /进行中的调查批次/ }))).toBe(true);
    await expectAccessible(page, 'admin home (live numbers)');
    expect(await visible(page.getByRole('link', { name: '2026年帮扶满意度调查（演示）' }))).toBe(true);
    expect(await visible(page.getByRole('link', { name: /待交办/ }))).toBe(true);
    await shot(page, '50-admin-home-live');

    // A new officer: the setup link and its QR code right away.
    await page.goto('/admin/officers/new');
    await page.getByLabel('账号').fill('zhaomin');
    await page.getByLabel('姓名').fill('赵敏');
    await page.getByLabel('帮扶单位').selectOption({ index: 1 });
    await submit(page, page.locator('main form button[type=submit]'));
    // a11y: officer created (setup link and QR)
    expect(await visible(page.getByText('已创建帮扶干部 赵敏（账号 zhaomin）。'))).toBe(true);
    await expectAccessible(page, 'officer created (setup link and QR)');
    expect(await page.getByLabel('设置密码链接').inputValue()).toMatch(/\/setup\/[A-Za-z0-9_-]{43}$/);
    expect(await visible(page.getByRole('img', { name: '赵敏 的设置密码二维码' }))).toBe(true);
    await shot(page, '51-officer-created-setup-qr');

    // 停用 asks first, on its own page, without JavaScript; then a flash says it was done.
    await page.goto('/admin/officers?q=zhaomin');
    await page.getByRole('link', { name: '停用' }).click();
    await page.waitForLoadState('domcontentloaded');
    // a11y: confirmation page (停用)
    expect(await visible(page.getByText('该干部立即退出登录，且不能再登录'))).toBe(true);
    await expectAccessible(page, 'confirmation page (停用)');
    await shot(page, '52-confirm-disable');
    await submit(page, page.getByRole('button', { name: '停用' }));
    expect(await visible(page.getByRole('status').filter({ hasText: '已停用“赵敏”。' }))).toBe(true);
    await page.reload();
    expect(await page.getByRole('status').filter({ hasText: '已停用' }).count()).toBe(0);
    await ctx.close();
  });

  it('keeps the statistics sub-menu one line per link on a phone', async () => {
    const ctx = await context(browser, { phone: true });
    const page = await ctx.newPage();
    await signIn(page, 'admin', 'demo-admin-2026');
    await page.goto('/admin/stats');
    const links = page.locator('nav.subnav a');
    const n = await links.count();
    expect(n).toBe(9); // 总览, 月度趋势, 问题办理, 满意度 (issue 19), 分类统计, 自述核对, 工作汇报, 数据导出, 重算
    const lineHeight = await links.first().evaluate((a) => Number.parseFloat(getComputedStyle(a).lineHeight) || 24);
    for (let i = 0; i < n; i++) {
      const box = await links.nth(i).boundingBox();
      expect(box?.height ?? 0, (await links.nth(i).textContent()) ?? '').toBeLessThan(lineHeight * 1.5);
    }
    await shot(page.locator('nav.subnav'), '53-stats-subnav-phone');
    await ctx.close();
  });
});
