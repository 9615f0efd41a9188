// Issue 2, tried as a new user would: the demo admin imports a CSV of enterprises, pairs officers
// (by CSV and by the form), and the demo officer sees the new enterprises on their phone.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { context, launch, shot, signIn, submit, visible } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('setting the pairing list (确定帮扶名单)', () => {
  it('imports enterprises and pairings from CSV, then the officer sees them', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await signIn(page, 'admin', 'demo-admin-2026');
    expect(new URL(page.url()).pathname).toBe('/admin');
    await shot(page, '03-admin-home');

    // Enterprises: upload, preview (3 new), confirm.
    await page.goto('/admin/import');
    await page.locator('#f-enterprises-file').setInputFiles('test/fixtures/csv/enterprises.csv');
    await submit(page, page.locator('form:has(#f-enterprises-file) button[type=submit]'));
    expect(await visible(page.getByText('岳麓山生物科技有限公司'))).toBe(true);
    await shot(page, '04-import-preview');
    await submit(page, page.getByRole('button', { name: '确认导入' }));
    expect(await visible(page.getByText('企业名单已导入：新增 3 家，更新 0 家，无变化 0 家。'))).toBe(true);

    // Pairings into the demo programme: upload, confirm.
    await page.getByLabel('帮扶行动').selectOption({ label: '2026年“百人帮百企”帮扶行动' });
    await page.locator('#f-assignments-file').setInputFiles('test/fixtures/csv/assignments.csv');
    await submit(page, page.locator('form:has(#f-assignments-file) button[type=submit]'));
    await submit(page, page.getByRole('button', { name: '确认导入' }));
    expect(await visible(page.getByText('结对名单已导入：新增 4 条'))).toBe(true);

    // Pair one more by hand: 王强 also supports 橘子洲医疗器械 (not as lead).
    await page.goto('/admin/assignments/new');
    await page.getByLabel('帮扶行动').selectOption({ label: '2026年“百人帮百企”帮扶行动' });
    await page.getByLabel('帮扶干部', { exact: true }).selectOption({ label: '王强（市编委办）' });
    await page.getByLabel('企业', { exact: true }).selectOption({ label: '橘子洲医疗器械有限公司（91430100MA4M000028）' });
    await submit(page, page.getByRole('button', { name: '保存' }));
    expect(await visible(page.getByRole('cell', { name: '橘子洲医疗器械有限公司' }))).toBe(true);
    await shot(page, '05-pairing-list');
    await ctx.close();

    // The officer, on a phone without JavaScript, sees the enterprises paired with them.
    const phone = await context(browser, { phone: true, javaScript: false });
    const officer = await phone.newPage();
    await signIn(officer, 'wangqiang', 'demo-officer-2026');
    expect(await visible(officer.getByText('梅溪湖化妆品有限公司'))).toBe(true);
    expect(await visible(officer.getByText('橘子洲医疗器械有限公司'))).toBe(true);
    // 4 demo enterprises + 1 imported lead + 1 paired by hand
    expect(await officer.locator('[data-enterprise]').count()).toBe(6);
    await shot(officer, '06-officer-after-import');
    await phone.close();
  });
});
