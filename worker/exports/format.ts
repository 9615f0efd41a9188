// How values are written into the CSV files: Chinese labels whatever the admin's language (the files
// go to Chinese office software, DESIGN §7), instants as China time.
import { chinaDateTime } from '../../schema/rules/china-time';
import { translator } from '../../web/i18n';

export const zh = translator('zh');

/** '2026-04-12 09:30' in China time, or '' for a missing instant. */
export const chinaTime = (ms: number | null | undefined): string => (ms ? chinaDateTime(ms) : '');

export const yesNo = (v: boolean | number | null | undefined) => (v ? zh('yes') : zh('no'));

/** Rows per keyset page: large enough for few round trips, small enough for D1's response limits. */
export const PAGE_ROWS = 500;

/** Responses a page of 答卷明细 (responses.csv.ts: one statement a page); the test of paging passes fewer. */
export const RESPONSE_PAGE_ROWS = 5000;

/** A keyset cursor over (sort value, id): the last row of the previous page. */
export type Cursor = { at: string | number; id: string };

/** File names: the Chinese name for browsers that read RFC 5987, an ASCII one for the rest. */
export const fileNames = (zhName: string, ascii: string, from?: string, to?: string) => {
  const span = from && to ? `_${from}_${to}` : '';
  return { filename: `${zhName}${span}.csv`, fallback: `${ascii}${span}.csv` };
};
