// Streaming CSV downloads (DESIGN §7). The cell rules — RFC 4180 quoting, and a leading ' on cells that
// start with = + - @ TAB or CR so spreadsheets do not run them as formulas — are csvLine's in csv.ts,
// shared with the import templates. What this adds is the stream: no CSV library on npm both runs on
// Workers and writes from a keyset-paginated source into a ReadableStream, and the missing part is
// these few lines, so rows go out page by page and memory stays flat whatever the row count. The
// columns and pages come from the download's one definition (sheet.ts), which the .xlsx writer shares.
import { csvLine } from './csv';
import { attachment } from './filename';
import { type Cell, csvValue, type Page, pagedStream, type Sheet } from './sheet';

/** Excel needs the byte-order mark to read the file as UTF-8 instead of the system code page (GBK). */
export const BOM = '\uFEFF';
export const CRLF = '\r\n';

/** A CSV file as a byte stream: BOM and header, then one page of rows per pull. */
export function csvStream<K>(sheet: Sheet<K>): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const types = sheet.columns.map((c) => c.type);
  const line = (row: Cell[]) => csvLine(row.map((cell, i) => csvValue(types[i] ?? 'text', cell))) + CRLF;
  const lines = (rows: Page<K>['rows']) => (typeof rows === 'string' ? rows : rows.map(line).join(''));
  const header = BOM + csvLine(sheet.columns.map((c) => c.header)) + CRLF;
  return pagedStream(sheet, 'csv', (push) => {
    let first = true;
    return {
      page(p) {
        push(encoder.encode((first ? header : '') + lines(p.rows)));
        first = false;
      },
      end() {},
    };
  });
}

export function csvResponse(body: ReadableStream<Uint8Array>, filename: string, fallback: string): Response {
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachment(filename, fallback),
      // Exports carry personal data: never stored by a browser or proxy cache.
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
