// Every .xlsx download read back with a real reader, exceljs (issue 21): each file against its CSV twin,
// cell for cell — the CSV's defusing ' aside, numbers and dates as the CSV formats them — and the tricky
// values (formula starts, separators, quotes, CRLF, emoji, U+202E, 2,000 characters) exactly as stored;
// credit codes with leading zeros and 11-digit phones as text cells, never numbers; the header frozen,
// an auto filter, and a "说明" sheet.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, pct } from '../../schema/rules/figures.ts';
import { parseCsv } from '../../worker/lib/csv.ts';
import { TRICKY } from '../fixtures/tricky.ts';
import { type App, mobile, startApp, zeroCode } from './app.ts';
import { checkZip } from './zip-check.ts';

let app: App;
beforeAll(async () => {
  app = await startApp('exports');
});
afterAll(() => app?.worker.stop());

const CODE_COLUMNS = new Set(['统一社会信用代码', '联系电话', '答卷编号', '邀请编号', '问题编号', '备忘录编号']);
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A string as Excel reads it: ST_Xstring's `_xHHHH_` escapes decoded (ECMA-376 §22.9.2.19). exceljs
 * decodes them only in shared strings (lib/xlsx/xform/strings/text-xform.js), not in inline strings,
 * which is all this app writes — and must write `_x005F_x0041_` for a literal `_x0041_`, as Excel does.
 */
const excelString = (s: string) => s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** A cell as the CSV writes it, from what exceljs read. */
function asCsv(value: ExcelJS.CellValue, csv: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const day = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    return csv.length > 10 ? `${day} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}` : day;
  }
  if (typeof value === 'number') return [String(value), one(value), pct(value)].find((s) => s === csv) ?? String(value);
  if (typeof value === 'string') return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  throw new Error(`unexpected cell ${JSON.stringify(value)}`);
}

async function both(path: string) {
  const [csvRes, xlsxRes] = await Promise.all([app.get(`${path.replace('{ext}', 'csv')}`), app.get(`${path.replace('{ext}', 'xlsx')}`)]);
  expect(csvRes.status, path).toBe(200);
  expect(xlsxRes.status, path).toBe(200);
  expect(xlsxRes.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(xlsxRes.headers.get('content-disposition')).toMatch(/\.xlsx"; filename\*=UTF-8''.+\.xlsx$/);
  const csv = parseCsv(new TextDecoder().decode(new Uint8Array(await csvRes.arrayBuffer())).replace(/^\uFEFF/, '')).map((r) => r.cells);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await xlsxRes.arrayBuffer());
  const [data, about] = book.worksheets;
  if (!data || !about) throw new Error('two sheets expected');
  const rows: ExcelJS.CellValue[][] = [];
  data.eachRow({ includeEmpty: true }, (row) => {
    rows.push(
      Array.from({ length: csv[0]?.length ?? 0 }, (_, i) => {
        const v = row.getCell(i + 1).value;
        return typeof v === 'string' ? excelString(v) : v;
      }),
    );
  });
  return { csv, rows, data, about, book };
}

/** The workbook says what the CSV says, and its code columns are text. */
async function sameAsCsv(path: string) {
  const file = await both(path);
  const { csv, rows, data, about } = file;
  expect([data.name, about.name]).toEqual(['数据', '说明']);
  expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(data.autoFilter).toBe(`A1:${data.getColumn(csv[0]?.length ?? 1).letter}${csv.length}`);
  expect(rows.length, path).toBe(csv.length);
  rows.forEach((row, r) => {
    row.forEach((value, c) => {
      expect(asCsv(value, csv[r]?.[c] ?? ''), `${path} row ${r + 1} column ${csv[0]?.[c]}`).toBe(csv[r]?.[c] ?? '');
    });
  });
  csv[0]?.forEach((header, c) => {
    if (CODE_COLUMNS.has(header)) for (const row of rows.slice(1)) expect(typeof (row[c] ?? ''), `${path} ${header}`).toBe('string');
  });
  // The "说明" sheet lists every column with its meaning.
  const listed = new Set<string>();
  about.eachRow((row) => {
    listed.add(String(row.getCell(1).value ?? ''));
  });
  for (const header of csv[0] ?? []) expect(listed.has(header), `${path} 说明 lists ${header}`).toBe(true);
  return file;
}

const column = (file: Awaited<ReturnType<typeof both>>, header: string) => {
  const c = file.csv[0]?.indexOf(header) ?? -1;
  expect(c, header).toBeGreaterThanOrEqual(0);
  return file.rows.slice(1).map((r) => r[c]);
};

describe('every .xlsx download equals its CSV, cell for cell', () => {
  it('the responses and the invitations of a round', async () => {
    const round = app.m.campaignIds[0];
    const responses = await sameAsCsv(`/admin/exports/responses.{ext}?campaign=${round}`);
    expect(column(responses, '仍需协调解决的困难或意见建议')).toEqual(expect.arrayContaining(TRICKY));
    const invitations = await sameAsCsv(`/admin/exports/invitations.{ext}?campaign=${round}`);
    expect(column(invitations, '企业名称')).toEqual(expect.arrayContaining(TRICKY));
    expect(column(invitations, '统一社会信用代码')).toEqual(expect.arrayContaining(TRICKY.map((_, i) => zeroCode(i))));
    expect(column(invitations, '联系电话')).toEqual(expect.arrayContaining(TRICKY.map((_, i) => mobile(i))));
    expect(column(invitations, '提交时间').every((v) => v instanceof Date)).toBe(true);
  });

  it('the memos and the problem ledger', async () => {
    const q = `programme=${app.m.programmeId}`;
    const memos = await sameAsCsv(`/admin/exports/memos.{ext}?${q}`);
    expect(column(memos, '企业生产经营情况')).toEqual(expect.arrayContaining(TRICKY));
    expect(column(memos, '走访日期').every((v) => v instanceof Date)).toBe(true);
    const ledger = await sameAsCsv(`/admin/exports/problems.{ext}?${q}`);
    expect(column(ledger, '问题描述')).toEqual(expect.arrayContaining(TRICKY));
    expect(column(ledger, '办理进展')).toEqual(expect.arrayContaining(TRICKY));
  });

  it('every metric table, its rates as numbers', async () => {
    for (const table of ['items', 'rounds', 'unit', 'officer', 'chain', 'region', 'category', 'month']) {
      const file = await sameAsCsv(`/admin/exports/metrics/${table}.{ext}?programme=${app.m.programmeId}`);
      expect(file.rows.length, table).toBeGreaterThan(1);
    }
    const items = await both(`/admin/exports/metrics/items.{ext}?programme=${app.m.programmeId}`);
    expect(column(items, '满意率（两档）').every((v) => typeof v === 'number' && v >= 0 && v <= 1)).toBe(true);
    const notes: string[] = [];
    items.about.eachRow((row) => {
      notes.push(String(row.getCell(1).value ?? ''));
    });
    expect(notes.join('\n')).toContain('满意率口径：两档（非常满意＋满意）（本行动设定）÷ 有效样本。');
  });

  it('the links of a round, and its links not yet answered', async () => {
    const round = app.m.campaignIds[0];
    const links = await sameAsCsv(`/admin/rounds/${round}/links.{ext}`);
    expect(column(links, '链接').every((v) => typeof v === 'string' && v.startsWith('http://127.0.0.1:8787/s/'))).toBe(true);
    await sameAsCsv(`/admin/rounds/${round}/links.{ext}?pending=1`);
  });
});

describe('the zip under workerd', () => {
  it('has every entry’s CRC-32 (workerd’s DigestStream) and sizes right, checked against zlib', async () => {
    for (const path of [
      `/admin/exports/responses.xlsx?campaign=${app.m.campaignIds[0]}`,
      `/admin/exports/metrics/unit.xlsx?programme=${app.m.programmeId}`,
    ]) {
      const res = await app.get(path);
      expect(res.status, path).toBe(200);
      const { entries } = checkZip(new Uint8Array(await res.arrayBuffer()));
      expect(
        entries.find((e) => e.name === 'xl/worksheets/sheet1.xml'),
        path,
      ).toMatchObject({ method: 8, descriptor: true });
      expect(entries.length, path).toBe(7);
    }
  });
});
