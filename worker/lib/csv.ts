// CSV in and out (DESIGN §7). Hand-written rather than a library: imports must report the physical
// line each record starts on (a quoted cell may span lines), which neither papaparse nor d3-dsv
// exposes, and the whole RFC 4180 reader is ~40 lines against a bundle budget of 100 KB gzip.
import type { ColumnSpec } from '../../schema/inputs/imports';

export type CsvRecord = { line: number; cells: string[] };

/** A file that is not RFC 4180: an unclosed quote, or text after a closing quote (`"a"b`). */
export class CsvSyntaxError extends Error {
  // A plain field, not a constructor parameter property: Node's type stripping (the benchmark's data
  // generator imports this file through response-cells.ts) does not support those.
  readonly line: number;
  constructor(line: number) {
    super(`CSV syntax error on line ${line}`);
    this.line = line;
  }
}

const UNQUOTED_END = /[,\r\n]/g;
const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * RFC 4180 records with the 1-based line each starts on. CR, LF and CRLF all end a record; blank
 * lines (including a trailing line break) yield no record. The BOM is the decoder's business.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let line = 1;
  let start = 1;
  let i = 0;
  for (;;) {
    let cell: string;
    if (text[i] === '"') {
      [cell, i] = quotedCell(text, i, line);
      line += cell.match(LINE_BREAK)?.length ?? 0;
    } else {
      UNQUOTED_END.lastIndex = i;
      const end = UNQUOTED_END.exec(text)?.index ?? text.length;
      cell = text.slice(i, end);
      i = end;
    }
    cells.push(cell);
    const ch = text[i];
    if (ch === ',') {
      i++;
      continue;
    }
    if (ch !== undefined && ch !== '\r' && ch !== '\n') throw new CsvSyntaxError(line);
    if (cells.length > 1 || cells[0] !== '') records.push({ line: start, cells });
    if (ch === undefined) return records;
    i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
    start = line;
    cells = [];
    if (i >= text.length) return records;
  }
}

/** The cell opening at `i` (a quote) and the index just past its closing quote. */
function quotedCell(text: string, i: number, line: number): [string, number] {
  let value = '';
  let from = i + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) throw new CsvSyntaxError(line);
    value += text.slice(from, quote);
    if (text[quote + 1] !== '"') return [value, quote + 1];
    value += '"';
    from = quote + 2;
  }
}

export type Decoded = { ok: true; text: string; encoding: 'utf-8' | 'gbk' } | { ok: false; reason: 'binary' | 'encoding' };

/**
 * Bytes to text: UTF-8 (a BOM is dropped), else GBK — what Excel on a Chinese Windows writes for
 * "CSV (逗号分隔)". NUL bytes mean a workbook, UTF-16 or another binary file, never a CSV.
 */
export function decodeCsv(bytes: Uint8Array): Decoded {
  if (bytes.includes(0)) return { ok: false, reason: 'binary' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {}
  try {
    // The constructor itself throws a RangeError on a runtime built without the GBK tables.
    return { ok: true, text: new TextDecoder('gbk', { fatal: true }).decode(bytes), encoding: 'gbk' };
  } catch {
    return { ok: false, reason: 'encoding' };
  }
}

const NEEDS_QUOTES = /[",\r\n]/;
/**
 * One output cell. A cell starting with = + - @ TAB or CR gets a `'` so spreadsheets do not run it
 * (DESIGN §7); then RFC 4180 quoting. The first character by its code, not a regex: this runs for every
 * cell of a million-row export.
 */
export function csvCell(raw: string): string {
  if (raw === '') return raw;
  const c = raw.charCodeAt(0);
  const cell = c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${raw}` : raw;
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One output line of cells (csvCell). */
export const csvLine = (cells: readonly string[]): string => cells.map(csvCell).join(',');

/** A whole file as Excel opens it correctly: UTF-8 with BOM, CRLF line ends. */
export const csvDocument = (rows: readonly (readonly string[])[]) => `\uFEFF${rows.map(csvLine).join('\r\n')}\r\n`;

export type HeaderProblem = { kind: 'missing' | 'unknown' | 'repeated'; columns: string[] };
export type TableRow = { line: number; values: Record<string, string>; extraCells: boolean };
export type Table = { keys: string[]; labels: Record<string, string>; rows: TableRow[] };

/**
 * Matches the header row against the columns (Chinese header or English alias, any order) and turns
 * each record into `{ key: cell }` for the columns present. Blank header cells (Excel leaves them
 * after a trailing comma) are ignored; a non-blank cell outside the header is flagged on its row.
 */
export function readTable(records: CsvRecord[], columns: readonly ColumnSpec[]): Table | HeaderProblem {
  const [header, ...body] = records;
  const index = new Map<number, ColumnSpec>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  const labels: Record<string, string> = {};
  for (const [i, raw] of (header?.cells ?? []).entries()) {
    const name = raw.trim();
    if (name === '') continue;
    const spec = columns.find((col) => col.zh === name || col.en === name.toLowerCase());
    if (!spec) unknown.push(name);
    else if (labels[spec.key] !== undefined) repeated.push(name);
    else {
      index.set(i, spec);
      labels[spec.key] = name;
    }
  }
  const missing = columns.filter((col) => col.required && labels[col.key] === undefined).map((col) => col.zh);
  if (missing.length) return { kind: 'missing', columns: missing };
  if (unknown.length) return { kind: 'unknown', columns: unknown };
  if (repeated.length) return { kind: 'repeated', columns: repeated };
  const keys = [...index.values()].map((col) => col.key);
  // Rows of only commas are what Excel writes for rows that once held data: skip them like blank lines.
  const rows = body
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ''))
    .map(({ line, cells }) => {
      const values: Record<string, string> = {};
      for (const [i, spec] of index) values[spec.key] = cells[i] ?? '';
      const extraCells = cells.some((cell, i) => !index.has(i) && cell.trim() !== '');
      return { line, values, extraCells };
    });
  return { keys, labels, rows };
}
