// An import file as a table of rows (issue 21): an .xlsx workbook's first visible sheet or a CSV file,
// told apart by their bytes, both becoming records numbered by the line (CSV) or row (Excel) a person
// sees, so that every later check — header, rows, the plan against the database — is the same. What
// the preview's confirm form carries back is the CSV text, or a sheet's rows as JSON; the commit reads
// it again through the same checks.
import type { ColumnSpec } from '../../schema/inputs/imports';
import { sheetRows } from '../../schema/inputs/imports';
import type { Translate } from '../../web/i18n';
import { type CsvRecord, CsvSyntaxError, decodeCsv, parseCsv, readTable, type Table } from '../lib/csv';
import { officeKind } from '../lib/office-file';
import { MAX_UNZIPPED_BYTES, readXlsx, SheetError, type SheetRecord } from '../lib/xlsx-read';
import { ZipError } from '../lib/zip-read';
import type { Issue } from './import.queries';

export type Carry = { name: 'csv' | 'sheet'; value: string };
export type Loaded = { ok: true; table: Table; carry: Carry } | { ok: false; problem: string } | { ok: false; issues: Issue[] };

const HEADER_PROBLEMS = {
  missing: 'import.err.headerMissing',
  unknown: 'import.err.headerUnknown',
  repeated: 'import.err.headerRepeated',
} as const;

const ZIP_PROBLEMS = {
  notZip: 'import.err.notZip',
  damaged: 'import.err.damaged',
  encrypted: 'import.err.encrypted',
  tooLarge: 'import.err.tooLarge',
} as const;

/** Records to a table, with the messages of a bad header or an empty file. */
function tableOf(records: CsvRecord[], columns: readonly ColumnSpec[], t: Translate): { table: Table } | { problem: string } {
  if (records.length === 0) return { problem: t('import.err.empty') };
  const table = readTable(records, columns);
  if ('kind' in table) return { problem: t(HEADER_PROBLEMS[table.kind], { columns: table.columns.join('、') }) };
  if (table.rows.length === 0) return { problem: t('import.err.noRows') };
  return { table };
}

export function fromCsvText(text: string, columns: readonly ColumnSpec[], t: Translate): Loaded {
  try {
    // A BOM is gone after decoding, but text posted to the commit route may still carry one.
    const loaded = tableOf(parseCsv(text.replace(/^\uFEFF/, '')), columns, t);
    return 'problem' in loaded ? { ok: false, ...loaded } : { ok: true, table: loaded.table, carry: { name: 'csv', value: text } };
  } catch (err) {
    if (err instanceof CsvSyntaxError) return { ok: false, problem: t('import.err.syntax', { line: err.line }) };
    throw err;
  }
}

/** The rows of a sheet as the confirm form sent them back. */
export function fromSheetJson(json: string, columns: readonly ColumnSpec[], t: Translate): Loaded {
  let rows: [number, string[]][];
  try {
    rows = sheetRows.parse(JSON.parse(json));
  } catch {
    return { ok: false, problem: t('import.err.damaged') };
  }
  return fromRecords(
    rows.map(([line, cells]) => ({ line, cells, numbers: [] })),
    columns,
    t,
  );
}

/** A sheet's records: the cells a spreadsheet stored as numbers are refused in text columns (credit codes). */
function fromRecords(records: SheetRecord[], columns: readonly ColumnSpec[], t: Translate, cellIssues: Issue[] = []): Loaded {
  const loaded = tableOf(records, columns, t);
  if ('problem' in loaded) return { ok: false, ...loaded };
  const header = records[0]?.cells ?? [];
  const label = (i: number) => header[i]?.trim() ?? '';
  const textColumns = new Set(
    header.flatMap((h, i) => (columns.some((c) => c.text && (c.zh === h.trim() || c.en === h.trim().toLowerCase())) ? [i] : [])),
  );
  const issues = [...cellIssues];
  for (const r of records.slice(1)) {
    for (const i of r.numbers)
      if (textColumns.has(i)) issues.push({ line: r.line, column: label(i), message: t('import.err.codeAsNumber') });
  }
  if (issues.length) return { ok: false, issues: issues.sort((a, b) => a.line - b.line) };
  const json = JSON.stringify(records.map((r) => [r.line, r.cells]));
  return { ok: true, table: loaded.table, carry: { name: 'sheet', value: json } };
}

/** An uploaded file, by its bytes: a workbook, an old or protected workbook (refused), or CSV. */
export function fromUpload(bytes: Uint8Array, fileName: string, columns: readonly ColumnSpec[], maxRows: number, t: Translate): Loaded {
  const kind = officeKind(bytes);
  if (kind === 'encrypted') return { ok: false, problem: t('import.err.encrypted') };
  if (kind === 'xls') return { ok: false, problem: t('import.err.xls') };
  if (kind === 'zip') return fromWorkbook(bytes, columns, maxRows, t);
  if (/\.xls[xmb]?$/i.test(fileName)) return { ok: false, problem: t('import.err.notZip') };
  // Other spreadsheets and documents are the usual wrong file; browsers label .csv inconsistently, so the name decides.
  if (/\.[A-Za-z0-9]+$/.test(fileName) && !/\.(csv|txt)$/i.test(fileName)) return { ok: false, problem: t('import.err.notCsv') };
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return { ok: false, problem: t(decoded.reason === 'binary' ? 'import.err.notCsv' : 'import.err.encoding') };
  return fromCsvText(decoded.text, columns, t);
}

function fromWorkbook(bytes: Uint8Array, columns: readonly ColumnSpec[], maxRows: number, t: Translate): Loaded {
  try {
    // The header and one row beyond the limit, so that the row check names the first row too many.
    const { records, problems } = readXlsx(bytes, maxRows + 1);
    const header = records[0]?.cells ?? [];
    const cellIssues = problems.map(
      (p): Issue => ({
        line: p.line,
        column: header[p.column]?.trim() ?? '',
        message: p.kind === 'formula' ? t('import.err.formula') : t('import.err.errorValue', { value: p.value }),
      }),
    );
    return fromRecords(records, columns, t, cellIssues);
  } catch (err) {
    if (err instanceof ZipError) return { ok: false, problem: t(ZIP_PROBLEMS[err.problem], { mb: MAX_UNZIPPED_BYTES / 1024 / 1024 }) };
    if (err instanceof SheetError) {
      return {
        ok: false,
        problem: err.problem === 'noSheet' ? t('import.err.noSheet') : t('import.err.mergedHeader', { range: err.detail }),
      };
    }
    throw err;
  }
}
