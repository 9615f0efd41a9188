// Streaming CSV downloads (DESIGN §7). The cell rules — RFC 4180 quoting, and a leading ' on cells that
// start with = + - @ TAB or CR so spreadsheets do not run them as formulas — are csvLine's in csv.ts,
// shared with the import templates. What this adds is the stream: no CSV library on npm both runs on
// Workers and writes from a keyset-paginated source into a ReadableStream, and the missing part is
// these few lines, so rows go out page by page and memory stays flat whatever the row count.
import { csvLine } from './csv';
import { attachment } from './filename';

/** Excel needs the byte-order mark to read the file as UTF-8 instead of the system code page (GBK). */
export const BOM = '\uFEFF';
const CRLF = '\r\n';

export type Page<K> = { rows: string[][]; next: K | null };

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
  const lines = (rows: readonly (readonly string[])[]) => rows.map((r) => csvLine(r) + CRLF).join('');
  let page: Page<K> | null = await fetchPage(null);
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (first) {
          first = false;
          controller.enqueue(encoder.encode(BOM + lines([header, ...(page?.rows ?? [])])));
        } else if (page?.next != null) {
          page = await fetchPage(page.next);
          if (page.rows.length) controller.enqueue(encoder.encode(lines(page.rows)));
        }
        if (page?.next == null || page.rows.length === 0) controller.close();
      },
    },
    // Pull one page at a time, only when the client has taken the previous one (backpressure).
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
