// How values are written into the CSV files: Chinese labels whatever the admin's language (the files
// go to Chinese office software, DESIGN §7), instants as China time.
import { translator } from '../../web/i18n';

export const zh = translator('zh');

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const DAY_MS = 86_400_000;
const CHINA_MS = 8 * 3600_000;
/** The last day written, so rows of one day (most of a page) share their date text instead of a Date each. */
let lastDay = Number.NaN;
let lastDate = '';
/**
 * '2026-04-12 09:30' in China time (UTC+8), or '' for a missing instant. The date part once per day,
 * the time by arithmetic: this runs once per row of a million-row file.
 */
export function chinaTime(ms: number | null | undefined): string {
  if (!ms) return '';
  const local = ms + CHINA_MS;
  const day = Math.floor(local / DAY_MS);
  if (day !== lastDay) {
    const d = new Date(day * DAY_MS);
    lastDate = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    lastDay = day;
  }
  const minutes = Math.floor((local - day * DAY_MS) / 60_000);
  return `${lastDate} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

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
