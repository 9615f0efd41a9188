// The enterprise closes the loop (issue 16), in Chromium on a phone, once with JavaScript off and once
// with it on: 金健药业 opens its 我的诉求 link and sees a problem 办理中; the handler of 市编委办 closes it;
// the enterprise confirms 不满意 with a reason; the problem is back with the handler, who closes it again;
// the enterprise confirms 满意 and the admin strikes it off; the enterprise raises a new request, which
// appears as 待交办. The first run's new request is the second run's problem (the admin dispatches it and
// the handler accepts it). Other end-to-end files do not touch 金健药业's 我的诉求 problems.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS, demoEnterpriseLink, demoProblems, demoUnits } from '../../schema/seed/demo.ts';
import { act, context, launch, origin, shot, signIn, submit, visible } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** 金健药业's 我的诉求 link, derived as the Worker derives it (HMAC of the link's id with LINK_SECRET). */
function mineLink(): string {
  const secret = /^LINK_SECRET\s*=\s*"?([^"\r\n]+)"?/m.exec(readFileSync('.dev.vars', 'utf8'))?.[1] ?? '';
  return `${origin()}/e/${createHmac('sha256', secret).update(demoEnterpriseLink.id).digest('base64url').slice(0, 24)}`;
}

const BIANWEIBAN = demoUnits[0]?.name ?? '';

/** Opens the problem whose description is `text` from the reader's ledger list (table rows or cards). */
async function openProblem(page: Page, text: string) {
  await page.goto('/problems');
  await submit(page, page.locator('tr, li', { hasText: text }).locator('a[href^="/problems/"]').first());
  expect(await visible(page.getByText(text))).toBe(true);
}

/** The enterprise's card of the problem `text`, after reloading its page. */
async function card(page: Page, text: string) {
  await page.goto('/e');
  return page.locator('article', { hasText: text });
}

async function confirm(page: Page, text: string, outcome: 'satisfied' | 'unsatisfied', reason = '') {
  const c = await card(page, text);
  await c.locator(`label:has(input[name=outcome][value=${outcome}])`).click();
  if (reason) await c.locator('textarea[name=reason]').fill(reason);
  await submit(page, c.getByRole('button', { name: '提交确认' }));
}

async function closeAs(handler: Page, text: string, resolution: string) {
  await openProblem(handler, text);
  await act(handler, 'close', async (f) => {
    await f.locator('textarea[name=resolution]').fill(resolution);
  });
}

/** One round of the loop on the problem `text`; returns the new request it raises. */
async function loop(js: boolean, text: string, pages: { handler: Page; admin: Page }): Promise<string> {
  const { handler, admin } = pages;
  const phone = await context(browser, { phone: true, javaScript: js });
  const ent = await phone.newPage();
  // 1. The link is exchanged for a cookie and the clean URL; the problem is 办理中.
  await ent.goto(mineLink());
  expect(new URL(ent.url()).pathname).toBe('/e');
  expect(await (await card(ent, text)).textContent()).toContain('办理中');
  await shot(ent, js ? '61-mine-phone-js' : '60-mine-phone-nojs');
  // 2. The handler closes it.
  await closeAs(handler, text, '已协调完成。');
  // 3. The enterprise confirms 不满意 with a reason (without one: refused, kept, nothing stored).
  await confirm(ent, text, 'unsatisfied');
  if (!js) {
    expect(await visible(ent.getByText('此项必填'))).toBe(true);
    await shot(ent, '62-mine-reason-required');
  }
  await confirm(ent, text, 'unsatisfied', '问题没有真正解决，仍需协调。');
  // 4. Back with the handler: 办理中 on both sides.
  expect(await (await card(ent, text)).textContent()).toContain('办理中');
  await openProblem(handler, text);
  expect(await visible(handler.getByText('问题没有真正解决，仍需协调。'))).toBe(true);
  expect(await handler.locator('form[data-action=close]').count()).toBe(1);
  // 5. The handler closes it again; the enterprise confirms 满意; the admin strikes it off.
  await closeAs(handler, text, '已再次协调，问题解决。');
  await confirm(ent, text, 'satisfied');
  expect(await visible(ent.getByText('已记录您的确认'))).toBe(true);
  expect(await (await card(ent, text)).textContent()).toContain('满意（企业确认）');
  await openProblem(admin, text);
  await act(admin, 'strike_off');
  expect(await (await card(ent, text)).textContent()).toContain('已销号');
  // 6. A new request, which appears as 待交办.
  const request = `新诉求：申请市场开拓补贴（${js ? '有' : '无'}脚本）。`;
  await ent.goto('/e');
  await ent.getByLabel('问题类别').selectOption({ label: '市场开拓与供需对接' });
  await ent.getByLabel('诉求内容').fill(request);
  await submit(ent, ent.getByRole('button', { name: '提交诉求' }));
  expect(await visible(ent.getByText('诉求已提交'))).toBe(true);
  expect(await (await card(ent, request)).textContent()).toContain('待交办');
  await shot(ent, js ? '63-mine-request-js' : '64-mine-request-nojs');
  await phone.close();
  return request;
}

describe('the enterprise closes the loop', () => {
  it('on a phone, with JavaScript off and on', async () => {
    const desk = await context(browser);
    const admin = await desk.newPage();
    await signIn(admin, 'admin', DEMO_PASSWORDS.admin);
    const handlerPhone = await context(browser, { phone: true });
    const handler = await handlerPhone.newPage();
    await signIn(handler, 'bianweiban', DEMO_PASSWORDS.handler);

    const first = demoProblems[0].description;
    const raised = await loop(false, first, { handler, admin });
    // The request as the office sees it: 待交办 from 企业直报; dispatched to 市编委办 and accepted.
    await openProblem(admin, raised);
    expect(await visible(admin.getByText('待交办').first())).toBe(true);
    await act(admin, 'dispatch', async (f) => {
      await f.locator('select[name=leadUnitId]').selectOption({ label: BIANWEIBAN });
    });
    await openProblem(handler, raised);
    await act(handler, 'accept');
    await loop(true, raised, { handler, admin });
    await Promise.all([desk.close(), handlerPhone.close()]);
  });
});
