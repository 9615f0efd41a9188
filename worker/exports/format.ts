// How values are written into the CSV files: Chinese labels whatever the admin's language (the files
// go to Chinese office software, DESIGN §7), instants as China time.
import { translator } from '../../web/i18n';

export const zh = translator('zh');

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
/**
 * '2026-04-12 09:30' in China time (UTC+8), or '' for a missing instant. From the date's parts rather
 * than toISOString().slice().replace(): a third of the time, once per row of a million-row file.
 */
export function chinaTime(ms: number | null | undefined): string {
  if (!ms) return '';
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
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
