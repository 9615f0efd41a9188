// Issue 18, tried as an office would: a form built from scratch in the builder — every question type,
// one show-if rule, a page break — published, used in a survey round and answered on a phone. Once
// with JavaScript off (every move a round trip) and once with it on (the builder island: no page loads).
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './a11y';
import { context, launch, shot, signIn, submit, visible } from './browser';
import { launchRound } from './rounds';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Presses a builder button or link: a page load without JavaScript, the island's swap with it. */
async function act(page: Page, target: Locator, js: boolean) {
  if (!js) return submit(page, target);
  await target.click();
  await page.waitForFunction(() => !document.getElementById('builder')?.hasAttribute('aria-busy'));
}

type Step = { kind: string; title: string; fill?: (editor: Locator) => Promise<void> };

/** The ten types, each with what an office would set on it; q9 is the one shown only after a 不满意. */
const STEPS: Step[] = [
  { kind: '单选', title: '贵企业所属行业', fill: (e) => e.getByLabel('选项（每行一个）').fill('药品\n医疗器械\n化妆品 | Cosmetics') },
  {
    kind: '多选',
    title: '最需要的帮助',
    fill: async (e) => {
      await e.getByLabel('选项（每行一个）').fill('融资\n用工\n审批\n其他');
      await e.getByLabel('最多选几项（可选）').fill('2');
    },
  },
  { kind: '满意度量表', title: '对帮扶工作的总体满意度', fill: (e) => e.getByLabel('提供“不了解/不适用”选项（不计入满意度）').check() },
  { kind: '矩阵量表', title: '分项评价', fill: (e) => e.getByLabel('评价项目（每行一个）').fill('服务态度\n响应速度') },
  { kind: '0–10 评分', title: '向同行推荐的可能性' },
  { kind: '是否', title: '本月是否上门服务' },
  { kind: '单行文本', title: '联系人' },
  {
    kind: '多行文本',
    title: '不满意的原因',
    fill: async (e) => {
      const q4 = e.locator('fieldset.b-showif-q', { hasText: '对帮扶工作的总体满意度' });
      await q4.getByLabel('不满意', { exact: true }).check();
      await q4.getByLabel('非常不满意', { exact: true }).check();
    },
  },
  {
    kind: '数字',
    title: '本月解决的问题数',
    fill: async (e) => {
      await e.getByLabel('最小值（可选）').fill('0');
      await e.getByLabel('只允许整数').check();
    },
  },
  { kind: '日期', title: '最近一次走访日期' },
];

/** Builds the form on a fresh blank draft and publishes it; returns the form's name. */
async function buildAndPublish(page: Page, js: boolean, name: string) {
  // Page loads, not history entries: the island changes the address with replaceState as it goes.
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto('/admin/forms/new');
  await page.getByLabel('新建空白表单').check();
  await submit(page, page.getByRole('button', { name: '创建' }));
  // a11y: form builder (blank draft)
  expect(await visible(page.locator('#q-q1'))).toBe(true);
  await expectAccessible(page, 'form builder (blank draft)');
  const builderUrl = page.url();
  const loadsBefore = loads;
  // A mark on this document: it survives only if no move loads a new page.
  await page.evaluate(() => Object.assign(window, { builderMark: 'still here' }));

  await page.locator('#meta > summary').click();
  await page.getByLabel('问卷标题').fill(name);
  await act(page, page.getByRole('button', { name: '保存问卷信息' }), js);
  for (const [i, step] of STEPS.entries()) {
    const key = `q${i + 2}`;
    const add = page.locator('#page-1 form.b-add');
    // With JavaScript the 多选 question is added as 单选 and retyped in its editor, which the island submits at once.
    const retype = js && step.kind === '多选';
    await add.getByLabel('题型').selectOption({ label: retype ? '单选' : step.kind });
    await add.getByLabel('题目', { exact: true }).fill(step.title);
    await act(page, add.getByRole('button', { name: '添加到第 1 页' }), js);
    const editor = page.locator(`#q-${key} form.b-editor`);
    expect(await visible(editor)).toBe(true);
    if (retype) {
      await editor.getByLabel('题型').selectOption({ label: '多选' });
      await page.waitForFunction(() => !document.getElementById('builder')?.hasAttribute('aria-busy'));
      expect(await page.locator(`#q-${key} form.b-editor`).getByLabel('最多选几项（可选）').isVisible()).toBe(true);
    }
    // a11y: form builder (question editor), once per way of building (the editor is one component)
    if (i === 0) await expectAccessible(page, 'form builder (question editor)');
    if (i !== 4 && i !== 6) await editor.getByLabel('必答', { exact: true }).check();
    await step.fill?.(editor);
    await act(page, editor.getByRole('button', { name: '保存本题' }), js);
    expect(await visible(page.locator(`#q-${key} .b-card`))).toBe(true);
  }
  // The blank form's sample question goes; a page break after 本月是否上门服务 (q7); q3 moves up and back.
  await act(page, page.locator('#q-q1').getByRole('button', { name: '删除' }), js);
  await act(page, page.locator('#q-q7').getByRole('button', { name: '在此题后分页' }), js);
  await act(page, page.locator('#q-q3').getByRole('button', { name: '上移' }), js);
  await act(page, page.locator('#q-q3').getByRole('button', { name: '下移' }), js);
  // a11y: form builder (built form)
  expect(await visible(page.locator('#page-2 #q-q8'))).toBe(true);
  await expectAccessible(page, 'form builder (built form)');
  const cards = await page.locator('.b-card h3').allTextContents();
  expect(cards.map((c) => c.replace(/\s+/g, ' ').trim())).toEqual(STEPS.map((s, i) => `${i + 1}. ${s.title}`));
  expect(await page.locator('#q-q9 .b-note').textContent()).toBe('如第 3 题选择『不满意』或『非常不满意』，请回答本题。');
  const preview = page.frameLocator('iframe.phone');
  expect(await visible(preview.getByRole('heading', { name }))).toBe(true);
  expect(await preview.locator('[data-q]').count()).toBe(10);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, js ? '27-form-builder-js' : '25-form-builder');
  if (js) {
    // Every move above was the island's: the builder page itself never loaded again.
    expect(loads).toBe(loadsBefore);
    expect(await page.evaluate(() => (window as unknown as { builderMark?: string }).builderMark)).toBe('still here');
    expect(page.url()).toContain(builderUrl);
    // The show-if question's editor, opened in place.
    await act(page, page.locator('#q-q9').getByRole('link', { name: '编辑' }), js);
    expect(await visible(page.locator('#q-q9 form.b-editor'))).toBe(true);
    const rule = page.locator('#q-q9 form.b-editor').getByRole('group', { name: '对帮扶工作的总体满意度' });
    expect(await rule.getByLabel('不满意', { exact: true }).isChecked()).toBe(true);
    expect(await page.locator('h1').textContent()).toBe(`${name} · 第 1 版`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, '28-form-builder-js-show-if');
  } else expect(loads - loadsBefore).toBeGreaterThanOrEqual(25);

  await submit(page, page.getByRole('button', { name: '发布', exact: true }));
  expect(await visible(page.getByText('已发布第 1 版。'))).toBe(true);
  return builderUrl;
}

/** Launches a round of one enterprise on the form and returns its personal link. */
async function launchOn(page: Page, name: string) {
  await launchRound(page, { name: `${name}试用批次`, n: 1, form: `${name}（第 1 版）` });
  const href = await page.getByRole('link', { name: '链接清单（CSV）' }).getAttribute('href');
  const csv = (await (await page.request.get(href ?? '')).text()).trim().split('\r\n');
  expect(csv).toHaveLength(2);
  const last = csv[1] ?? '';
  return last.slice(last.lastIndexOf(',') + 1).replace(/"/g, '');
}

const choose = (page: Page, name: string, value: string) =>
  page.locator(`label.sv-opt:has(input[name="${name}"][value="${value}"])`).click();

/** Answers the built form on a phone: 不满意 overall, so the reason question applies. */
async function answer(page: Page, js: boolean) {
  // 药品 and 融资 are o3: the new questions' 选项 1 and 选项 2 were o1 and o2.
  await choose(page, 'q2', 'o3');
  await choose(page, 'q3', 'o3');
  await choose(page, 'q4', '2');
  const rows = page.locator('[data-q="q5"] label.sv-opt:has(input[value="4"])');
  for (let i = 0; i < (await rows.count()); i++) await rows.nth(i).click();
  await choose(page, 'q6', '8');
  await choose(page, 'q7', 'yes');
  if (js) await page.getByRole('button', { name: '下一页' }).click();
  await page.getByLabel(/联系人/).fill('王经理');
  await page.getByLabel(/本月解决的问题数/).fill('3');
  await page.getByLabel(/最近一次走访日期/).fill('2026-05-08');
}

describe('a form built in the builder, end to end', () => {
  for (const js of [false, true]) {
    it(`is built, published, used in a round and answered on a phone, JavaScript ${js ? 'on' : 'off'}`, async () => {
      const admin = await context(browser, { javaScript: js });
      const page = await admin.newPage();
      await signIn(page, 'admin', 'demo-admin-2026');
      const name = js ? '园区企业服务满意度（脚本）' : '园区企业服务满意度（无脚本）';
      const builder = await buildAndPublish(page, js, name);
      if (!js) {
        // The phone preview, full screen on a phone: the document the builder's frame shows.
        const phone = await context(browser, { phone: true, javaScript: false });
        const p = await phone.newPage();
        await signIn(p, 'admin', 'demo-admin-2026');
        await p.goto(`${builder}/preview`);
        // a11y: form preview (phone)
        expect(await visible(p.getByRole('heading', { name }))).toBe(true);
        await expectAccessible(p, 'form preview (phone)');
        await shot(p, '26-form-builder-phone-preview');
        await phone.close();
      }
      const link = await launchOn(page, name);

      const phone = await context(browser, { phone: true, javaScript: js });
      const p = await phone.newPage();
      await p.goto(link);
      expect(await visible(p.getByRole('heading', { name }))).toBe(true);
      await answer(p, js);
      if (js) {
        // The reason appears once 不满意 was chosen on the first page.
        expect(await visible(p.locator('[data-q="q9"]'))).toBe(true);
      } else {
        // Without JavaScript the reason is a note; leaving it blank is sent back with every answer kept.
        await submit(p, p.getByRole('button', { name: '提交' }));
        expect(await visible(p.locator('#e-q9'))).toBe(true);
        expect(await p.isChecked('input[name=q4][value="2"]')).toBe(true);
      }
      await p.locator('textarea[name=q9]').fill('上门次数偏少，希望每月至少一次。');
      await submit(p, p.getByRole('button', { name: '提交' }));
      expect(await visible(p.getByRole('heading', { name: '提交成功' }))).toBe(true);
      await phone.close();

      await page.reload();
      expect(await visible(page.getByText('邀请 1 · 已打开 1 · 已提交 1'))).toBe(true);
      // The server is shared with the other end-to-end files: the form is retired, so a round made later
      // (survey.e2e.ts takes the first published form) never picks it up.
      await page.goto(builder.replace(/\/versions\/\d+$/, ''));
      await submit(page, page.getByRole('link', { name: '停用' }));
      await submit(page, page.getByRole('button', { name: '停用' })); // 停用 asks first (issue 17)
      expect(await visible(page.getByText('已停用').first())).toBe(true);
      await admin.close();
    });
  }
});
