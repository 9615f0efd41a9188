// One definition per download (DESIGN §7): its columns — header, kind of value, what the column means —
// the notes that say which 口径 its figures use, and its rows page by page. The CSV writer
// (csv-write.ts) and the .xlsx writer (xlsx-write.ts) both write from it, so a column is listed once.
import { chinaDateTime } from '../../schema/rules/china-time';
import { one, pct } from '../../schema/rules/figures';

/**
 * What a column holds, which decides how each writer puts it down:
 * - text, longText: text (longText gets a wider column);
 * - code: text that looks like a number but is not one — credit codes, phone numbers, ids — so
 *   a spreadsheet must never turn it into a number (1.38073E+10, lost trailing digits);
 * - number: a count or a measured value; decimal: one place (scores, days); rate: a fraction, written
 *   as a percentage with one place;
 * - date: 'YYYY-MM-DD' text; datetime: an instant in ms, written in China time.
 * A string in a number, rate, date or datetime column ('样本不足', '—') is written as text.
 */
export type ColumnType = 'text' | 'longText' | 'code' | 'number' | 'decimal' | 'rate' | 'date' | 'datetime';
export type Column = { header: string; type: ColumnType; about: string };
export type Cell = string | number | null;

/** A page of rows and the cursor to continue from (null at the end). CSV pages may come already written. */
export type Page<K> = { rows: Cell[][] | string; next: K | null };
export type Format = 'csv' | 'xlsx';

export type Sheet<K> = {
  columns: readonly Column[];
  /** Lines for the .xlsx "说明" sheet: the scope of the file and the 口径 of its figures. */
  notes: readonly string[];
  /**
   * The rows after a cursor. A source may answer a CSV page as text (CRLF-ended lines), when it holds
   * its cells already written (responses.csv_cells); an .xlsx page is always cells.
   */
  page(after: K | null, format: Format): Promise<Page<K>>;
};

/** A small, already computed table (metric tables, a round's links) as a sheet of one page. */
export const sheetOf = (columns: readonly Column[], notes: readonly string[], rows: Cell[][]): Sheet<never> => ({
  columns,
  notes,
  page: async () => ({ rows, next: null }),
});

/** A cell as CSV text (before quoting): numbers formatted by their column as the pages show them. */
export function csvValue(type: ColumnType, cell: Cell): string {
  if (typeof cell === 'string') return cell;
  if (cell === null || !Number.isFinite(cell)) return '';
  switch (type) {
    case 'rate':
      return pct(cell);
    case 'decimal':
      return one(cell);
    case 'datetime':
      return cell ? chinaDateTime(cell) : '';
    default:
      return String(cell);
  }
}

/**
 * Writes pages as bytes: `page` is called for the first page (even an empty one) and each one after.
 * A writer may answer a promise (the .xlsx data sheet goes through a native CompressionStream): the next
 * page, `end` and the stream's close wait for it, so the bytes keep their order and at most one page is
 * in flight. `cancel` is told when the client stops reading.
 */
export type PageWriter<K> = {
  page(p: Page<K>): void | Promise<void>;
  end(): void | Promise<void>;
  cancel?(reason: unknown): void;
};

/**
 * A sheet as a byte stream, one page per pull. The first page is read before the stream is returned,
 * so a storage failure is still an HTTP error, not a cut-off file. `open` gets the function that hands
 * a chunk to the client and returns the writer of the format.
 */
export async function pagedStream<K>(
  sheet: Sheet<K>,
  format: Format,
  open: (push: (chunk: Uint8Array) => void) => PageWriter<K>,
): Promise<ReadableStream<Uint8Array>> {
  let page = await sheet.page(null, format);
  // The next page is asked for as soon as one is handed to the stream, so D1 reads it while the client
  // takes this one: at most one page waits, and memory stays flat. Its failure waits for the pull that
  // needs it (then the stream errors, and the download stops short rather than ending as if complete).
  let ahead: Promise<Page<K>> | null = null;
  const readAhead = () => {
    ahead = page.next == null || !page.rows.length ? null : sheet.page(page.next, format);
    ahead?.catch(() => {});
  };
  let writer: PageWriter<K> | undefined;
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        writer = open((chunk) => {
          if (chunk.length) controller.enqueue(chunk);
        });
      },
      async pull(controller) {
        if (!writer) return;
        if (first) {
          first = false;
          readAhead();
          await writer.page(page);
        } else if (ahead) {
          page = await ahead;
          readAhead();
          if (page.rows.length) await writer.page(page);
        }
        if (!ahead) {
          await writer.end();
          controller.close();
        }
      },
      cancel(reason) {
        writer?.cancel?.(reason);
      },
    },
    // Pull only when the client has taken the previous chunk (backpressure).
    { highWaterMark: 0 },
  );
}
