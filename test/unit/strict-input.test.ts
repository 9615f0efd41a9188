// The strict urlencoded parser (worker/lib/strict-input.ts) must read every well-formed body exactly as
// the WHATWG parser (URLSearchParams) does, and differ only where that parser would invent U+FFFD.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../worker/lib/errors';
import { checkMultipartText, parseUrlencoded } from '../../worker/lib/strict-input';

const buffer = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;
const whatwg = (text: string) => [...new URLSearchParams(text)];

describe('parseUrlencoded', () => {
  it('agrees with URLSearchParams on any text a browser can send', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }))), (pairs) => {
        const text = new URLSearchParams(pairs.filter(([k, v]) => !`${k}${v}`.includes('\u0000'))).toString();
        expect(parseUrlencoded(buffer(text))).toEqual(whatwg(text));
      }),
    );
  });

  it('agrees on hand-written bodies: stray %, no =, empty fields, + and raw UTF-8', () => {
    for (const text of ['a=100%', 'a=%zz&b', '&&a=1&&', 'a+b=c+d', '名=值', 'a=%E5%90%8D%2B', 'a=%', 'a=%e5%90%8d'])
      expect(parseUrlencoded(buffer(text)), text).toEqual(whatwg(text));
  });

  it('refuses percent-escaped bytes that are not UTF-8, where URLSearchParams would give U+FFFD', () => {
    for (const text of ['a=%FF', 'a=%E5%90', 'a=%C0%AF', '%ED%A0%80=1', 'a=%F4%90%80%80'])
      expect(() => parseUrlencoded(buffer(text)), text).toThrow(AppError);
  });

  it('refuses NUL, escaped or raw', () => {
    expect(() => parseUrlencoded(buffer('a=%00'))).toThrow(AppError);
    expect(() => parseUrlencoded(buffer('a\u0000=1'))).toThrow(AppError);
  });
});

describe('checkMultipartText', () => {
  const part = (headers: string, body: number[]) => [...new TextEncoder().encode(`--B\r\n${headers}\r\n\r\n`), ...body, 13, 10];
  const body = (...parts: number[][]) => Uint8Array.from([...parts.flat(), ...new TextEncoder().encode('--B--\r\n')]).buffer;
  const type = 'multipart/form-data; boundary=B';

  it('refuses a text field that is not UTF-8, and passes a file that is not', () => {
    const field = (bytes: number[]) => part('Content-Disposition: form-data; name="kind"', bytes);
    const file = part('Content-Disposition: form-data; name="file"; filename="a.csv"', [0xb0, 0xef]);
    expect(() => checkMultipartText(body(field([0x61]), file), type)).not.toThrow();
    expect(() => checkMultipartText(body(file, field([0xb0, 0xef])), type)).toThrow(AppError);
  });
});
