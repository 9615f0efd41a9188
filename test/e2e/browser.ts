// Debian's Chromium driven by playwright-core (no browser download: /usr/bin/chromium), with the flags
// that keep it off the network, as a phone (390×844) or a desktop, with JavaScript on or off.
import { mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const origin = () => inject('origin');

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 860 } };

/** A fresh context; `cookiesOf` starts it signed in as that context is (the same session). */
export async function context(
  browser: Browser,
  opts: { phone?: boolean; javaScript?: boolean; cookiesOf?: BrowserContext } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    ...(opts.phone ? PHONE : DESKTOP),
    javaScriptEnabled: opts.javaScript ?? true,
    baseURL: origin(),
    locale: 'zh-CN',
    storageState: opts.cookiesOf ? await opts.cookiesOf.storageState() : undefined,
  });
}

/**
 * Where screenshots go: an ignored folder, so `npm test` leaves the tree as it found it; `npm run
 * screenshots` sets E2E_SCREENSHOTS=docs to refresh the committed ones of the README and docs/.
 */
const SHOTS = process.env.E2E_SCREENSHOTS === 'docs' ? 'docs/screenshots' : 'test/e2e/.artifacts/screenshots';

/** A full-page screenshot named by step, or of one element of the page. */
export async function shot(page: Page | Locator, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, ...('goto' in page ? { fullPage: true } : {}) });
}

/** Clicks something that submits a form or follows a link, and waits until the next page has loaded. */
export async function submit(page: Page, target: Locator) {
  await Promise.all([page.waitForEvent('framenavigated'), target.click()]);
  await page.waitForLoadState('domcontentloaded');
}

/** Waits for the element and tells whether it is visible (fails the test after the timeout). */
export async function visible(target: Locator): Promise<boolean> {
  await target.first().waitFor({ state: 'visible', timeout: 10_000 });
  return target.first().isVisible();
}

export async function signIn(page: Page, login: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('账号').fill(login);
  await page.getByLabel('密码').fill(password);
  await submit(page, page.getByRole('button', { name: '登录' }));
}

/** Runs one action form of the problem page (its <details> is opened first when folded). */
export async function act(page: Page, action: string, fill?: (form: Locator) => Promise<void>) {
  const form = page.locator(`form[data-action=${action}]`);
  const details = page.locator('details', { has: form });
  if ((await details.getAttribute('open')) === null) await details.locator(':scope > summary').click();
  if (fill) await fill(form);
  await submit(page, form.locator('button[type=submit]'));
}
