import { describe, expect, it } from 'vitest';
import { ENTERPRISE_COLUMNS } from '../../schema/inputs/imports';
import { CsvSyntaxError, csvDocument, csvLine, decodeCsv, parseCsv, readTable } from '../../worker/lib/csv';

const cellsOf = (text: string) => parseCsv(text).map((r) => r.cells);
const linesOf = (text: string) => parseCsv(text).map((r) => r.line);

describe('parseCsv', () => {
  it('reads plain records with LF, CRLF and lone CR line ends', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      expect(parseCsv(`a,b${eol}1,2${eol}3,4`)).toEqual([
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['1', '2'] },
        { line: 3, cells: ['3', '4'] },
      ]);
    }
  });

  it('unquotes fields holding commas, doubled quotes and empty strings', () => {
    expect(cellsOf('"a,b","say ""hi""","",x\n')).toEqual([['a,b', 'say "hi"', '', 'x']]);
    expect(cellsOf('a,,\n')).toEqual([['a', '', '']]);
  });

  it('keeps line breaks inside quotes and numbers records by the line they start on', () => {
    const text = 'h1,h2\r\n"two\r\nlines",x\r\n"three\nmore\rlines",y\r\nlast,z\r\n';
    expect(cellsOf(text)).toEqual([
      ['h1', 'h2'],
      ['two\r\nlines', 'x'],
      ['three\nmore\rlines', 'y'],
      ['last', 'z'],
    ]);
    expect(linesOf(text)).toEqual([1, 2, 4, 7]);
  });

  it('ignores a trailing line break and blank lines, still counting them', () => {
    expect(parseCsv('a\n')).toEqual([{ line: 1, cells: ['a'] }]);
    expect(linesOf('a\r\n\r\n\nb\r\n\r\n')).toEqual([1, 4]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\r\n')).toEqual([]);
  });

  it('keeps a quote inside an unquoted field as it is', () => {
    expect(cellsOf('5" screen,x')).toEqual([['5" screen', 'x']]);
  });

  it('refuses an unclosed quote and text after a closing quote, with the line', () => {
    const unclosed = (() => {
      try {
        parseCsv('a\nb\n"open,\nstill open');
      } catch (err) {
        return err;
      }
    })();
    expect(unclosed).toBeInstanceOf(CsvSyntaxError);
    expect((unclosed as CsvSyntaxError).line).toBe(3);
    expect(() => parseCsv('a\n"x"y,z')).toThrow(expect.objectContaining({ line: 2 }));
  });
});

describe('decodeCsv', () => {
  const utf8 = new TextEncoder().encode('企业名称,name\r\n');

  it('reads UTF-8 with and without a BOM, dropping the BOM', () => {
    expect(decodeCsv(utf8)).toEqual({ ok: true, text: '企业名称,name\r\n', encoding: 'utf-8' });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(decodeCsv(withBom)).toEqual({ ok: true, text: '企业名称,name\r\n', encoding: 'utf-8' });
  });

  it('falls back to GBK, which workerd decodes (企业名称 written by Excel on Chinese Windows)', () => {
    const gbk = new Uint8Array([0xc6, 0xf3, 0xd2, 0xb5, 0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0x61, 0x0d, 0x0a]);
    expect(decodeCsv(gbk)).toEqual({ ok: true, text: '企业名称,a\r\n', encoding: 'gbk' });
  });

  it('refuses binary files and bytes that are neither UTF-8 nor GBK', () => {
    expect(decodeCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toEqual({ ok: false, reason: 'binary' });
    expect(decodeCsv(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toEqual({ ok: false, reason: 'binary' });
    expect(decodeCsv(new Uint8Array([0x61, 0xff, 0xff]))).toEqual({ ok: false, reason: 'encoding' });
  });
});

describe('readTable', () => {
  it('maps Chinese headers and English aliases in any order, ignoring blank header cells', () => {
    const table = readTable(parseCsv('统一社会信用代码,NAME,\n  X1 ,甲公司,\n'), ENTERPRISE_COLUMNS);
    expect(table).toEqual({
      keys: ['creditCode', 'name'],
      labels: { creditCode: '统一社会信用代码', name: 'NAME' },
      rows: [{ line: 2, values: { creditCode: '  X1 ', name: '甲公司' }, extraCells: false }],
    });
  });

  it('reports missing, unknown and repeated columns', () => {
    expect(readTable(parseCsv('企业名称,所属区域\n'), ENTERPRISE_COLUMNS)).toEqual({ kind: 'missing', columns: ['统一社会信用代码'] });
    expect(readTable(parseCsv('企业名称,credit_code,备注\n'), ENTERPRISE_COLUMNS)).toEqual({ kind: 'unknown', columns: ['备注'] });
    expect(readTable(parseCsv('name,credit_code,企业名称\n'), ENTERPRISE_COLUMNS)).toEqual({ kind: 'repeated', columns: ['企业名称'] });
    expect(readTable([], ENTERPRISE_COLUMNS)).toEqual({ kind: 'missing', columns: ['企业名称', '统一社会信用代码'] });
  });

  it('skips rows of empty cells and flags cells beyond the header', () => {
    const table = readTable(parseCsv('name,credit_code\n,,\na,b,c\n'), ENTERPRISE_COLUMNS);
    expect('rows' in table && table.rows).toEqual([{ line: 3, values: { name: 'a', creditCode: 'b' }, extraCells: true }]);
  });
});

describe('csv output', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines'])).toBe('a,"b,c","say ""hi""","two\nlines"');
    expect(csvLine(['=1+1', '+86', '-3', '@x', '0731-1'])).toBe("'=1+1,'+86,'-3,'@x,0731-1");
  });

  it('writes UTF-8 with BOM and CRLF, read back to the same cells', () => {
    const doc = csvDocument([
      ['企业名称', '联系电话'],
      ['甲, 乙', '0731'],
    ]);
    expect(doc).toBe('\uFEFF企业名称,联系电话\r\n"甲, 乙",0731\r\n');
    const decoded = decodeCsv(new TextEncoder().encode(doc));
    expect(decoded.ok && parseCsv(decoded.text).map((r) => r.cells)).toEqual([
      ['企业名称', '联系电话'],
      ['甲, 乙', '0731'],
    ]);
  });
});
