// How a stored SpreadsheetML value reads as the text a person sees in Excel (issue 21): dates stored as
// serial numbers, numbers as Excel shows them, strings from the shared-string table. Used by the
// import's reader (xlsx-read.ts).
import { xmlValue } from './xml';

// A tag with any namespace prefix: <t>, <x:t> (some writers prefix the main namespace).
const tag = (name: string) => `(?:[A-Za-z_][\\w.-]*:)?${name}`;
export const elements = (name: string) => new RegExp(`<${tag(name)}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${tag(name)}>)`, 'g');
export const attr = (attrs: string, name: string) => {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? xmlValue(m[1] ?? m[2] ?? '') : undefined;
};

const T = elements('t');
const PHONETIC = new RegExp(`<${tag('rPh')}\\b[\\s\\S]*?</${tag('rPh')}>`, 'g');

/** The text of a string item (<si>, <is>): its <t> runs, rich text included, phonetic guides (<rPh>) left out. */
export function richText(body: string): string {
  let text = '';
  for (const m of body.replace(PHONETIC, '').matchAll(T)) text += xmlValue(m[2] ?? '');
  return text;
}

export const sharedStrings = (xml: string): string[] => [...xml.matchAll(elements('si'))].map((m) => richText(m[2] ?? ''));

// Number formats that show a date or time (ECMA-376 Part 1 §18.8.30), with the zh-CN locale's
// built-in date formats 27–36 and 50–58.
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** A custom format code shows a date when, quoted text, escapes, fills, paddings and [colour] tags set aside, it has y m d h or s. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|_.|\*.|\[[^\]]*\]/g, '');
  return !/^general$/i.test(bare.trim()) && /[ymdhs]/i.test(bare);
}

/** For each cell style (cellXfs index), whether its number format shows a date. */
export function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(elements('numFmt'))) custom.set(Number(attr(m[1] ?? '', 'numFmtId')), attr(m[1] ?? '', 'formatCode') ?? '');
  const cellXfs = new RegExp(`<${tag('cellXfs')}\\b[^>]*>([\\s\\S]*?)</${tag('cellXfs')}>`).exec(xml)?.[1] ?? '';
  return [...cellXfs.matchAll(elements('xf'))].map((m) => {
    const id = Number(attr(m[1] ?? '', 'numFmtId') ?? 0);
    const code = custom.get(id);
    return code === undefined ? DATE_FORMAT_IDS.has(id) : isDateFormat(code);
  });
}

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A serial date as 'YYYY-MM-DD', or 'YYYY-MM-DD HH:MM' when it has a time of day. In the 1900 date
 * system serial 1 is 1900-01-01 and Excel counts a 1900-02-29 that never was (serial 60, a bug kept
 * from Lotus 1-2-3), so from serial 61 on the days are counted from 1899-12-30; the 1904 system
 * (workbookPr date1904, old Mac files) counts from 1904-01-01 with no such day. Serial 60 is given as
 * the impossible '1900-02-29', which every date field refuses.
 */
export function serialDate(serial: number, date1904: boolean): string {
  if (!date1904 && serial >= 60 && serial < 61) return '1900-02-29';
  const base = date1904 ? Date.UTC(1904, 0, 1) : serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  // Rounded to the minute: serials carry binary fractions of a day (13:30 is 0.5625, 09:10 is not exact).
  const at = new Date(base + Math.round((serial * DAY_MS) / 60_000) * 60_000);
  const day = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  const minutes = at.getUTCHours() * 60 + at.getUTCMinutes();
  return minutes ? `${day} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}` : day;
}

/** A stored number as Excel's General format shows it: at most 15 significant digits (13800138000, 0.3, 1.5E+20 → 1.5e+20). */
export function numberText(raw: string): string {
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw.trim();
  return String(Number(n.toPrecision(15)));
}
