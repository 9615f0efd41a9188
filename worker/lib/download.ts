// A sheet (sheet.ts) as the file a download asks for: CSV or .xlsx, streamed either way.
import { csvResponse, csvStream } from './csv-write';
import type { Format, Sheet } from './sheet';
import { xlsxResponse, xlsxStream } from './xlsx-write';

export const FORMATS = ['csv', 'xlsx'] as const satisfies readonly Format[];

/** `name` is named for CSV (exports/format.ts fileNames); the .xlsx file takes the same name with its own extension. */
export async function download<K>(sheet: Sheet<K> | Promise<Sheet<K>>, format: Format, name: { filename: string; fallback: string }) {
  const s = await sheet;
  if (format === 'csv') return csvResponse(await csvStream(s), name.filename, name.fallback);
  const xlsx = (n: string) => n.replace(/\.csv$/, '.xlsx');
  return xlsxResponse(await xlsxStream(s), xlsx(name.filename), xlsx(name.fallback));
}
