// readForm (worker/lib/validate.ts): urlencoded bodies go through the strict WHATWG parser, multipart through the
// runtime's FormData; both must read the same fields — repeated names as lists in order, a name like
// __proto__ as an ordinary field, files dropped — and refuse a NUL character with 400.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../worker/app-env';
import { AppError } from '../../worker/lib/errors';
import { readForm } from '../../worker/lib/validate';

const app = new Hono<AppEnv>();
app.post('/', async (c) => c.json(await readForm(c)));
app.onError((err, c) => c.json({ code: err instanceof AppError ? err.code : 'other' }, err instanceof AppError ? err.status : 500));

const FIELDS: [string, string][] = [
  ['pick', 'a'],
  ['name', '张 三 & co=1'],
  ['pick', 'c'],
  ['__proto__', 'x'],
  ['pick', 'b'],
  ['empty', ''],
];
const EXPECTED = [
  ['pick', ['a', 'c', 'b']],
  ['name', '张 三 & co=1'],
  ['__proto__', 'x'],
  ['empty', ''],
];

describe('readForm', () => {
  it('reads urlencoded and multipart bodies alike', async () => {
    const encoded = await app.request('/', {
      method: 'POST',
      body: new URLSearchParams(FIELDS).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    });
    const multipart = new FormData();
    for (const [k, v] of FIELDS) multipart.append(k, v);
    multipart.append('file', new File(['data'], 'a.csv'));
    const fromMultipart = await app.request('/', { method: 'POST', body: multipart });
    for (const res of [encoded, fromMultipart]) {
      expect(res.status).toBe(200);
      const body = JSON.parse(await res.text());
      expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
      expect(Object.entries(body)).toEqual(EXPECTED);
    }
  });

  it('refuses a NUL in a name or a value, and other media types', async () => {
    for (const body of ['a=1%002', 'a%00=1']) {
      const res = await app.request('/', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(res.status, body).toBe(400);
      expect(await res.json()).toEqual({ code: 'nul_character' });
    }
    const json = await app.request('/', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(415);
  });
});
