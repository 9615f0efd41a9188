// The .xlsx writer and reader (issue 21) inside workerd: what the writer puts down the reader gives back
// cell for cell; the reader's Excel quirks — serial dates in both date systems and the 1900 leap-year
// bug, shared and inline strings, cached formula values, hidden sheets, merged headers — on workbooks
// laid out by hand; the refusals (zip bomb, CFB files) by their bytes. Real Excel files made by a real
// writer (exceljs) are read in the Node tests (test/node/).
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { byTable, crc32 } from '../../worker/lib/crc32';
import { officeKind } from '../../worker/lib/office-file';
import { type Cell, type ColumnType, sheetOf } from '../../worker/lib/sheet';
import { readXlsx, SheetError } from '../../worker/lib/xlsx-read';
import { isDateFormat, numberText, serialDate } from '../../worker/lib/xlsx-values';
import { columnName, xlsxStream } from '../../worker/lib/xlsx-write';
import { xmlText, xmlValue } from '../../worker/lib/xml';
import { ZipError } from '../../worker/lib/zip-read';
import { encryptedWorkbook, xlsWorkbook, zipBomb } from '../fixtures/office-files';
import { TRICKY } from '../fixtures/tricky';

const text = (s: string) => new TextEncoder().encode(s);
const bytesOf = async (stream: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(stream).arrayBuffer());
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook laid out by hand: sheets as [name, state, sheet XML], plus optional shared strings, styles and workbookPr. */
function workbook(sheets: [string, string, string][], parts: { strings?: string; styles?: string; pr?: string } = {}) {
  const files: Record<string, Uint8Array> = {
    'xl/workbook.xml': text(
      `<workbook xmlns:r="${REL}">${parts.pr ?? ''}<sheets>${sheets
        .map(([name, state], i) => `<sheet name="${name}" sheetId="${i + 1}" ${state ? `state="${state}"` : ''} r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': text(
      `<Relationships>${sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="/xl/worksheets/s${i}.xml"/>`)
        .join('')}</Relationships>`,
    ),
  };
  sheets.forEach(([, , xml], i) => {
    files[`xl/worksheets/s${i}.xml`] = text(`<worksheet><sheetData>${xml}</sheetData></worksheet>`);
  });
  if (parts.strings) files['xl/sharedStrings.xml'] = text(`<sst>${parts.strings}</sst>`);
  if (parts.styles) files['xl/styles.xml'] = text(`<styleSheet>${parts.styles}</styleSheet>`);
  return zipSync(files);
}

describe('serial dates', () => {
  it('reads the 1900 system with its phantom leap day, and the 1904 system', () => {
    expect(serialDate(1, false)).toBe('1900-01-01');
    expect(serialDate(59, false)).toBe('1900-02-28');
    expect(serialDate(60, false)).toBe('1900-02-29'); // the day Lotus 1-2-3 invented; refused by every date field
    expect(serialDate(61, false)).toBe('1900-03-01');
    expect(serialDate(46082, false)).toBe('2026-03-01');
    expect(serialDate(46082.5625, false)).toBe('2026-03-01 13:30');
    expect(serialDate(46082.99999, false)).toBe('2026-03-02'); // rounded to the minute
    expect(serialDate(0, true)).toBe('1904-01-01');
    expect(serialDate(46082 - 1462, true)).toBe('2026-03-01');
  });

  it('tells date formats from number formats', () => {
    for (const f of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', '[$-F800]dddd, mmmm dd, yyyy', 'h:mm AM/PM', '[h]:mm:ss', 'm/d/yy'])
      expect(isDateFormat(f), f).toBe(true);
    for (const f of ['General', '0.00', '#,##0.00_);[Red](#,##0.00)', '0.00E+00', '"数量"0', '@', '0%'])
      expect(isDateFormat(f), f).toBe(false);
  });

  it('writes numbers as Excel shows them', () => {
    expect(numberText('13800138000')).toBe('13800138000');
    expect(numberText('0.30000000000000004')).toBe('0.3');
    expect(numberText('914301000000000001')).toBe('914301000000000000');
  });
});

describe('XML text', () => {
  it('escapes what XML and ST_Xstring need and drops what XML 1.0 forbids', () => {
    expect(xmlText('a&b<c>"d"\re')).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&#13;e');
    expect(xmlText('_x0041_')).toBe('_x005F_x0041_');
    expect(xmlText('a\u0000b\u0008c\u000bd\ufffee\ud800f')).toBe('abcdef');
    for (const v of TRICKY) expect(xmlValue(xmlText(v)), v).toBe(v);
  });
});

describe('.xlsx written and read back', () => {
  it('gives every value back cell for cell, with codes as text and dates as dates', async () => {
    const types: ColumnType[] = ['text', 'code', 'code', 'date', 'datetime', 'rate', 'number', 'decimal'];
    const columns = types.map((type, i) => ({ header: `列${i} ${type}`, type, about: type }));
    const rows: Cell[][] = TRICKY.map((v, i) => [
      v,
      `00000000000000${String(i).padStart(4, '0')}`,
      '13800138000',
      '2026-03-01',
      Date.parse('2026-03-01T05:30:00Z'),
      0.875,
      i,
      i + 0.5,
    ]);
    rows.push(['样本不足', '', null, '', 0, '—', '样本不足', null]);
    const bytes = await bytesOf(await xlsxStream(sheetOf(columns, ['口径'], rows)));
    const { records, problems } = readXlsx(bytes, 100);
    expect(problems).toEqual([]);
    expect(records[0]?.cells).toEqual(columns.map((c) => c.header));
    const body = records.slice(1);
    expect(body.map((r) => r.cells[0])).toEqual([...TRICKY, '样本不足']);
    expect(body[3]?.cells.slice(1)).toEqual(['000000000000000003', '13800138000', '2026-03-01', '2026-03-01 13:30', '0.875', '3', '3.5']);
    // Codes are text cells, never numbers; the rate, counts and scores are numbers.
    expect(body[3]?.numbers).toEqual([5, 6, 7]);
    expect(body.at(-1)?.cells).toEqual(['样本不足', '', '', '', '', '—', '样本不足']);
    expect(body.map((r) => r.line)).toEqual(body.map((_, i) => i + 2));
  });

  it('computes the data sheet’s CRC-32 with workerd’s DigestStream, equal to the table’s', async () => {
    expect(typeof (crypto as unknown as { DigestStream?: unknown }).DigestStream).toBe('function');
    const check = crc32();
    await check.update(text('123456789'));
    expect(await check.digest()).toBe(0xcbf43926); // the CRC-32 check value
    const data = crypto.getRandomValues(new Uint8Array(65_536));
    const [native, table] = [crc32(), byTable()];
    for (let at = 0; at < data.length; at += 5000) {
      await native.update(data.subarray(at, at + 5000));
      table.update(data.subarray(at, at + 5000));
    }
    expect(await native.digest()).toBe(await table.digest());
  });

  it('names columns past Z as Excel does', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('the reader', () => {
  it('reads shared and inline strings, rich text without phonetics, booleans and cached formula values', () => {
    const strings =
      '<si><t>共享</t></si><si><r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve">文本 </t></r><rPh><t>フリ</t></rPh></si>';
    const sheet =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>内联</t></is></c><c r="C1" t="s"><v>1</v></c></row>' +
      '<row r="3"><c r="A3" t="b"><v>1</v></c><c r="C3" t="str"><f>A1&amp;"x"</f><v>共享x &amp; _x000D_</v></c><c r="D3"><f>1+1</f><v>2</v></c></row>';
    const { records, problems } = readXlsx(workbook([['名单', '', sheet]], { strings }), 10);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, cells: ['共享', '内联', '富文本 '], numbers: [] },
      { line: 3, cells: ['TRUE', '', '共享x & \r', '2'], numbers: [3] },
    ]);
  });

  it('reads the first visible sheet, skipping hidden and very hidden ones', () => {
    const sheet = (v: string) => `<row r="1"><c r="A1" t="inlineStr"><is><t>${v}</t></is></c></row>`;
    const book = workbook([
      ['甲', 'hidden', sheet('隐藏')],
      ['乙', 'veryHidden', sheet('深度隐藏')],
      ['丙', '', sheet('可见')],
    ]);
    expect(readXlsx(book, 10).records[0]?.cells).toEqual(['可见']);
    expect(() => readXlsx(workbook([['甲', 'hidden', sheet('隐藏')]]), 10)).toThrow(SheetError);
  });

  it('reads date-formatted serials as dates, in the 1904 system when the workbook says so', () => {
    const styles =
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>' +
      '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs>';
    const sheet = '<row r="1"><c r="A1" s="1"><v>46082</v></c><c r="B1" s="2"><v>46082.5625</v></c><c r="C1" s="3"><v>46082</v></c></row>';
    expect(readXlsx(workbook([['a', '', sheet]], { styles }), 10).records[0]?.cells).toEqual(['2026-03-01', '2026-03-01 13:30', '46082']);
    const mac = readXlsx(workbook([['a', '', sheet]], { styles, pr: '<workbookPr date1904="1"/>' }), 10);
    expect(mac.records[0]?.cells.slice(0, 2)).toEqual(['2030-03-02', '2030-03-02 13:30']);
  });

  it('reports formulas without a cached value and error values by row and column', () => {
    const sheet =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>表头</t></is></c></row><row r="2"><c r="A2"><f>SUM(B1:B9)</f></c><c r="C2" t="e"><v>#N/A</v></c></row>';
    expect(readXlsx(workbook([['a', '', sheet]]), 10).problems).toEqual([
      { line: 2, column: 0, kind: 'formula', value: '' },
      { line: 2, column: 2, kind: 'error', value: '#N/A' },
    ]);
  });

  it('refuses merged cells in the header row, not below it', () => {
    const rows =
      '<row r="2"><c r="A2" t="inlineStr"><is><t>标题</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c></row>';
    const merged = (ref: string) =>
      zipSync({
        ...unzipSync(workbook([['a', '', rows]])), // the test's own small archive
        'xl/worksheets/s0.xml': text(
          `<worksheet><sheetData>${rows}</sheetData><mergeCells><mergeCell ref="${ref}"/></mergeCells></worksheet>`,
        ),
      });
    expect(() => readXlsx(merged('A1:C2'), 10)).toThrow(expect.objectContaining({ problem: 'mergedHeader', detail: 'A1:C2' }));
    expect(readXlsx(merged('A3:B3'), 10).records).toHaveLength(2);
  });

  it('stops a zip bomb while inflating', { timeout: 30_000 }, () => {
    const bomb = zipBomb(48);
    expect(bomb.length).toBeLessThan(200_000);
    expect(() => readXlsx(bomb, 10)).toThrow(expect.objectContaining({ problem: 'tooLarge' }));
  });

  it('refuses what is not a workbook', () => {
    expect(() => readXlsx(text('not a zip'), 10)).toThrow(ZipError);
    expect(() => readXlsx(zipSync({ 'a.txt': text('x') }), 10)).toThrow(expect.objectContaining({ problem: 'damaged' }));
  });
});

describe('file kinds by their bytes', () => {
  it('tells an .xlsx, a password-protected workbook, an .xls and anything else apart', () => {
    expect(officeKind(workbook([['a', '', '']]))).toBe('zip');
    expect(officeKind(encryptedWorkbook())).toBe('encrypted');
    expect(officeKind(xlsWorkbook())).toBe('xls');
    expect(officeKind(text('企业名称,统一社会信用代码'))).toBe('other');
  });
});
