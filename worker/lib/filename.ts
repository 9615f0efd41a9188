// Download names built from what users typed (round and form names). The header itself is safe —
// filename* is percent-encoded, so a quote or CRLF cannot break out of it — but the decoded name is
// what the browser saves: no path separators, reserved or control characters, no bidi overrides that
// disguise the extension ("abc\u202Ecsv.exe"), no leading dots (hidden files, "../").
import { chinaDate } from '../../schema/rules/china-time';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is replaced
const UNSAFE = /[\u0000-\u001f\u007f"*/:<>?\\|\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const MAX = 150;

export function safeFilename(name: string): string {
  let safe = name
    .replace(UNSAFE, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (safe.length > MAX) {
    const ext = /\.[A-Za-z0-9]{1,5}$/.exec(safe)?.[0] ?? '';
    safe = safe.slice(0, MAX - ext.length) + ext;
  }
  return safe || 'download';
}

/**
 * Content-Disposition per RFC 6266: an ASCII fallback, then the real (Chinese) name as an RFC 5987
 * UTF-8 value, which every current browser prefers. ' ( ) * are not attr-chars, so they are escaped too.
 */
export function attachment(filename: string, fallback: string): string {
  const encoded = encodeURIComponent(safeFilename(filename)).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  const ascii = safeFilename(fallback).replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * A survey round's download names (issue 17): what the file holds, the round's name and the day it
 * opened in China, so two rounds' files — or a voided round's and its successor's — never look alike.
 */
export function roundFileNames(label: string, ascii: string, round: { id: string; name: string; opensAt: number }, ext = 'csv') {
  const day = chinaDate(round.opensAt);
  return { filename: `${label}_${round.name}_${day}.${ext}`, fallback: `${ascii}_${round.id.slice(0, 8)}_${day}.${ext}` };
}
