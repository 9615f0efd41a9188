// Issue 15, tried across three roles as they would work: the officer, on a phone, raises two problems in
// a memo; the admin sets 资金融资 to 15 working days, dispatches one with that default deadline and
// transfers the other; the unit's handler (单位联络员), on a phone, accepts and asks for more time; the
// admin approves and prints the unit's 督办通知单; the handler closes; the officer records a 回访; the
// admin strikes the problem off. Screenshots of each role's page and of the notice.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaToday } from '../../schema/rules/china-time.ts';
import { addWorkingDays, MONDAY_TO_FRIDAY } from '../../schema/rules/working-days.ts';
import { DEMO_PASSWORDS, demoProgramme, demoUnits } from '../../schema/seed/demo.ts';
import { act, context, launch, shot, signIn, submit, visible } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const ENTERPRISE = '洞庭制药股份有限公司'; // one of 李娜's demo enterprises
const A = '新建冻干粉针生产线，需要流动资金贷款。';
const B = '原料药 GMP 符合性检查排期较晚。';
const [BIANWEIBAN, GUOZIWEI] = [demoUnits[0]?.name ?? '', demoUnits[1]?.name ?? ''];

/** Opens the problem whose description is `text` from the reader's ledger list (table rows or cards). */
async function openProblem(page: Page, text: string) {
  await page.goto('/problems');
  await submit(page, page.locator('tr, li', { hasText: text }).locator('a[href^="/problems/"]').first());
  expect(await visible(page.getByText(text))).toBe(true);
}

describe('the supervised ledger across three roles', () => {
  it('goes from the officer’s memo to the admin’s 销号 through the unit’s handler', async () => {
    // 1. The officer raises two problems in a memo, on a phone, proposing 市编委办 for the first.
    const phone = await context(browser, { phone: true, javaScript: false });
    const officer = await phone.newPage();
    await signIn(officer, 'lina', DEMO_PASSWORDS.officer);
    await officer.goto('/memos/new'); // a11y: memo form (officer, phone)
    await officer.getByLabel('帮扶企业').selectOption({ label: ENTERPRISE });
    await officer.getByLabel('走访方式').selectOption({ label: '上门走访' });
    await officer.selectOption('select[name="problems.0.category"]', { label: '资金融资' });
    await officer.fill('textarea[name="problems.0.description"]', A);
    await officer.selectOption('select[name="problems.0.leadUnitId"]', { label: BIANWEIBAN });
    await submit(officer, officer.getByRole('button', { name: '＋ 再添加一个问题' }));
    await officer.selectOption('select[name="problems.1.category"]', { label: '审批证照注册' });
    await officer.fill('textarea[name="problems.1.description"]', B);
    await shot(officer, '21-officer-two-problems-phone');
    await submit(officer, officer.getByRole('button', { name: '保存备忘录' }));
    expect(await visible(officer.getByText(A))).toBe(true);
    expect(await officer.locator('[data-status="pending"]').count()).toBe(2); // 待交办, both

    // 2. The admin: 资金融资 in 15 working days; 交办 A with that default; B to 市国资委, then 转办.
    const desk = await context(browser);
    const admin = await desk.newPage();
    await signIn(admin, 'admin', DEMO_PASSWORDS.admin);
    expect(await visible(admin.locator('[data-todos]'))).toBe(true); // the admin's 待办: 交办 ×2
    await admin.goto('/admin/deadlines'); // a11y: default deadlines (admin)
    await admin.getByLabel('资金融资').fill('15');
    await submit(admin, admin.getByRole('button', { name: '保存' }));
    await openProblem(admin, A);
    await act(admin, 'dispatch', async (f) => {
      await f.locator('select[name=leadUnitId]').selectOption({ label: BIANWEIBAN });
      await f.locator('textarea[name=note]').fill('请十五个工作日内办结。');
    });
    const deadline = addWorkingDays(chinaToday(), 15, MONDAY_TO_FRIDAY);
    expect(await admin.locator('[data-deadline]').getAttribute('data-deadline')).toBe(deadline);
    await openProblem(admin, B);
    await act(admin, 'dispatch', async (f) => {
      await f.locator('select[name=leadUnitId]').selectOption({ label: GUOZIWEI });
    });
    await act(admin, 'transfer', async (f) => {
      await f.locator('select[name=leadUnitId]').selectOption({ label: BIANWEIBAN });
      await f.locator('textarea[name=reason]').fill('审批事项由市编委办牵头协调。');
    });
    expect(await visible(admin.getByText('审批事项由市编委办牵头协调。'))).toBe(true);
    await act(admin, 'supervise', async (f) => {
      await f.locator('textarea[name=note]').fill('企业反映强烈，请加快办理。');
      await f.locator('input[name=respondBy]').fill(addDays(chinaToday(), 5));
    });
    await admin.goto(`/problems?unit=${demoUnits[0]?.id}`); // a11y: ledger (admin, one unit)
    await shot(admin, '22-admin-ledger-dispatched');

    // 3. The handler of 市编委办, on a phone: two 受理 to do, the supervised one first and in red.
    const handlerPhone = await context(browser, { phone: true });
    const handler = await handlerPhone.newPage();
    await signIn(handler, 'bianweiban', DEMO_PASSWORDS.handler); // a11y: handler home (phone)
    expect(await visible(handler.locator('[data-todo="accept"]').first())).toBe(true);
    const cards = handler.locator('li[data-problem]');
    expect(await cards.first().getAttribute('data-supervised')).toBe('1');
    expect(await cards.first().textContent()).toContain(B);
    await shot(handler, '23-handler-home-phone');
    await openProblem(handler, A); // a11y: problem page (handler, phone)
    await act(handler, 'accept');
    await act(handler, 'request_extension', async (f) => {
      await f.locator('input[name=deadline]').fill(addDays(deadline, 10));
      await f.locator('textarea[name=reason]').fill('银行授信审批需要两周。');
    });
    expect(await visible(handler.locator('[data-requested]'))).toBe(true);
    await shot(handler, '24-handler-problem-phone');

    // 4. The admin approves; the 督办通知单 of 市编委办, printed on A4.
    await openProblem(admin, A);
    await act(admin, 'approve_extension');
    expect(await visible(admin.getByText(`办结时限 ${deadline} → ${addDays(deadline, 10)}`))).toBe(true);
    await admin.goto(`/admin/notice/${demoUnits[0]?.id}`); // a11y: supervision notice (admin)
    expect(await visible(admin.getByRole('heading', { name: '督办通知单' }))).toBe(true);
    // B: supervised (A is neither overdue nor supervised); beside it, the demo year's late problems of the unit.
    expect(await admin.locator('tr[data-problem]', { hasText: B }).count()).toBe(1);
    expect(await admin.locator('tr[data-problem]', { hasText: A }).count()).toBe(0);
    expect(await admin.locator('tr[data-problem]').count()).toBeGreaterThan(1);
    await admin.emulateMedia({ media: 'print' });
    await shot(admin, '25-supervision-notice-print');
    const pdf = await admin.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await admin.emulateMedia({ media: 'screen' });

    // 5. The handler closes A.
    await openProblem(handler, A);
    await act(handler, 'close', async (f) => {
      await f.locator('textarea[name=resolution]').fill('已协调银行授信 800 万元，企业确认到账。');
    });
    expect(await visible(handler.getByText('已办结').first())).toBe(true);

    // 6. The enterprise answers first (issue 16): within the programme's 企业确认期限 (7 days) the officer
    // has no 回访 form. The office sets the wait to 0 days, as if it had passed without an answer; then the
    // officer records the phone 回访 (干部回访; their home lists it among their 待办).
    await openProblem(officer, A);
    expect(await officer.locator('form[data-action="follow_up"]').count()).toBe(0);
    await admin.goto(`/admin/programmes/${demoProgramme.id}/edit`);
    await admin.locator('input[name=confirmWaitDays]').fill('0');
    await admin.getByRole('button', { name: '保存' }).click();
    await officer.goto('/'); // a11y: officer home with 待办 (phone)
    expect(await visible(officer.locator('[data-todo="follow_up"]'))).toBe(true);
    await openProblem(officer, A);
    await act(officer, 'follow_up', async (f) => {
      await f.locator('select[name=outcome]').selectOption('satisfied');
    });

    // 7. The admin strikes it off: the whole timeline, each move with its role.
    await openProblem(admin, A);
    await act(admin, 'strike_off');
    expect(await visible(admin.getByText('已销号').first())).toBe(true);
    const events = await admin.locator('[data-event]').evaluateAll((li) => li.map((e) => e.getAttribute('data-event')));
    expect(events).toEqual(['create', 'dispatch', 'accept', 'request_extension', 'approve_extension', 'close', 'follow_up', 'strike_off']);
    await shot(admin, '15-problem-struck-off');
    await Promise.all([phone.close(), desk.close(), handlerPhone.close()]);
  });
});
