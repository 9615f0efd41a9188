// Issue 21, tried as the programme office would: the admin downloads the problem ledger as .xlsx from the
// exports page (a real workbook, read back with exceljs), then uploads a workbook of enterprises made
// by a spreadsheet program and one of officers, confirms, and gets the new officers' setup links.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../schema/credit-code';
import { expectAccessible } from './a11y';
import { context, launch, shot, signIn, submit, visible } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const DIR = '.wrangler/e2e-files';
const code = (body: string) => body + creditCodeCheckChar(body);

async function workbook(file: string, rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  for (const row of rows) ws.addRow(row);
  mkdirSync(DIR, { recursive: true });
  writeFileSync(`${DIR}/${file}`, new Uint8Array(await wb.xlsx.writeBuffer()));
  return `${DIR}/${file}`;
}

describe('Excel in, Excel out', () => {
  it('downloads the ledger as .xlsx and imports enterprises and officers from .xlsx', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await signIn(page, 'admin', 'demo-admin-2026');

    // a11y: /admin/exports
    await page.goto('/admin/exports');
    await expectAccessible(page, '/admin/exports');
    await shot(page, '21-exports-xlsx');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '问题台账（Excel）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^问题台账_.+\.xlsx$/);
    const saved = `${DIR}/ledger.xlsx`;
    mkdirSync(DIR, { recursive: true });
    await download.saveAs(saved);
    const ledger = new ExcelJS.Workbook();
    await ledger.xlsx.load(new Uint8Array(readFileSync(saved)).buffer);
    expect(ledger.worksheets.map((w) => w.name)).toEqual(['数据', '说明']);
    expect(ledger.worksheets[0]?.getRow(1).getCell(1).value).toBe('问题编号');

    // a11y: /admin/import
    await page.goto('/admin/import');
    await expectAccessible(page, '/admin/import');
    const enterprises = await workbook('enterprises.xlsx', [
      ['企业名称', '统一社会信用代码', '联系人', '联系电话'],
      ['湘江新区生物医药有限公司', code('91430100MA4X00001'), '刘洋', 13912345678],
      ['=麓谷 医疗器械有限公司', code('00000000000000001'), '陈静', 13912345679],
    ]);
    await page.locator('#f-enterprises-file').setInputFiles(enterprises);
    await submit(page, page.locator('form:has(#f-enterprises-file) button[type=submit]'));
    // a11y: /admin/import/enterprises (preview)
    expect(await visible(page.getByText('=麓谷 医疗器械有限公司'))).toBe(true);
    await expectAccessible(page, '/admin/import/enterprises (preview)');
    await shot(page, '22-import-xlsx-preview');
    await submit(page, page.getByRole('button', { name: '确认导入' }));
    expect(await visible(page.getByText('企业名单已导入：新增 2 家，更新 0 家，无变化 0 家。'))).toBe(true);

    const officers = await workbook('officers.xlsx', [
      ['账号', '姓名', '帮扶单位', '联系电话'],
      ['zhoumin', '周敏', '市编委办', 13800001111],
    ]);
    await page.locator('#f-officers-file').setInputFiles(officers);
    await submit(page, page.locator('form:has(#f-officers-file) button[type=submit]'));
    await submit(page, page.getByRole('button', { name: '确认导入' }));
    // a11y: /admin/import/officers/commit (setup links)
    expect(await visible(page.getByText('帮扶干部名单已导入：新增 1 人'))).toBe(true);
    await expectAccessible(page, '/admin/import/officers/commit (setup links)');
    expect(await page.locator('code.setup-link').first().textContent()).toMatch(/\/setup\/[A-Za-z0-9_-]{20,}$/);
    await shot(page, '23-officer-import-links');
    await ctx.close();
  });
});
