// Issue 7 catalogue — validation at the boundary. Already covered elsewhere:
// - survey answers as HTML form (unknown key, 6 on a 5-point scale, NaN, 1e309, blank required, show-if
//   required, too long): answering-invalid.test.ts "refuses bad HTML form answers with 422…"
// - survey answers as JSON (415, 400, wrong types, arrays for scalars, __proto__, 1e309, 413):
//   answering-invalid.test.ts "holds the JSON API to types…"
// - admin forms: enterprises.test.ts "names every missing required field…", programmes.test.ts
//   "refuses bad dates, an unknown phase…", memos.test.ts "refuses bad input with field messages…"
// What follows: several faults at once each named, 413 by Content-Length / chunked / both on every kind
// of route, 415, malformed JSON and NUL characters — and nothing stored by any of them.
import { beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../schema/form-templates';
import { call, postForm, signedIn } from '../fixtures';
import { memoForm, pairedOfficer, problemRow } from '../fixtures/memos';
import { ready } from '../integration/rounds.fixtures';
import { storesNothing } from './helpers';

type Ready = Awaited<ReturnType<typeof ready>>;
let admin: string;
let officer: Awaited<ReturnType<typeof pairedOfficer>>;
let survey: Ready;

beforeAll(async () => {
  admin = (await signedIn('admin')).cookie;
  officer = await pairedOfficer();
  survey = await ready({ definition: TEMPLATES.programme.definition });
});

const json = (body: string, type = 'application/json') =>
  call('/api/s', { method: 'POST', cookie: survey.cookie, body, headers: { 'content-type': type } });

describe('bad values are named field by field', () => {
  it('names every bad field of an admin form at once, arrays for scalars and unknown keys included', async () => {
    await storesNothing(async () => {
      const res = await postForm(
        '/admin/programmes',
        { name: ['甲', '乙'], startsOn: '2026-02-30', phase: 'bogus', isAdmin: '1' },
        { cookie: admin },
      );
      expect(res.status).toBe(422);
      const html = await res.text();
      for (const field of ['name', 'startsOn', 'endsOn', 'phase']) expect(html, field).toMatch(new RegExp(`id="e-${field}"`));
      expect(html).toContain('不认识的字段: <code>isAdmin</code>');
      expect(html).toMatch(/id="e-name"[^>]*>格式不正确</); // two values for one text field are not a missing one
    });
  });

  it('names every bad answer of a JSON submission at once, as { code, message, fields }', async () => {
    await storesNothing(async () => {
      const res = await json(
        '{"answers":{"service":6,"three_ones":["full"],"problems_solved":"5","recommend":1e309,"burden":1,"made_up":1,"know_officer":null}}',
      );
      expect(res.status).toBe(422);
      const body = (await res.json()) as { code: string; message: string; fields: Record<string, string> };
      expect(body.code).toBe('invalid_answers');
      expect(body.message).toBeTruthy();
      for (const key of ['service', 'three_ones', 'problems_solved', 'recommend', 'burden', 'made_up', 'know_officer']) {
        expect(body.fields[key], key).toBeTruthy();
      }
    });
  });
});

describe('oversized bodies get 413 however they are framed', () => {
  const big = 'x'.repeat(70 * 1024);
  const stream = (text: string) => {
    const bytes = new TextEncoder().encode(text);
    return new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
        controller.close();
      },
    });
  };
  const framings = {
    'content-length': (body: string) => ({ body }),
    chunked: (body: string) => ({ body: stream(body), duplex: 'half' }),
    both: (body: string) => ({ body: stream(body), duplex: 'half', extra: { 'content-length': '64', 'transfer-encoding': 'chunked' } }),
  } as const;

  for (const [name, frame] of Object.entries(framings)) {
    it(`refuses 70 KB sent with ${name}, on form, JSON, login and admin routes`, async () => {
      await storesNothing(async () => {
        const targets = [
          { path: '/api/s', cookie: survey.cookie, type: 'application/json', body: `{"answers":{"suggestions":"${big}"}}` },
          { path: '/s', cookie: survey.cookie, type: 'application/x-www-form-urlencoded', body: `suggestions=${big}` },
          { path: '/memos', cookie: officer.cookie, type: 'application/x-www-form-urlencoded', body: `nextSteps=${big}` },
          { path: '/login', cookie: '', type: 'application/x-www-form-urlencoded', body: `login=a&password=${big}` },
          { path: '/admin/units', cookie: admin, type: 'application/x-www-form-urlencoded', body: `name=${big}` },
        ];
        for (const t of targets) {
          const framed = frame(t.body) as { body: BodyInit; duplex?: string; extra?: Record<string, string> };
          const res = await call(t.path, {
            method: 'POST',
            cookie: t.cookie || undefined,
            body: framed.body,
            headers: { 'content-type': t.type, ...framed.extra },
            ...(framed.duplex ? { duplex: framed.duplex } : {}),
          } as RequestInit);
          expect(res.status, `${t.path} ${name}`).toBe(413);
        }
      });
    });
  }
});

describe('content types', () => {
  it('answers 415 to JSON on form routes, and to forms, text or nothing on the JSON route', async () => {
    await storesNothing(async () => {
      const form = memoForm(officer.enterprise.id, [problemRow()]);
      const asJson = (path: string, cookie: string, body: unknown) =>
        call(path, { method: 'POST', cookie, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      expect((await asJson('/memos', officer.cookie, form)).status).toBe(415);
      expect((await asJson('/admin/units', admin, { name: '市编委办' })).status).toBe(415);
      expect((await asJson('/login', '', { login: 'a', password: 'b' })).status).toBe(415);
      expect((await asJson(`/s?round=${survey.campaignId}`, survey.cookie, {})).status).toBe(415);
      for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'application/json-patch+json', '']) {
        const res = await json('{"answers":{}}', type);
        expect(res.status, type).toBe(415);
        expect(await res.json()).toMatchObject({ code: 'unsupported_media_type' });
      }
    });
  });
});

describe('malformed input is 400, never 500', () => {
  it('refuses broken JSON, deep nesting and trailing data with 4xx', async () => {
    await storesNothing(async () => {
      const bodies = [
        '{',
        '{"answers":',
        '{"answers":{}}}',
        "{'answers':{}}",
        '{"answers":{"service":NaN}}',
        '{"answers":{"service":Infinity}}',
        '\uFEFF{"answers":{}}',
        '',
        'null',
        '"answers"',
        `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
        `{"answers":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
      ];
      for (const body of bodies) {
        const res = await json(body);
        // A UTF-8 BOM is dropped by the decoder: that body is valid JSON, refused for its missing answers.
        if (body.startsWith('\uFEFF')) expect(res.status).toBe(422);
        // 5,000 levels of objects: refused as unknown answers, or as malformed when too deep to walk.
        else if (body.startsWith('{"answers":{"a"')) expect([400, 422]).toContain(res.status);
        else expect(res.status, body.slice(0, 30)).toBe(400);
        const parsed = (await res.json()) as { code: string };
        expect(parsed.code).not.toBe('error');
      }
    });
  });

  it('refuses a NUL character in a form value, a form name, a JSON value and a JSON name with 400', async () => {
    await storesNothing(async () => {
      const form = (path: string, cookie: string, body: string) =>
        call(path, { method: 'POST', cookie, body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect((await form('/admin/units', admin, 'name=%E5%8D%95%00%E4%BD%8D')).status).toBe(400);
      expect((await form('/memos', officer.cookie, `id=${crypto.randomUUID()}&x%00=1`)).status).toBe(400);
      expect((await form('/login', '', 'login=a%00&password=b')).status).toBe(400);
      for (const body of [
        '{"answers":{"suggestions":"a\\u0000b"}}',
        '{"answers":{"sug\\u0000":"x"}}',
        '{"round":"\\u0000","answers":{}}',
      ]) {
        const res = await json(body);
        expect(res.status, body).toBe(400);
        expect(await res.json()).toMatchObject({ code: 'nul_character' });
      }
    });
  });
});
