// Streaming CSV downloads (DESIGN §7). The cell rules — RFC 4180 quoting, and a leading ' on cells that
// start with = + - @ TAB or CR so spreadsheets do not run them as formulas — are csvLine's in csv.ts,
// shared with the import templates. What this adds is the stream: no CSV library on npm both runs on
// Workers and writes from a keyset-paginated source into a ReadableStream, and the missing part is
// these few lines, so rows go out page by page and memory stays flat whatever the row count.
import { csvLine } from './csv';
import { attachment } from './filename';

/** Excel needs the byte-order mark to read the file as UTF-8 instead of the system code page (GBK). */
export const BOM = '\uFEFF';
export const CRLF = '\r\n';

/** A page's rows as cells, or already written as CSV lines (each ending in CRLF) by a caller that builds them faster. */
export type Page<K> = { rows: string[][] | string; next: K | null };

/**
 * A CSV file as a byte stream: BOM and header, then one page of rows per pull. `fetchPage(after)`
 * returns the rows after a cursor and the cursor to continue from (null at the end). The first page is
 * read before the stream is returned, so a storage failure is still an HTTP error, not a cut-off file.
 */
export async function csvStream<K>(
  header: readonly string[],
  fetchPage: (after: K | null) => Promise<Page<K>>,
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const lines = (rows: Page<K>['rows']) => (typeof rows === 'string' ? rows : rows.map((r) => csvLine(r) + CRLF).join(''));
  let page: Page<K> = await fetchPage(null);
  // The next page is asked for as soon as one is handed to the stream, so D1 reads it while the client
  // takes this one: at most one page waits, and memory stays flat. Its failure waits for the pull that
  // needs it (then the stream errors, and the download stops short rather than ending as if complete).
  let ahead: Promise<Page<K>> | null = null;
  const readAhead = () => {
    ahead = page.next == null || !page.rows.length ? null : fetchPage(page.next);
    ahead?.catch(() => {});
  };
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (first) {
          first = false;
          controller.enqueue(encoder.encode(BOM + csvLine(header) + CRLF + lines(page.rows)));
        } else if (ahead) {
          page = await ahead;
          if (page.rows.length) controller.enqueue(encoder.encode(lines(page.rows)));
        }
        readAhead();
        if (!ahead) controller.close();
      },
    },
    // Pull only when the client has taken the previous chunk (backpressure).
    { highWaterMark: 0 },
  );
}

/** A small, already computed table (metric tables) as the same kind of stream. */
export const csvTable = (header: readonly string[], rows: string[][]) => csvStream<never>(header, async () => ({ rows, next: null }));

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
