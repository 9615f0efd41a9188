// Strict input (DESIGN §9, issue 13): every body is decoded as strict UTF-8 — invalid bytes are a 400
// with a clear message, never U+FFFD in the database — and every string the parsers produce, whatever
// the content type (urlencoded, multipart, JSON, JSON inside a form field or an uploaded file), goes
// through one rule: no NUL, no lone surrogate (a JSON escape such as \ud800 names no character).
import { AppError } from './errors';

const fatal = new TextDecoder('utf-8', { fatal: true });
/** For pieces of a body (a percent-decoded value, a multipart part): a leading U+FEFF is the person's text. */
const fatalKeepBom = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const badEncoding = () => new AppError(400, 'bad_encoding', 'err.page.badEncoding');
const badCharacter = () => new AppError(400, 'nul_character', 'err.page.nulCharacter');

/** UTF-8 bytes → text, or a 400 naming the encoding. A whole body's leading BOM is dropped, as Response.text() does. */
export function decodeUtf8(bytes: ArrayBuffer | Uint8Array, keepBom = false): string {
  try {
    return (keepBom ? fatalKeepBom : fatal).decode(bytes);
  } catch {
    throw badEncoding();
  }
}

const LONE_SURROGATE = /\p{Cs}/u;

/** The one rule for a string that came out of any parser: NUL or a lone surrogate is a 400. */
export function checkString(s: string): string {
  if (s.includes('\u0000') || LONE_SURROGATE.test(s)) throw badCharacter();
  return s;
}

/** checkString on every string of a parsed value, object keys included; a stack, not recursion (JSON may nest deeply). */
export function checkStrings(value: unknown): void {
  const todo: unknown[] = [value];
  while (todo.length) {
    const v = todo.pop();
    if (typeof v === 'string') checkString(v);
    else if (Array.isArray(v)) for (const item of v) todo.push(item);
    else if (v !== null && typeof v === 'object')
      for (const [k, item] of Object.entries(v)) {
        checkString(k);
        todo.push(item);
      }
  }
}

/** JSON.parse, then the string rule. A syntax error stays a SyntaxError for the caller to word. */
export function parseStrictJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  checkStrings(value);
  return value;
}

const HEX = /^[0-9A-Fa-f]{2}$/;

/**
 * One name or value of an urlencoded body (WHATWG's application/x-www-form-urlencoded parser: + is a
 * space, %XX a byte), decoded strictly: `%FF` is refused rather than turned into U+FFFD. The common case
 * runs natively; only text decodeURIComponent refuses (a stray %, or bytes that are not UTF-8) is
 * decoded byte by byte to tell the two apart.
 */
export function formComponent(raw: string): string {
  const s = raw.includes('+') ? raw.replace(/\+/g, ' ') : raw;
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    const input = new TextEncoder().encode(s);
    const out: number[] = [];
    for (let i = 0; i < input.length; i++) {
      const hex = input[i] === 0x25 ? String.fromCharCode(input[i + 1] ?? 0, input[i + 2] ?? 0) : '';
      if (HEX.test(hex)) {
        out.push(Number.parseInt(hex, 16));
        i += 2;
      } else out.push(input[i] as number);
    }
    return decodeUtf8(new Uint8Array(out), true);
  }
}

/** An urlencoded body as [name, value] pairs, every component strictly decoded and checked. */
export function parseUrlencoded(body: ArrayBuffer): [string, string][] {
  const pairs: [string, string][] = [];
  for (const field of decodeUtf8(body).split('&')) {
    if (field === '') continue;
    const eq = field.indexOf('=');
    const name = formComponent(eq < 0 ? field : field.slice(0, eq));
    const value = eq < 0 ? '' : formComponent(field.slice(eq + 1));
    pairs.push([checkString(name), checkString(value)]);
  }
  return pairs;
}

const latin1 = new TextDecoder('latin1');

/**
 * The runtime's multipart parser decodes text fields with replacement, so their bytes are checked here
 * first: every part without a filename (a text field) and every part's headers must be UTF-8. Files are
 * left to their readers (the CSV import accepts GBK; the form import decodes strictly itself).
 */
export function checkMultipartText(body: ArrayBuffer, contentType: string): void {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return; // the parser refuses it (worker/lib/validate.ts)
  const bytes = new Uint8Array(body);
  // One character per byte, so string offsets are byte offsets.
  const text = latin1.decode(bytes);
  const delimiter = `--${boundary}`;
  let at = text.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length + 2; // past the delimiter's CRLF
    const next = text.indexOf(`\r\n${delimiter}`, start);
    if (next < 0) break;
    const headerEnd = text.indexOf('\r\n\r\n', start);
    if (headerEnd >= 0 && headerEnd < next) {
      const headers = decodeUtf8(bytes.subarray(start, headerEnd), true);
      if (!/;\s*filename\*?=/i.test(headers)) decodeUtf8(bytes.subarray(headerEnd + 4, next), true);
    }
    at = next + 2;
  }
}
