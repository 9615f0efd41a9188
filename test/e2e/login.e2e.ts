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

describe('signing in, as a person would', () => {
  it('shows the login page on a phone without JavaScript and signs the officer in', async () => {
    const ctx = await context(browser, { phone: true, javaScript: false });
    const page = await ctx.newPage();
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await visible(page.getByRole('heading', { name: '登录' }))).toBe(true);
    await shot(page, '01-login-phone');
    await signIn(page, 'zhangwei', 'demo-officer-2026');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await visible(page.getByRole('heading', { name: '我的帮扶企业' }))).toBe(true);
    // 张伟 leads four demo enterprises, among them 金健药业 (the CSV-import test, which may run first, adds one)
    expect(await page.locator('[data-enterprise]').count()).toBeGreaterThanOrEqual(4);
    expect(await visible(page.getByText('金健药业有限公司'))).toBe(true);
    await shot(page, '02-officer-home-phone');
    await ctx.close();
  });

  it('tells a wrong password in the same words as an unknown account', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await signIn(page, 'admin', 'wrong-password');
    expect(await visible(page.getByText('账号或密码不正确。'))).toBe(true);
    await signIn(page, 'nobody', 'wrong-password');
    expect(await visible(page.getByText('账号或密码不正确。'))).toBe(true);
    await ctx.close();
  });

  it('switches the interface to English and back', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await page.goto('/login');
    await submit(page, page.getByRole('button', { name: 'English' }));
    expect(await visible(page.getByRole('heading', { name: 'Sign in' }))).toBe(true);
    await submit(page, page.getByRole('button', { name: '中文' }));
    expect(await visible(page.getByRole('heading', { name: '登录' }))).toBe(true);
    await ctx.close();
  });
});
