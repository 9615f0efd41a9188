// Issue 22, phone-first pages: at 390 px the ledger, the problem page, the enterprise file and the
// officer's lists are cards with the filters folded away, and nothing is wider than the screen — checked
// on each page as `document.documentElement.scrollWidth <= innerWidth`. Read-only: signs in as 张伟
// (whose 金健药业 carries the demo ledger) and as the admin, and writes nothing.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS, demoEnterprises } from '../../schema/seed/demo.ts';
import { context, launch, shot, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const JINJIAN = demoEnterprises[0]?.id ?? '';

/** How far the page reaches past the screen's right edge (0 when it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The first problem the ledger lists, to open its page. */
const firstProblem = async (page: Page) => {
  await page.goto('/problems');
  const href = await page.locator('a[href^="/problems/"]').first().getAttribute('href');
  if (!href) throw new Error('the ledger lists no problem');
  return href;
};

describe('phone-first pages at 390 px', () => {
  it('the officer’s: no sideways scroll, the ledger as cards with its filters folded', async () => {
    const phone = await context(browser, { phone: true });
    const page = await phone.newPage();
    await signIn(page, 'zhangwei', DEMO_PASSWORDS.officer);
    const problem = await firstProblem(page);
    for (const path of ['/', '/problems', problem, `/enterprises/${JINJIAN}`, '/stats/mine', '/memos/new', '/memos/drafts']) {
      await page.goto(path);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    await page.goto('/problems');
    expect(await page.locator('details.filters').getAttribute('open')).toBe(null);
    expect(await page.locator('details.filters select[name=status]').isVisible()).toBe(false);
    // A row is a card: its cells stack, each led by its column's name.
    const cell = page.locator('table.as-cards tbody tr').first().locator('td').first();
    expect(await cell.evaluate((td) => getComputedStyle(td).display)).toBe('block');
    expect(await cell.evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"问题编号："');
    // The header row is there for screen readers only: a 1-px clipped box.
    expect((await page.locator('table.as-cards thead').boundingBox())?.width).toBeLessThanOrEqual(1);
    await shot(page, 'ledger-phone');
    // A filter in force unfolds them.
    await page.goto('/problems?status=pending');
    expect(await page.locator('details.filters select[name=status]').isVisible()).toBe(true);
    await page.goto(`/enterprises/${JINJIAN}`);
    await shot(page, 'file-phone');
    await phone.close();
  });

  it('the admin’s ledger, problem page and enterprise file fit the phone too', async () => {
    const phone = await context(browser, { phone: true });
    const page = await phone.newPage();
    await signIn(page, 'admin', DEMO_PASSWORDS.admin);
    const problem = await firstProblem(page);
    for (const path of ['/problems', '/problems?status=pending', problem, `/enterprises/${JINJIAN}`]) {
      await page.goto(path);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    await phone.close();
  });
});
