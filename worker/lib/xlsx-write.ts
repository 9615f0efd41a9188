// Streaming .xlsx downloads (DESIGN §7, issue 21): the same sheets as the CSV files (sheet.ts), written
// as SpreadsheetML row by row into fflate's streaming Zip, which runs in workerd. The workbook libraries
// on npm build the whole workbook in memory (exceljs' streaming writer needs Node streams and a file
// system), and what a download needs of the format is small: one data sheet, one sheet of notes, and a
// fixed styles part. The data sheet — nearly all the bytes — is deflated by the platform's native
// CompressionStream (nativeDeflate below; workerd's and Node's zlib), the small fixed parts by fflate's
// ZipDeflate. Its rows are encoded row by row into 256 KB buffers (utf8Chunks) and the compressed bytes
// handed on in 64 KB pieces: for 100 k responses that took the download from 2.3 × the CSV's time to
// 1.1–1.4 ×, 3.8–4.0 s on the shared bench machine (bench/BENCHMARKS.md §6).
//
// Cells: text is written as inline strings (t="inlineStr"), so no shared-string table grows with the
// file and nothing is ever a formula — a value starting with = is text, with no ' in front. Credit
// codes, phone numbers and ids are text with the text format (@), so Excel never turns them into
// 1.38073E+10; dates and instants are serial numbers with a date format; numbers and rates are numbers.
// The data sheet has a frozen header row, an auto filter, and column widths from each column's header
// and type — the only thing known before the rows stream.
import { Zip, ZipDeflate, type ZipInputFile } from 'fflate';
import { translator } from '../../web/i18n';
import { crc32 } from './crc32';
import { attachment } from './filename';
import { type Cell, type Column, type ColumnType, pagedStream, type Sheet } from './sheet';
import { relationships, XML_DECLARATION, xmlText } from './xml';

const zh = translator('zh');
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = XML_DECLARATION;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The small parts' deflate level (fflate): level 1 already shrinks their markup several times, at a fraction of level 6's CPU. */
const LEVEL = { level: 1 } as const;

/** Indexes into styles.xml's cellXfs. */
const S = { date: 1, datetime: 2, rate: 3, decimal: 4, text: 5, header: 6, wrap: 7 } as const;
const STYLES = `${XML}<styleSheet xmlns="${MAIN}"><numFmts count="4"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/><numFmt numFmtId="166" formatCode="0.0%"/><numFmt numFmtId="167" formatCode="0.0"/></numFmts><fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>${[
  164, 165, 166, 167, 49,
]
  .map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`)
  .join(
    '',
  )}<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CONTENT_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${WORKSHEET}"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="${WORKSHEET}"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
const ROOT_RELS = relationships([['officeDocument', 'xl/workbook.xml']]);
const WORKBOOK_RELS = relationships([
  ['worksheet', 'worksheets/sheet1.xml'],
  ['worksheet', 'worksheets/sheet2.xml'],
  ['styles', 'styles.xml'],
]);

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Widths in characters of the default font, by kind of value; a wider header widens its column. */
const TYPE_WIDTH: Record<ColumnType, number> = {
  text: 16,
  longText: 40,
  code: 22,
  number: 10,
  decimal: 10,
  rate: 10,
  date: 12,
  datetime: 17,
};
/** Chinese characters take two columns of width; +3 leaves room for the filter button. */
const headerWidth = (header: string) => [...header].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 3);
export const columnWidth = (c: Column) => Math.min(60, Math.max(TYPE_WIDTH[c.type], headerWidth(c.header)));

// Excel's serial dates count days from 1899-12-30 in the 1900 date system (the day Excel's phantom
// 1900-02-29 makes up for; every date this app writes is long after it). Instants are written in
// China time, as the CSV files and the pages show them.
const DAY_MS = 86_400_000;
const EPOCH_DAYS = 25_569; // serial of 1970-01-01
const CHINA_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Excel trims a text's outer spaces (ASCII and ideographic) unless the text says xml:space="preserve". */
const trimmed = (value: string) => {
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return first <= 32 || last <= 32 || first === 0x3000 || last === 0x3000;
};

/** A text cell of the header row or the notes sheet. xml:space="preserve" only where Excel would otherwise trim the value. */
function textCell(ref: string, value: string, style: string): string {
  return `<c r="${ref}" t="inlineStr"${style}><is><t${trimmed(value) ? ' xml:space="preserve"' : ''}>${xmlText(value)}</t></is></c>`;
}

/** Writes one column's cell of a data row, given the row's number as text; '' for a cell left out. */
type CellWriter = (cell: Cell, row: string) => string;

/**
 * The cell writer of a column. The markup around the value is put together once per column rather than
 * per cell (≈ 1.5 M cells per 100 k rows of a 15-column sheet). Blank and null cells are left out;
 * Excel's limit of 32,767 characters a cell is above every text this app stores.
 */
function cellWriter(letter: string, type: ColumnType): CellWriter {
  const at = `<c r="${letter}`;
  const style = type === 'code' ? ` s="${S.text}"` : '';
  const plain = `" t="inlineStr"${style}><is><t>`;
  const kept = `" t="inlineStr"${style}><is><t xml:space="preserve">`;
  const text = (value: string, row: string) => `${at}${row}${trimmed(value) ? kept : plain}${xmlText(value)}</t></is></c>`;
  const number = (style: number | null) => {
    const open = style ? `" s="${style}"><v>` : '"><v>';
    return (value: number, row: string) => `${at}${row}${open}${value}</v></c>`;
  };
  const [instant, day] = [number(S.datetime), number(S.date)];
  const numbers: Partial<Record<ColumnType, (value: number, row: string) => string>> = {
    // 0 is "no instant" in every export, as in the CSV (format.ts chinaTime).
    datetime: (value, row) => (value ? instant((value + CHINA_MS) / DAY_MS + EPOCH_DAYS, row) : ''),
    rate: number(S.rate),
    decimal: number(S.decimal),
    number: number(null),
  };
  const numeric = numbers[type];
  return (cell, row) => {
    if (cell === null || cell === '') return '';
    if (typeof cell === 'number') {
      if (!Number.isFinite(cell)) return '';
      return numeric ? numeric(cell, row) : text(String(cell), row);
    }
    if (type === 'date') {
      const d = ISO_DATE.exec(cell);
      if (d) return day(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) / DAY_MS + EPOCH_DAYS, row);
    }
    return text(cell, row);
  };
}

const headerRow = (headers: readonly string[], letters: readonly string[]) =>
  `<row r="1">${headers.map((h, i) => textCell(`${letters[i]}1`, h, ` s="${S.header}"`)).join('')}</row>`;

const cols = (widths: readonly number[], styles: readonly (number | null)[] = []) =>
  `<cols>${widths
    .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"${styles[i] ? ` style="${styles[i]}"` : ''}/>`)
    .join('')}</cols>`;

const FROZEN_HEADER =
  '<sheetViews><sheetView workbookViewId="0" tabSelected="1"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>';

/** The data sheet up to its first row of data. Code columns carry the text format, so codes typed later stay text too. */
function dataHead(columns: readonly Column[], letters: readonly string[]) {
  const styles = columns.map((c) => (c.type === 'code' ? S.text : null));
  return `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${FROZEN_HEADER}<sheetFormatPr defaultRowHeight="15"/>${cols(
    columns.map(columnWidth),
    styles,
  )}<sheetData>${headerRow(
    columns.map((c) => c.header),
    letters,
  )}`;
}

const TYPE_LABEL: Record<ColumnType, Parameters<typeof zh>[0]> = {
  text: 'export.type.text',
  longText: 'export.type.text',
  code: 'export.type.code',
  number: 'export.type.number',
  decimal: 'export.type.number',
  rate: 'export.type.rate',
  date: 'export.type.date',
  datetime: 'export.type.datetime',
};

/** The "说明" sheet: the notes (scope and 口径), then each column with its meaning and kind of value. */
export function aboutSheet(columns: readonly Column[], notes: readonly string[]): string {
  const letters = ['A', 'B', 'C'];
  let row = 0;
  const line = (cells: string[], style = '') =>
    `<row r="${++row}">${cells.map((v, i) => (v ? textCell(`${letters[i]}${row}`, v, style) : '')).join('')}</row>`;
  const body = [
    ...notes.map((n) => line([n])),
    notes.length ? `<row r="${++row}"/>` : '',
    line([zh('export.about.column'), zh('export.about.meaning'), zh('export.about.type')], ` s="${S.header}"`),
    ...columns.map((c) => line([c.header, c.about, zh(TYPE_LABEL[c.type])], ` s="${S.wrap}"`)),
  ].join('');
  return `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetFormatPr defaultRowHeight="15"/>${cols([24, 60, 10])}<sheetData>${body}</sheetData></worksheet>`;
}

/** The workbook part, written last: the auto filter's defined name needs the last row. */
function workbook(range: string) {
  const [data, about] = [xmlText(zh('export.sheet.data')), xmlText(zh('export.sheet.about'))];
  return `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets><sheet name="${data}" sheetId="1" r:id="rId1"/><sheet name="${about}" sheetId="2" r:id="rId2"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${data}'!${range
    .split(':')
    .map((ref) => ref.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'))
    .join(':')}</definedName></definedNames></workbook>`;
}

/** Compressed bytes are handed to the response in pieces of at least this size. */
const OUT_CHUNK = 64 * 1024;

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
  if (chunks.length === 1) return chunks[0] as Uint8Array<ArrayBuffer>;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * A zip entry deflated by the platform's native CompressionStream('deflate-raw') — zlib, in workerd as in
 * Node — and handed to fflate's streaming Zip as a ZipInputFile: fflate's deflate in JavaScript took
 * ≈ 5 × zlib's time for the data sheet's bytes (bench/BENCHMARKS.md §6). What fflate 0.8's Zip reads of
 * it: `filename`, `compression`, `flag`, `mtime` (and `os`, `attrs`, `extra`, `comment`) when the file is
 * added, to write a local header whose CRC and sizes are left 0 with the data-descriptor bit set; every
 * chunk given to the `ondata` it installs is passed to the archive as it comes (this file is the only one
 * open, so nothing queues behind it), the compressed size counted there; on the chunk marked final it
 * reads `crc` and `size` for the data descriptor and the central directory.
 */
function nativeDeflate(zip: Zip, filename: string) {
  const file: ZipInputFile = { filename, compression: 8, crc: 0, size: 0 };
  zip.add(file);
  const emit = file.ondata as NonNullable<ZipInputFile['ondata']>;
  const deflate = new CompressionStream('deflate-raw');
  const input = deflate.writable.getWriter();
  const check = crc32();
  // The compressed bytes go into the archive as they come out, gathered into pieces of OUT_CHUNK: the
  // deflater hands out 4 KB at a time, and each piece costs the response a write. `drained` settles
  // after the last of them.
  const reader = deflate.readable.getReader();
  const drained = (async () => {
    let held: Uint8Array[] = [];
    let heldBytes = 0;
    const release = () => {
      if (heldBytes) emit(null, concat(held, heldBytes), false);
      held = [];
      heldBytes = 0;
    };
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      held.push(r.value);
      heldBytes += r.value.length;
      if (heldBytes >= OUT_CHUNK) release();
    }
    release();
  })();
  drained.catch(() => {});
  return {
    /** Resolves once the deflater has taken the bytes: the caller writes the next page only then. */
    async write(chunks: readonly Uint8Array<ArrayBuffer>[]) {
      const taken: (Promise<void> | void)[] = [];
      for (const bytes of chunks) {
        file.size += bytes.length;
        taken.push(input.write(bytes), check.update(bytes));
      }
      await Promise.all(taken);
    },
    /** Resolves after the entry's last compressed byte and its data descriptor are in the archive. */
    async close() {
      await input.close();
      await drained;
      file.crc = await check.digest();
      emit(null, new Uint8Array(0), true);
    },
    abort(reason: unknown) {
      input.abort(reason).catch(() => {});
      reader.cancel(reason).catch(() => {});
    },
  };
}

/** The bytes of a page are encoded into buffers of this size (each is one write to the deflater). */
const CHUNK = 256 * 1024;

/**
 * Text as UTF-8 in CHUNK-sized buffers, one piece (a row) at a time with encodeInto. Encoding each
 * row's short string costs ≈ a third of encoding the page as one concatenated string, which V8 must
 * first flatten (and the garbage of the flattening is collected later).
 */
function utf8Chunks(encoder: TextEncoder) {
  let buffer = new Uint8Array(CHUNK);
  let used = 0;
  let chunks: Uint8Array<ArrayBuffer>[] = [];
  const flush = () => {
    if (!used) return;
    chunks.push(buffer.subarray(0, used));
    buffer = new Uint8Array(CHUNK);
    used = 0;
  };
  return {
    add(text: string) {
      // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair: 4 for 2 units).
      if (text.length * 3 > CHUNK - used) {
        flush();
        if (text.length * 3 > CHUNK) return void chunks.push(encoder.encode(text));
      }
      used += encoder.encodeInto(text, buffer.subarray(used)).written;
    },
    /** The chunks so far; the next ones go into new buffers. */
    take() {
      flush();
      const taken = chunks;
      chunks = [];
      return taken;
    },
  };
}

/** A sheet as an .xlsx byte stream: the fixed parts and the notes first, then the data sheet page by page. */
export function xlsxStream<K>(sheet: Sheet<K>): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const { columns } = sheet;
  const letters = columns.map((_, i) => columnName(i));
  const writers = columns.map((c, i) => cellWriter(letters[i] as string, c.type));
  const blank: CellWriter = () => '';
  return pagedStream(sheet, 'xlsx', (push) => {
    const zip = new Zip((err, chunk) => {
      if (err) throw err;
      push(chunk);
    });
    const part = (name: string, xml: string) => {
      const file = new ZipDeflate(name, LEVEL);
      zip.add(file);
      file.push(encoder.encode(xml), true);
    };
    part('[Content_Types].xml', CONTENT_TYPES);
    part('_rels/.rels', ROOT_RELS);
    part('xl/_rels/workbook.xml.rels', WORKBOOK_RELS);
    part('xl/styles.xml', STYLES);
    part('xl/worksheets/sheet2.xml', aboutSheet(columns, sheet.notes));
    const data = nativeDeflate(zip, 'xl/worksheets/sheet1.xml');
    const bytes = utf8Chunks(encoder);
    bytes.add(dataHead(columns, letters));
    let row = 1;
    return {
      async page({ rows }) {
        if (typeof rows === 'string') throw new Error('an .xlsx page must be cells');
        for (const cells of rows) {
          const r = String(++row);
          let xml = `<row r="${r}">`;
          for (let i = 0; i < cells.length; i++) xml += (writers[i] ?? blank)(cells[i] ?? null, r);
          bytes.add(`${xml}</row>`);
        }
        await data.write(bytes.take());
      },
      async end() {
        const range = `A1:${letters.at(-1) ?? 'A'}${row}`;
        bytes.add(`</sheetData><autoFilter ref="${range}"/></worksheet>`);
        await data.write(bytes.take());
        await data.close();
        part('xl/workbook.xml', workbook(range));
        zip.end();
      },
      cancel: (reason) => data.abort(reason),
    };
  });
}

export function xlsxResponse(body: ReadableStream<Uint8Array>, filename: string, fallback: string): Response {
  return new Response(body, {
    headers: {
      'content-type': XLSX_TYPE,
      'content-disposition': attachment(filename, fallback),
      // Exports carry personal data: never stored by a browser or proxy cache.
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
