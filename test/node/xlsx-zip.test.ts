// The .xlsx container as the writer builds it (xlsx-write.ts): fflate's streaming Zip, the data sheet
// deflated by the platform's CompressionStream with its CRC-32 and sizes given at the end (a data
// descriptor). Here in Node — the self-hosted server's runtime, where the CRC is computed by table — on a
// sheet of several pages, with a cell longer than one encoding chunk; every entry inflated and checked
// against zlib's CRC-32 (test/node/zip-check.ts), and the file opened by exceljs. The same check runs on
// the Worker's downloads under workerd (xlsx-exports.test.ts), where the CRC is workerd's DigestStream.
import { randomBytes } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { byTable, crc32 } from '../../worker/lib/crc32.ts';
import type { Cell, Column, Sheet } from '../../worker/lib/sheet.ts';
import { xlsxStream } from '../../worker/lib/xlsx-write.ts';
import { checkZip } from './zip-check.ts';

const bytesOf = async (stream: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(stream).arrayBuffer());

const columns: Column[] = [
  { header: '编号', type: 'code', about: '' },
  { header: '企业名称', type: 'text', about: '' },
  { header: '提交时间', type: 'datetime', about: '' },
  { header: '得分', type: 'decimal', about: '' },
  { header: '意见', type: 'longText', about: '' },
];
const LONG = '长'.repeat(100_000); // 300,000 bytes of UTF-8: more than one 256 KB chunk
const rowOf = (i: number): Cell[] => [
  `0000${String(i).padStart(6, '0')}`,
  `某某${i}号科技有限公司 & <伙伴>`,
  Date.UTC(2026, 2, 1, 5, 30) + i * 60_000,
  i + 0.5,
  i === 4321 ? LONG : i % 7 ? `意见 ${i} 😀` : null,
];

/** `pages` pages of `size` rows each, as a D1-backed sheet hands them out. */
const pagedSheet = (pages: number, size: number): Sheet<number> => ({
  columns,
  notes: ['口径'],
  page: async (after) => {
    const start = after ?? 0;
    const rows = Array.from({ length: pages * size - start < size ? Math.max(0, pages * size - start) : size }, (_, k) => rowOf(start + k));
    return { rows, next: start + size < pages * size ? start + size : null };
  },
});

describe('the CRC-32 of the data sheet', () => {
  it('is zlib’s CRC-32, fed whole or in pieces', async () => {
    const data = randomBytes(100_003);
    const whole = byTable();
    whole.update(data);
    expect(await whole.digest()).toBe(zlibCrc32(data));
    const pieces = crc32(); // Node has no crypto.DigestStream: the table
    for (let at = 0; at < data.length; at += 4096) await pieces.update(data.subarray(at, at + 4096));
    expect(await pieces.digest()).toBe(zlibCrc32(data));
    const check = byTable();
    check.update(new TextEncoder().encode('123456789'));
    expect(await check.digest()).toBe(0xcbf43926); // the CRC-32 check value
  });
});

describe('an .xlsx written in Node', () => {
  it('has every entry’s CRC-32 and sizes right, the data sheet streamed with a descriptor, and opens in exceljs', async () => {
    const bytes = await bytesOf(await xlsxStream(pagedSheet(3, 4000)));
    const { entries, files } = checkZip(bytes);
    expect(entries.map((e) => e.name)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet2.xml',
      'xl/worksheets/sheet1.xml',
      'xl/workbook.xml',
    ]);
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml');
    expect(sheet).toMatchObject({ method: 8, descriptor: true });
    expect(sheet?.size).toBeGreaterThan(2_000_000);
    expect(files.get('xl/worksheets/sheet1.xml')?.toString('utf8').match(/<row /g)?.length).toBe(12_001);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer);
    const data = book.worksheets[0];
    if (!data) throw new Error('no data sheet');
    expect(data.rowCount).toBe(12_001);
    // Row 2 is row 0: its 意见 is blank (left out); the instant in China time.
    expect(data.getRow(2).values).toEqual([undefined, '0000000000', '某某0号科技有限公司 & <伙伴>', new Date('2026-03-01T13:30:00Z'), 0.5]);
    expect(data.getCell('E4323').value).toBe(LONG);
    expect(data.getCell('A12001').value).toBe('0000011999');
    expect((data.getCell('C3').value as Date).toISOString()).toBe('2026-03-01T13:31:00.000Z');
    expect(data.autoFilter).toBe('A1:E12001');
  });

  it('writes a sheet without rows', async () => {
    const bytes = await bytesOf(await xlsxStream(pagedSheet(0, 100)));
    const { files } = checkZip(bytes);
    expect(files.get('xl/worksheets/sheet1.xml')?.toString('utf8')).toMatch(
      /<row r="1">.*<\/row><\/sheetData><autoFilter ref="A1:E1"\/><\/worksheet>$/,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer);
    expect(book.worksheets[0]?.rowCount).toBe(1);
  });

  it('is refused by the check when a CRC or a size is off (the check can fail)', async () => {
    const bytes = await bytesOf(await xlsxStream(pagedSheet(1, 50)));
    const end = bytes.length - 22;
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const directory = view.getUint32(end + 16, true);
    // The central directory's last entry is xl/workbook.xml; the one before it the data sheet.
    const entryAt = (n: number) => {
      let at = directory;
      for (let i = 0; i < n; i++) at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
      return at;
    };
    const sheetEntry = entryAt(5);
    for (const [field, message] of [
      [16, /data descriptor differs/],
      [24, /data descriptor differs/],
    ] as const) {
      const copy = bytes.slice();
      copy[sheetEntry + field] = (copy[sheetEntry + field] ?? 0) ^ 1;
      expect(() => checkZip(copy)).toThrow(message);
    }
    // Descriptor and directory changed alike: the CRC of the inflated bytes still gives it away.
    const { entries } = checkZip(bytes);
    const sheet = entries[5];
    if (!sheet) throw new Error('no data sheet');
    const copy = bytes.slice();
    const dv = new DataView(copy.buffer);
    const wrong = (sheet.crc ^ 1) >>> 0;
    dv.setUint32(sheetEntry + 16, wrong, true);
    let descriptor = -1;
    for (let i = directory - 16; i > 0; i--)
      if (dv.getUint32(i, true) === 0x08074b50 && dv.getUint32(i + 4, true) === sheet.crc) descriptor = i;
    expect(descriptor).toBeGreaterThan(0);
    dv.setUint32(descriptor + 4, wrong, true);
    expect(() => checkZip(copy)).toThrow(/CRC-32/);
  });
});
