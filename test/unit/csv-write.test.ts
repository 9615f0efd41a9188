// The streamed CSV is read back with the RFC 4180 parser of the imports (worker/lib/csv.ts) and must
// give every value back exactly — quotes, line breaks, commas, Chinese, emoji — with formula-looking
// cells neutralised by a leading ' and credit codes and phone numbers untouched.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../worker/lib/csv';
import { BOM, csvStream } from '../../worker/lib/csv-write';
import { attachment as contentDisposition } from '../../worker/lib/filename';
import { type Page, sheetOf } from '../../worker/lib/sheet';

/** Text columns headed `header`, their rows from `page`. */
const textSheet = <K>(header: string[], page: (after: K | null) => Promise<Page<K>>) => ({
  columns: header.map((h) => ({ header: h, type: 'text' as const, about: '' })),
  notes: [],
  page,
});
const csvTable = (header: string[], rows: string[][]) =>
  csvStream(sheetOf(textSheet(header, async () => ({ rows, next: null })).columns, [], rows));

const bytesOf = async (stream: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(stream).arrayBuffer());
/** ignoreBOM: keep the BOM in the text (a TextDecoder drops it by default). */
const decode = (b?: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);
const textOf = async (stream: ReadableStream<Uint8Array>) => decode(await bytesOf(stream));
/** What a spreadsheet reads: the BOM stripped, then RFC 4180 records. */
const cellsOf = (text: string) => parseCsv(text.slice(1)).map((r) => r.cells);

const TRICKY = [
  'plain',
  '含"引号"的文字',
  'line one\nline two',
  'crlf\r\ninside',
  'a, b, c',
  '湖南省长沙市岳麓区',
  '满意 👍🏽 ✅',
  '',
  ' leading and trailing spaces ',
  '"',
  '""',
  ',',
];
const FORMULAS = ['=SUM(A1:A9)', '+86 138', '-1', '@cmd', '\tTAB', '\rCR', '=HYPERLINK("http://x","点我")'];

describe('csvStream', () => {
  it('starts with the UTF-8 BOM bytes and ends every record with CRLF', async () => {
    const bytes = await bytesOf(await csvTable(['名称', '代码'], [['甲', '1']]));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = decode(bytes);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.slice(1)).toBe('名称,代码\r\n甲,1\r\n');
  });

  it('gives every tricky value back exactly', async () => {
    const rows = TRICKY.map((v, i) => [String(i), v]);
    const cells = cellsOf(await textOf(await csvTable(['#', '值'], rows)));
    expect(cells[0]).toEqual(['#', '值']);
    // parseCsv drops blank records, so the empty value sits in a row with a second cell.
    expect(cells.slice(1)).toEqual(rows);
  });

  it("neutralises formulas with a leading ' and keeps the rest of the text", async () => {
    const cells = cellsOf(
      await textOf(
        await csvTable(
          ['v'],
          FORMULAS.map((f) => [f]),
        ),
      ),
    );
    expect(cells.slice(1).map((c) => c[0])).toEqual(FORMULAS.map((f) => `'${f}`));
  });

  it('leaves credit codes and phone numbers as they are (no quote mark, no formula)', async () => {
    const values = ['91430100MA4L0XXX7Q', '914301007072134567', '13812345678', '0731-88881234', '0731 8888 1234'];
    const text = await textOf(
      await csvTable(
        ['v'],
        values.map((v) => [v]),
      ),
    );
    expect(
      cellsOf(text)
        .slice(1)
        .map((c) => c[0]),
    ).toEqual(values);
    expect(text).not.toContain("'9");
    expect(text).not.toContain('="');
  });

  it('streams page after page, reading at most one page ahead of the reader', async () => {
    const calls: (number | null)[] = [];
    const fetchPage = async (after: number | null): Promise<Page<number>> => {
      calls.push(after);
      const start = after ?? 0;
      const rows = Array.from({ length: Math.min(3, 8 - start) }, (_, i) => [String(start + i), `行${start + i}`]);
      return { rows, next: start + rows.length < 8 ? start + rows.length : null };
    };
    const stream = await csvStream(textSheet(['n', 'name'], fetchPage));
    expect(calls).toEqual([null]); // the first page is read before the response starts
    const reader = stream.getReader();
    const first = await reader.read();
    expect(decode(first.value)).toBe(`${BOM}n,name\r\n0,行0\r\n1,行1\r\n2,行2\r\n`);
    expect(calls).toEqual([null, 3]); // the next page is being read: memory holds two pages at most
    const second = await reader.read();
    expect(decode(second.value)).toBe('3,行3\r\n4,行4\r\n5,行5\r\n');
    expect(calls).toEqual([null, 3, 6]);
    const rest: string[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest.push(decode(r.value));
    expect(calls).toEqual([null, 3, 6]);
    expect(rest.join('')).toBe('6,行6\r\n7,行7\r\n');
  });

  it('errors the stream, not ends it, when a later page cannot be read', async () => {
    const stream = await csvStream(
      textSheet<number>(['n'], async (after) => (after === null ? { rows: [['1']], next: 1 } : Promise.reject(new Error('D1_ERROR')))),
    );
    const reader = stream.getReader();
    expect(decode((await reader.read()).value)).toBe(`${BOM}n\r\n1\r\n`);
    await expect(reader.read()).rejects.toThrow('D1_ERROR');
  });

  it('writes the header alone when there are no rows', async () => {
    expect(await textOf(await csvStream(textSheet(['问题编号'], async () => ({ rows: [], next: null }))))).toBe(`${BOM}问题编号\r\n`);
  });

  it('fails before the response when the first page cannot be read', async () => {
    await expect(csvStream(textSheet(['x'], async () => Promise.reject(new Error('D1_ERROR'))))).rejects.toThrow('D1_ERROR');
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name per RFC 5987', () => {
    const h = contentDisposition('问题台账_2026年百人帮百企行动_2026-01-01.csv', 'problems.csv');
    expect(h).toBe(
      `attachment; filename="problems.csv"; filename*=UTF-8''${encodeURIComponent('问题台账_2026年百人帮百企行动_2026-01-01.csv')}`,
    );
  });

  it('escapes what RFC 5987 does not allow raw, and saves no path, quote, control or bidi character', () => {
    expect(contentDisposition("a'b(c).csv", 'x.csv')).toContain("filename*=UTF-8''a%27b%28c%29.csv");
    const h = contentDisposition('../答卷"明细"/\u202Evsc.exe\r\n.csv', 'we"ird\\名.csv');
    expect(decodeURIComponent(h.split("UTF-8''")[1] ?? '')).toBe('_答卷_明细___vsc.exe__.csv');
    expect(h).toContain('filename="we_ird__.csv"');
    expect(h).not.toMatch(/[\r\n]/);
  });
});
