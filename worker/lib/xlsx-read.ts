// The first visible worksheet of an uploaded .xlsx as records of text cells, numbered by their Excel
// row, for the same import checks as a CSV file (issue 21). Written by hand over fflate rather than
// taken from a library: SheetJS is banned here (the npm `xlsx` 0.18 line has a known CVE and newer
// versions are not on the registry) and its republished forks are ≈ 130 KB gzip; exceljs needs Node
// streams; read-excel-file inflates with unzipSync (no bound while inflating) and parses with a DOM
// (xmldom), and none of them tells a formula without a cached value, a merged header or a credit code
// stored as a number — what the import must refuse. What the import needs is a small scan over five
// parts: workbook.xml (sheet order, hidden sheets, the 1904 flag), its rels (the sheet's part),
// sharedStrings.xml, styles.xml (which styles show dates) and the sheet itself.

import { attr, dateStyles, elements, numberText, richText, serialDate, sharedStrings } from './xlsx-values';
import { xmlValue } from './xml';
import { type Budget, entryText, type ZipEntry, ZipError, zipEntries } from './zip-read';

/** A row with any non-blank cell: its Excel row number, its cells as text, and which cells held numbers. */
export type SheetRecord = { line: number; cells: string[]; numbers: number[] };
/** A cell the import cannot take: a formula whose result was never saved, or an error value (#N/A …). */
export type CellProblem = { line: number; column: number; kind: 'formula' | 'error'; value: string };
export type SheetRead = { records: SheetRecord[]; problems: CellProblem[] };

export type SheetRefusal = 'noSheet' | 'mergedHeader';
export class SheetError extends Error {
  readonly problem: SheetRefusal;
  readonly detail: string;
  constructor(problem: SheetRefusal, detail = '') {
    super(`xlsx: ${problem}`);
    this.problem = problem;
    this.detail = detail;
  }
}

/** Everything a 5,000-row sheet can plausibly inflate to, with room: beyond it the upload is a zip bomb. */
export const MAX_UNZIPPED_BYTES = 40 * 1024 * 1024;

const resolvePart = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`).replace(/[^/]+\/\.\.\//g, '');

/** 'B12' → column 1; letters only. */
const columnIndex = (ref: string) => {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + c - 64;
  }
  return n - 1;
};
const rowOf = (ref: string) => Number(/\d+$/.exec(ref)?.[0] ?? Number.NaN);

export function readXlsx(bytes: Uint8Array, maxRecords: number): SheetRead {
  const entries = zipEntries(bytes);
  const budget: Budget = { left: MAX_UNZIPPED_BYTES };
  const part = (name: string): string | null => {
    const entry: ZipEntry | undefined = entries.get(name);
    return entry ? entryText(bytes, entry, budget) : null;
  };
  const workbook = part('xl/workbook.xml');
  if (workbook === null) throw new ZipError('damaged');
  const rels = new Map<string, string>();
  for (const m of (part('xl/_rels/workbook.xml.rels') ?? '').matchAll(elements('Relationship'))) {
    const a = m[1] ?? '';
    if (/\/worksheet$/.test(attr(a, 'Type') ?? '')) rels.set(attr(a, 'Id') ?? '', resolvePart(attr(a, 'Target') ?? ''));
  }
  // The first sheet, in the workbook's order, that is neither hidden nor very hidden and is a worksheet (not a chart).
  const sheetPart = [...workbook.matchAll(elements('sheet'))]
    .filter((m) => !/^(hidden|veryHidden)$/.test(attr(m[1] ?? '', 'state') ?? ''))
    .map((m) => rels.get(attr(m[1] ?? '', '[\\w.-]+:id') ?? ''))
    .find((p) => p !== undefined);
  const sheet = sheetPart ? part(sheetPart) : null;
  if (sheet === null) throw new SheetError('noSheet');
  const workbookPr = /<(?:[\w.-]+:)?workbookPr\b([^>]*)>/.exec(workbook)?.[1] ?? '';
  const date1904 = /^(1|true)$/.test(attr(workbookPr, 'date1904') ?? '');
  const strings = sharedStrings(part('xl/sharedStrings.xml') ?? '');
  const dates = dateStyles(part('xl/styles.xml') ?? '');
  return readSheet(sheet, { strings, dates, date1904 }, maxRecords);
}

type Lookups = { strings: string[]; dates: boolean[]; date1904: boolean };
const ROW = elements('row');
const CELL = elements('c');
const VALUE = elements('v');
const FORMULA = /<(?:[\w.-]+:)?f\b/;
const INLINE = elements('is');

function readSheet(xml: string, look: Lookups, maxRecords: number): SheetRead {
  const records: SheetRecord[] = [];
  const problems: CellProblem[] = [];
  let line = 0;
  for (const row of xml.matchAll(ROW)) {
    line = Number(attr(row[1] ?? '', 'r') ?? line + 1);
    const cells: string[] = [];
    const numbers: number[] = [];
    let column = -1;
    for (const c of (row[2] ?? '').matchAll(CELL)) {
      const a = c[1] ?? '';
      const body = c[2] ?? '';
      const ref = attr(a, 'r');
      column = ref ? columnIndex(ref) : column + 1;
      const type = attr(a, 't') ?? 'n';
      const raw = [...body.matchAll(VALUE)][0]?.[2];
      const formula = FORMULA.test(body);
      let text = '';
      if (type === 'inlineStr') text = richText([...body.matchAll(INLINE)][0]?.[2] ?? '');
      else if (raw === undefined) {
        if (formula) problems.push({ line, column, kind: 'formula', value: '' });
      } else if (type === 's') text = look.strings[Number(raw)] ?? '';
      else if (type === 'str') text = xmlValue(raw);
      else if (type === 'b') text = raw.trim() === '1' ? 'TRUE' : 'FALSE';
      else if (type === 'e') problems.push({ line, column, kind: 'error', value: raw.trim() });
      else if (type === 'd')
        text = raw
          .trim()
          .replace(/T00:00(:00(\.0+)?)?Z?$/, '')
          .replace('T', ' ')
          .slice(0, 16);
      else if (look.dates[Number(attr(a, 's') ?? 0)] && Number(raw) >= 0) text = serialDate(Number(raw), look.date1904);
      else {
        text = numberText(raw);
        numbers.push(column);
      }
      cells[column] = text;
    }
    if (cells.some((v) => v !== undefined && v.trim() !== '')) {
      records.push({ line, cells: Array.from(cells, (v) => v ?? ''), numbers });
      if (records.length > maxRecords) break;
    }
  }
  const header = records[0];
  if (header) {
    for (const m of xml.matchAll(elements('mergeCell'))) {
      const ref = attr(m[1] ?? '', 'ref') ?? '';
      const [from, to = from] = ref.split(':');
      if (rowOf(from ?? '') <= header.line && header.line <= rowOf(to ?? '')) throw new SheetError('mergedHeader', ref);
    }
  }
  return { records, problems };
}
