// Issue 22, tried as an officer at the factory gate with no signal: after one online visit the app opens
// offline (home as last synced, the memo form, the drafts list); a memo recorded offline waits in the
// queue with a badge; sign-out first says how many wait; back online on another page, the memo is sent
// once, with the two photos recorded offline. The service worker keeps only the officer's own pages, and
// signing out forgets them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS } from '../../schema/seed/demo.ts';
import { context, launch, signIn, submit, visible } from './browser';
import { png } from './png';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

// 王强's; no other end-to-end file writes about it (pairing-list.e2e.ts only counts his enterprises).
const ENTERPRISE = '望城康复设备有限公司';

/** Every path the service worker keeps, whatever the cache. */
const keptPaths = (page: Page) =>
  page.evaluate(async () => {
    const out: string[] = [];
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) out.push(new URL(req.url).pathname);
    return out.sort();
  });
/** Picks photos in the memo form and waits for the resize island to swap them for its JPEGs. */
async function pickPhotos(page: Page, colours: number[][]) {
  await page
    .getByLabel('走访照片（工作留痕）')
    .setInputFiles(colours.map((c, i) => ({ name: `site-${i + 1}.png`, mimeType: 'image/png', buffer: png(1200, 900, c) })));
  await page.waitForFunction((n) => {
    const files = (document.getElementById('f-photos') as HTMLInputElement).files;
    return files?.length === n && Array.from(files).every((f) => f.type === 'image/jpeg');
  }, colours.length);
}

/** The photos of a memo entry: each served as a JPEG; returns how many there are. */
async function servedPhotos(page: Page, entry: ReturnType<Page['locator']>) {
  const srcs = await entry.locator('ul.photos img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src') ?? ''));
  for (const src of srcs) {
    const res = await page.request.get(src);
    expect([res.status(), res.headers()['content-type']]).toEqual([200, 'image/jpeg']);
  }
  return srcs.length;
}

const keptPages = async (page: Page) =>
  (await keptPaths(page)).filter((p) => !p.startsWith('/assets/') && !['/manifest.webmanifest', '/icon.svg'].includes(p));

describe('the officer app offline', () => {
  it('opens with no signal, queues a memo and sends it once when the connection returns', async () => {
    const phone = await context(browser, { phone: true });
    const page = await phone.newPage();
    await signIn(page, 'wangqiang', DEMO_PASSWORDS.officer);
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 15_000 });
    // One online visit of each page (and of the ledger, which must not be kept).
    for (const path of ['/', '/memos/new', '/memos/drafts', '/problems']) await page.goto(path);
    expect(await keptPages(page)).toEqual(['/', '/memos/drafts', '/memos/new']);
    expect(await keptPaths(page)).toEqual(expect.arrayContaining(['/assets/app.css', '/assets/client.js']));

    // No signal: the home page opens as last synced, and says so.
    await phone.setOffline(true);
    await page.goto('/');
    await page.reload();
    expect(await page.locator('h1').textContent()).toBe('我的帮扶企业');
    expect(await page.locator('[data-synced-at]').textContent()).toMatch(/^同步于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await visible(page.locator('[data-offline-note]'))).toBe(true);
    expect(await visible(page.locator('[data-enterprise]', { hasText: ENTERPRISE }))).toBe(true);
    const enterpriseId = await page.locator('[data-enterprise]', { hasText: ENTERPRISE }).getAttribute('data-enterprise');

    // The memo form, offline: a problem row added and the first one removed, then saved to the queue.
    await page.goto('/memos/new');
    const situation = `离线记录：车间扩建进展顺利（${Date.now()}）。`;
    await page.getByLabel('帮扶企业').selectOption({ label: ENTERPRISE });
    await page.getByLabel('走访方式').selectOption({ label: '上门走访' });
    await page.getByLabel('企业生产经营情况').fill(situation);
    await page.selectOption('select[name="problems.0.category"]', { label: '用地厂房' });
    await page.fill('textarea[name="problems.0.description"]', '这一行随后删除。');
    await page.getByRole('button', { name: '＋ 再添加一个问题' }).click();
    await page.selectOption('select[name="problems.1.category"]', { label: '培训' });
    await page.fill('textarea[name="problems.1.description"]', '希望讲解康复器械注册新规。');
    await page.locator('[data-problem-row="0"] [data-remove-row]').click();
    expect(await page.locator('[data-problem-row]').count()).toBe(1);
    expect(await page.inputValue('textarea[name="problems.0.description"]')).toBe('希望讲解康复器械注册新规。');
    expect(await page.locator('[data-problem-row="0"] legend').textContent()).toBe('问题 1');
    // Two visit photos, taken offline: they queue with the draft.
    await pickPhotos(page, [
      [200, 40, 40],
      [40, 40, 200],
    ]);
    const memoId = await page.inputValue('input[name=id]');
    await page.getByRole('button', { name: '保存备忘录' }).click();
    expect(await visible(page.getByText('已保存在本机，联网后自动提交。'))).toBe(true);
    expect(await page.locator('[data-drafts-badge]').textContent()).toBe('1 份待提交');
    // The emptied form takes a new id: a second offline memo is never the first one again.
    const refusedId = await page.inputValue('input[name=id]');
    expect(refusedId).not.toBe(memoId);
    // A second memo, dated in the future by mistake: the server will refuse it when it is sent.
    await page.getByLabel('帮扶企业').selectOption({ label: ENTERPRISE });
    await page.getByLabel('走访日期').fill('2099-01-01');
    await page.getByLabel('企业生产经营情况').fill('日期填错的一份。');
    await page.getByLabel('企业本次无诉求').check();
    await pickPhotos(page, [[40, 160, 40]]);
    await page.getByRole('button', { name: '保存备忘录' }).click();
    await page.locator('[data-drafts-badge]', { hasText: '2 份待提交' }).waitFor();

    // The drafts list, offline.
    await page.goto('/memos/drafts');
    await page.locator('ul[data-drafts="2"]').waitFor(); // read from IndexedDB after the page loads
    expect(await page.locator('[data-draft]').count()).toBe(2);
    expect(await page.locator(`[data-draft="${memoId}"] h2`).textContent()).toBe(ENTERPRISE);
    expect(await page.locator(`[data-draft="${memoId}"] [data-draft-photos]`).textContent()).toBe('2 张照片');
    expect(await page.locator(`[data-draft="${refusedId}"] [data-draft-photos]`).textContent()).toBe('1 张照片');

    // Sign-out while a draft waits: it says how many and offers to send them; cancelled here.
    await page.getByRole('button', { name: /退出登录/ }).click();
    expect(await visible(page.getByRole('dialog'))).toBe(true);
    expect(await page.getByRole('dialog').getByRole('heading').textContent()).toBe('还有 2 份备忘录待提交');
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    expect(new URL(page.url()).pathname).toBe('/memos/drafts');

    // Back online on another page: the drafts go by themselves, once; the refused one stays, saying why.
    await page.goto('/');
    await phone.setOffline(false);
    await page.locator('[data-drafts-badge]', { hasText: '1 份待提交' }).waitFor({ timeout: 15_000 });
    await page.reload(); // a second page load sends nothing again
    await page.goto('/memos/drafts');
    await page.locator('ul[data-drafts="1"]').waitFor();
    const refused = page.locator(`[data-draft="${refusedId}"] [data-refused]`);
    expect(await refused.getAttribute('data-refused')).toBe('422');
    expect(await refused.textContent()).toContain('走访日期不能晚于今天');
    // Refused, the draft keeps its photo for the correction.
    expect(await page.locator(`[data-draft="${refusedId}"] [data-draft-photos]`).textContent()).toBe('1 张照片');
    // Corrected in the memo form and sent: the draft is gone.
    await submit(page, page.locator(`[data-draft="${refusedId}"]`).getByRole('link', { name: '修改后重新提交' }));
    // The draft is read from IndexedDB after the page loads: its note says when it is in the form.
    expect(await visible(page.getByText(/正在修改一份未能提交的草稿：.*走访日期不能晚于今天/))).toBe(true);
    expect(await page.inputValue('input[name=id]')).toBe(refusedId);
    expect(await page.locator('[data-photos-kept]').textContent()).toBe('草稿中的 1 张照片已保留，将随修改后的备忘录一起提交。');
    await page.getByLabel('走访日期').fill(await page.evaluate(() => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)));
    await submit(page, page.getByRole('button', { name: '保存备忘录' }));
    expect(new URL(page.url()).pathname).toBe(`/memos/${refusedId}`);
    expect(await servedPhotos(page, page.locator('main'))).toBe(1);
    await page.locator('[data-drafts-badge]').waitFor({ state: 'hidden' });
    await page.goto(`/enterprises/${enterpriseId}`);
    const entry = page.locator('[data-entry=memo]', { hasText: situation });
    expect(await entry.count()).toBe(1);
    // The memo recorded offline, sent once, with its two photos, each served as the browser's JPEG.
    expect(await servedPhotos(page, entry)).toBe(2);
    expect(await visible(page.getByText('希望讲解康复器械注册新规。'))).toBe(true);
    expect(await page.getByText('这一行随后删除。').count()).toBe(0);
    await page.goto(`/memos/${memoId}`);
    expect(await visible(page.getByText(situation))).toBe(true);

    // Signing out forgets the kept pages; the queue (now empty) is IndexedDB's and stays.
    await page.goto('/');
    await submit(page, page.getByRole('button', { name: /退出登录/ }));
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await keptPages(page)).toEqual([]);
    await phone.close();
  });

  it('keeps nothing of an admin’s', async () => {
    const desk = await context(browser, { phone: true });
    const page = await desk.newPage();
    await signIn(page, 'admin', DEMO_PASSWORDS.admin);
    await page.goto('/problems');
    expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBe(null);
    expect(await keptPaths(page)).toEqual([]);
    await desk.close();
  });
});
