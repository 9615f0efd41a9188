// Issue 4, tried as a new user would: the officer records an on-site memo with two problems on a phone
// (no JavaScript: adding a problem row is a form round trip), one solved on the spot; 三个一 turns
// green; the admin dispatches the other to a unit (交办); the enterprise file shows the whole timeline.
// The rest of the problem's life, across the three roles: ledger.e2e.ts.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, context, launch, shot, signIn, submit, visible } from './browser';
import { png } from './png';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const ENTERPRISE = '岳麓中药饮片有限公司'; // one of 张伟's demo enterprises

const card = (page: Page) => page.locator('[data-enterprise]', { hasText: ENTERPRISE });

describe('memo → problem ledger → enterprise file', () => {
  it('records a memo with two problems and has the office dispatch one', async () => {
    const phone = await context(browser, { phone: true, javaScript: false });
    const page = await phone.newPage();
    await signIn(page, 'zhangwei', 'demo-officer-2026');
    expect(await card(page).getAttribute('data-three-ones')).toBe('unmet');

    await page.goto('/memos/new');
    await page.getByLabel('帮扶企业').selectOption({ label: ENTERPRISE });
    await page.getByLabel('走访方式').selectOption({ label: '上门走访' });
    await page.getByLabel('参加人员').fill('张伟、赵敏');
    await page.getByLabel('企业生产经营情况').fill('订单饱满，新建饮片车间需要扩建用地。');
    await page.selectOption('select[name="problems.0.category"]', { label: '用地厂房' });
    await page.fill('textarea[name="problems.0.description"]', '新建车间用地指标尚未落实。');
    const deadline = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
    await page.fill('input[name="problems.0.deadline"]', deadline);
    // No JavaScript: "add a problem" is a round trip that keeps everything typed so far.
    await submit(page, page.getByRole('button', { name: '＋ 再添加一个问题' }));
    expect(await page.inputValue('textarea[name="problems.0.description"]')).toBe('新建车间用地指标尚未落实。');
    await page.selectOption('select[name="problems.1.category"]', { label: '培训' });
    await page.fill('textarea[name="problems.1.description"]', '希望讲解药品追溯码新规。');
    await page.check('input[name="problems.1.onSpot"]');
    await page.fill('input[name="problems.1.resolution"]', '当场讲解并提供了操作指南。');
    await shot(page, '12-memo-form-phone');
    await submit(page, page.getByRole('button', { name: '保存备忘录' }));
    expect(await visible(page.getByText('新建车间用地指标尚未落实。'))).toBe(true);

    // 三个一 this month: contact + on-site + a problem solved (on the spot) → green.
    await page.goto('/');
    expect(await card(page).getAttribute('data-three-ones')).toBe('met');
    await shot(page, '13-officer-home-three-ones');
    await phone.close();

    // The admin dispatches the open problem to the unit that must solve it.
    const desk = await context(browser);
    const admin = await desk.newPage();
    await signIn(admin, 'admin', 'demo-admin-2026');
    await admin.goto('/problems?status=pending'); // a11y: ledger (admin, pending)
    await shot(admin, '14-ledger-pending');
    await submit(admin, admin.locator('table tr', { hasText: '新建车间用地指标尚未落实。' }).locator('a[href^="/problems/"]'));
    expect(await visible(admin.getByText('新建车间用地指标尚未落实。'))).toBe(true);
    await act(admin, 'dispatch', async (f) => {
      await f.locator('select[name=leadUnitId]').selectOption({ label: '市国资委' });
    });
    expect(await visible(admin.getByText('已交办').first())).toBe(true);

    // The enterprise file: profile, memo, both problems and every event.
    await submit(admin, admin.getByRole('link', { name: '帮扶档案' }));
    expect(new URL(admin.url()).pathname).toMatch(/^\/enterprises\/[0-9a-f-]{36}$/);
    for (const text of ['帮扶档案', '帮扶备忘录（上门走访）', '新建车间用地指标尚未落实。', '希望讲解药品追溯码新规。', '交办']) {
      expect(await visible(admin.getByText(text).first())).toBe(true);
    }
    await shot(admin, '16-enterprise-file');
    await admin.emulateMedia({ media: 'print' });
    await shot(admin, '17-enterprise-file-print');
    await desk.close();
  });

  it('adds a memo with two photos on a phone, shrunk to JPEG in the browser, and shows them in the enterprise file', async () => {
    const phone = await context(browser, { phone: true });
    const page = await phone.newPage();
    await signIn(page, 'zhangwei', 'demo-officer-2026');
    await page.goto('/memos/new');
    // Another of 张伟's enterprises than the first test's, by phone: no 三个一 figure of that test moves.
    const other = await page
      .locator('select[name=enterpriseId] option')
      .evaluateAll(
        (os, skip) => os.map((o) => o.textContent ?? '').filter((t) => t && t !== skip && t !== '请选择企业')[0] ?? '',
        ENTERPRISE,
      );
    await page.getByLabel('帮扶企业').selectOption({ label: other });
    await page.getByLabel('走访方式').selectOption({ label: '电话' });
    await page.getByLabel('企业生产经营情况').fill('车间改造完成，照片留痕。');
    await page.check('input[name=noRequest]');
    // Two real PNGs of 2000 × 1000 px: the island draws each onto a ≤ 1600 px canvas and sends its JPEG.
    await page.getByLabel('走访照片（工作留痕）').setInputFiles([
      { name: 'site-1.png', mimeType: 'image/png', buffer: png(2000, 1000, [200, 40, 40]) },
      { name: 'site-2.png', mimeType: 'image/png', buffer: png(2000, 1000, [40, 40, 200]) },
    ]);
    await page.waitForFunction(() => {
      const files = (document.getElementById('f-photos') as HTMLInputElement).files;
      return files?.length === 2 && Array.from(files).every((f) => f.type === 'image/jpeg');
    });
    await submit(page, page.getByRole('button', { name: '保存备忘录' }));
    expect(new URL(page.url()).pathname).toMatch(/^\/memos\/[0-9a-f-]{36}$/);
    const thumbs = page.locator('ul.photos img');
    expect(await thumbs.count()).toBe(2);
    const src = (await thumbs.first().getAttribute('src')) ?? '';
    const photo = await page.request.get(src);
    expect(photo.headers()['content-type']).toBe('image/jpeg');
    expect(photo.headers()['x-content-type-options']).toBe('nosniff');
    // The stored JPEG is the browser's ≤ 1600 px copy: its SOF0 frame header says 1600 × 800.
    const jpeg = await photo.body();
    const sof = jpeg.findIndex((b, i) => b === 0xff && (jpeg[i + 1] === 0xc0 || jpeg[i + 1] === 0xc2));
    expect([jpeg.readUInt16BE(sof + 7), jpeg.readUInt16BE(sof + 5)]).toEqual([1600, 800]);
    expect(await page.evaluate(async (u) => (await fetch(u)).ok, src)).toBe(true);

    await submit(page, page.getByRole('link', { name: other }));
    const memoEntry = page.locator('[data-entry=memo]', { hasText: '车间改造完成，照片留痕。' });
    expect(await memoEntry.locator('ul.photos img').count()).toBe(2);
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLImageElement>('ul.photos img')).every((i) => i.complete && i.naturalWidth > 0),
    );
    await shot(page, '40-enterprise-file-photos-phone');
    await phone.close();
  });
});
