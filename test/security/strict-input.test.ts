// Issue 13, weaknesses 3 and 4: one normalisation rule for every string after parsing, whatever the
// content type (NUL and lone surrogates refused with 400), and every body decoded as strict UTF-8 (400
// with a clear message). Before: `\u0000` in the form editor's or the form import's JSON was stored in
// forms.name and the definition, and invalid UTF-8 was stored as U+FFFD on forms, /s, /api/s and admin
// forms. Nothing is stored on any refusal.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../schema/form-templates';
import { forms, formVersions } from '../../schema/survey-tables';
import { units } from '../../schema/tables';
import { call, db, postForm, signedIn } from '../fixtures';
import { ready, stored } from '../integration/rounds.fixtures';
import { storesNothing } from './helpers';

let admin: string;
beforeAll(async () => {
  admin = (await signedIn('admin')).cookie;
});

async function newDraft() {
  const res = await postForm('/admin/forms', { source: 'satisfaction', kind: 'survey' }, { cookie: admin });
  return /\/admin\/forms\/([0-9a-f-]{36})\/versions\/1$/.exec(res.headers.get('location') ?? '')?.[1] as string;
}

const definitionOf = async (formId: string) =>
  (await db().select().from(formVersions).where(eq(formVersions.formId, formId)).get())?.definition ?? '';

function upload(json: string) {
  const body = new FormData();
  body.append('kind', 'survey');
  body.append('file', new File([json], 'form.json', { type: 'application/json' }));
  return call('/admin/forms/import', { method: 'POST', body, cookie: admin });
}

/** The satisfaction template's JSON with its Chinese title replaced by `title` (written raw into the JSON text). */
const withTitle = (title: string) => JSON.stringify(TEMPLATES.satisfaction.definition).replace('"帮扶满意度调查表"', `"${title}"`);

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

describe('NUL and lone surrogates in JSON escapes are refused with 400 (weakness 3)', () => {
  it('refuses \\u0000 and \\ud800 in the form editor’s JSON, keeping the stored draft', async () => {
    const id = await newDraft();
    const before = await definitionOf(id);
    await storesNothing(async () => {
      for (const title of ['名称\\u0000', '\\ud800名称']) {
        const res = await postForm(
          `/admin/forms/${id}/versions/1/json`,
          { definition: withTitle(title), intent: 'save' },
          { cookie: admin },
        );
        expect(res.status, title).toBe(400);
        expect(await res.text()).toContain('空字符');
      }
    });
    expect(await definitionOf(id)).toBe(before);
  });

  it('refuses \\u0000 in an imported form’s JSON: no form, no version', async () => {
    await storesNothing(async () => {
      const res = await upload(withTitle('导入\\u0000表'));
      expect(res.status).toBe(400);
    });
    expect(await db().select().from(forms).where(eq(forms.name, '导入\u0000表')).all()).toEqual([]);
  });

  it('refuses \\u0000 in a key of the survey API’s JSON, and a lone surrogate in a value', async () => {
    const survey = await ready();
    await storesNothing(async () => {
      for (const body of ['{"answers":{"sugg\\u0000estions":"x"}}', '{"answers":{"suggestions":"\\udc00"}}']) {
        const res = await call('/api/s', { method: 'POST', cookie: survey.cookie, body, headers: { 'content-type': 'application/json' } });
        expect(res.status, body).toBe(400);
      }
    });
  });
});

describe('every body is strict UTF-8 (weakness 4)', () => {
  const form = (body: Uint8Array<ArrayBuffer>, cookie?: string) => ({
    method: 'POST',
    body,
    cookie,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

  it('refuses invalid bytes, raw or percent-escaped, in an admin form with a clear 400', async () => {
    await storesNothing(async () => {
      for (const body of [bytes('name=', [0xff, 0xfe]), bytes('name=%E5%B8'), bytes('name=ok&', [0xc3, 0x28], '=1')]) {
        const res = await call('/admin/units', form(body, admin));
        expect(res.status).toBe(400);
        expect(await res.text()).toContain('UTF-8');
      }
    });
    expect(await db().select().from(units).where(eq(units.name, '\uFFFD\uFFFD')).all()).toEqual([]);
  });

  it('refuses invalid bytes in a survey form post and in the survey API, storing no response', async () => {
    const survey = await ready();
    await storesNothing(async () => {
      const page = await call(`/s?round=${survey.campaignId}`, form(bytes('suggestions=', [0xe4, 0xb8]), survey.cookie));
      expect(page.status).toBe(400);
      const api = await call('/api/s', {
        method: 'POST',
        cookie: survey.cookie,
        body: bytes('{"answers":{"suggestions":"', [0xed, 0xa0, 0x80], '"}}'), // an encoded surrogate: not UTF-8
        headers: { 'content-type': 'application/json' },
      });
      expect(api.status).toBe(400);
      expect(await api.json()).toMatchObject({ code: 'bad_encoding' });
    });
    expect((await stored(survey.campaignId)).responses).toBe(0);
  });

  it('refuses invalid bytes in a multipart text field, and in the form editor’s multipart post', async () => {
    const id = await newDraft();
    const before = await definitionOf(id);
    await storesNothing(async () => {
      const boundary = 'xBoUnDaRy';
      const multipart = (name: string, value: (string | number[])[]) =>
        call(`/admin/forms/${id}/versions/1/json`, {
          method: 'POST',
          cookie: admin,
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
          body: bytes(
            `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n`,
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`,
            ...value,
            `\r\n--${boundary}--\r\n`,
          ),
        });
      const res = await multipart('definition', [withTitle('标题').slice(0, 20), [0xff], withTitle('标题').slice(20)]);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('UTF-8');
    });
    expect(await definitionOf(id)).toBe(before);
  });

  it('still accepts U+FFFD that a person typed, and text in any script', async () => {
    const name = `替换符\uFFFD ✓ ${crypto.randomUUID().slice(0, 6)}`;
    const res = await postForm('/admin/units', { name }, { cookie: admin });
    expect(res.status).toBe(303);
    expect(await db().select().from(units).where(eq(units.name, name)).all()).toHaveLength(1);
  });
});
