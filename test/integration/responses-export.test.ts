// The responses CSV in pages (worker/exports/responses.sheet.ts): whatever the page size, the file holds
// every response of the round exactly once, in the order stored, with exactly its answers — a response
// with none, one with several values in a cell, rows of another round stored in between — both when a
// page carries each response's answer cells as written at submission (or, for responses stored before
// migration 0009, its answers folded into one JSON column) and when a form with long free-text
// questions makes it fetch those answers as rows. Page sizes down to one response put every response on a page boundary.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type FormDefinition, formDefinition } from '../../schema/form-definition';
import type { Db } from '../../worker/app-env';
import { chinaTime, RESPONSE_PAGE_ROWS } from '../../worker/exports/format';
import { answersJsonBound, responsesSheet } from '../../worker/exports/responses.sheet';
import { parseCsv } from '../../worker/lib/csv';
import { csvStream } from '../../worker/lib/csv-write';
import { call, db, makeEnterprise, makeProgramme, signedIn } from '../fixtures';
import { respond, surveyRound } from '../fixtures/stats';

const L = (zh: string) => ({ zh, en: '' });
const responsesCsv = (d: Db, id: string, def: FormDefinition, pageRows: number) =>
  csvStream(responsesSheet(d, { id, name: '' }, def, pageRows));
const TRICKY = '含"引号"、逗号,和\n换行 😀';

const DEF = formDefinition.parse({
  title: L('分页导出'),
  pages: [
    {
      questions: [
        {
          key: 'pick',
          type: 'multiple',
          title: L('多选'),
          options: ['a', 'b', 'c', 'd'].map((v, i) => ({ value: v, label: L('甲乙丙丁'[i] ?? '') })),
        },
        {
          key: 'grid',
          type: 'matrix',
          title: L('矩阵'),
          rows: [
            { key: 'x', label: L('行一') },
            { key: 'y', label: L('行二') },
          ],
          allowNotApplicable: true,
        },
        { key: 'amount', type: 'number', title: L('数量') },
        { key: 'ok', type: 'yesno', title: L('是否') },
        { key: 'note', type: 'text', title: L('说明'), multiline: true },
      ],
    },
  ],
});
const HEADER = [
  '答卷编号',
  '邀请编号',
  '企业名称',
  '统一社会信用代码',
  '提交时间',
  '多选',
  '矩阵 · 行一',
  '矩阵 · 行二',
  '数量',
  '是否',
  '说明',
];

/** What each response submits, and the cells it must come back as (as a spreadsheet reads them). */
const CASES: [Record<string, string | string[]>, string[]][] = [
  [
    { pick: ['a', 'c'], 'grid.x': '5', 'grid.y': 'na', amount: '3', ok: 'yes', note: TRICKY },
    ['甲、丙', '非常满意', '不了解/不适用', '3', '是', TRICKY],
  ],
  [{}, ['', '', '', '', '', '']],
  [
    { pick: ['a', 'b', 'c', 'd'], 'grid.x': '1', 'grid.y': '2', amount: '0.30000000000000004', ok: 'no', note: '=1+1' },
    ['甲、乙、丙、丁', '非常不满意', '不满意', '0.30000000000000004', '否', "'=1+1"],
  ],
  [{}, ['', '', '', '', '', '']],
  [{ note: 'x' }, ['', '', '', '', '', 'x']],
  [{ pick: ['d'], 'grid.y': '4' }, ['丁', '', '满意', '', '', '']],
  [{ 'grid.x': '3' }, ['', '基本满意', '', '', '', '']],
  [{ amount: '-2.5', ok: 'yes' }, ['', '', '', "'-2.5", '是', '']],
];

async function textOf(stream: ReadableStream<Uint8Array>) {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
  expect(text.startsWith('\uFEFF')).toBe(true);
  return parseCsv(text.slice(1)).map((r) => r.cells);
}

/**
 * A round answered by one enterprise per case, in order, with a second round's responses stored in
 * between; returns the rows the file must hold, in that order.
 */
async function answeredRound(def: FormDefinition, cases: Record<string, string | string[]>[], cells: string[][]) {
  const programme = await makeProgramme();
  const enterprises: Awaited<ReturnType<typeof makeEnterprise>>[] = [];
  // Names a CSV cell must quote, guard against formulas, or both (written by SQLite, responses.csv.ts).
  const names: Record<number, string> = { 2: '"湖南",金健 药业', 3: '=HYPERLINK("x"),\r\n二行', 5: '@企业' };
  for (const [i] of cases.entries()) enterprises.push(await makeEnterprise(names[i] ? { name: names[i] } : {}));
  const round = await surveyRound(
    programme.id,
    enterprises.map((e) => e.id),
    { definition: def },
  );
  const other = await surveyRound(programme.id, [(await makeEnterprise()).id, (await makeEnterprise()).id], { definition: def });
  for (const [i, values] of cases.entries()) {
    await respond(round, round.links[i]?.token ?? '', values);
    if (i === 0 || i === 4) await respond(other, other.links[i ? 1 : 0]?.token ?? '', {});
  }
  const stored = await db().all<{ id: string; invitation_id: string; submitted_at: number }>(
    sql`SELECT id, invitation_id, submitted_at FROM responses WHERE campaign_id = ${round.id}`,
  );
  return {
    round,
    expected: round.links.map((link, i) => {
      const r = stored.find((s) => s.invitation_id === link.id);
      const e = enterprises[i];
      const name = e?.name ?? '';
      const guarded = /^[=+\-@\t\r]/.test(name) ? `'${name}` : name; // the formula guard
      return [r?.id ?? '?', link.id, guarded, e?.creditCode ?? '', chinaTime(r?.submitted_at), ...(cells[i] ?? [])];
    }),
  };
}

describe('responses CSV pages', () => {
  it('gives every response once, in the order stored, with exactly its answers, at any page size', async () => {
    expect(answersJsonBound(DEF)).toBeLessThan(900_000); // answers travel as one JSON column a response
    const { round, expected } = await answeredRound(
      DEF,
      CASES.map((c) => c[0]),
      CASES.map((c) => c[1]),
    );
    for (const pageRows of [1, 2, 3, 5, 7, 8, RESPONSE_PAGE_ROWS]) {
      const rows = await textOf(await responsesCsv(db(), round.id, DEF, pageRows));
      expect(rows[0], `${pageRows} a page`).toEqual(HEADER);
      expect(rows.slice(1), `${pageRows} a page`).toEqual(expected);
    }
    // Responses stored before migration 0009 have no csv_cells: theirs are written from the answer rows.
    await db().run(sql`UPDATE responses SET csv_cells = NULL WHERE campaign_id = ${round.id} AND rowid % 2 = 0`);
    for (const pageRows of [1, 3, RESPONSE_PAGE_ROWS]) {
      const rows = await textOf(await responsesCsv(db(), round.id, DEF, pageRows));
      expect(rows.slice(1), `${pageRows} a page, half without csv_cells`).toEqual(expected);
    }
    // The route: the same file.
    const { cookie } = await signedIn('admin');
    const res = await call(`/admin/exports/responses.csv?campaign=${round.id}`, { cookie });
    expect(res.status).toBe(200);
    expect((await textOf(res.body as ReadableStream<Uint8Array>)).slice(1)).toEqual(expected);
  });

  it('fetches the answers as rows when a form’s answers could pass D1’s string limit', async () => {
    // 40 long free-text questions: one response's answers could be ≈ 1.2 MB of JSON.
    const long = formDefinition.parse({
      title: L('长文本'),
      pages: [{ questions: Array.from({ length: 40 }, (_, i) => ({ key: `t${i}`, type: 'text', title: L(`问题${i}`), maxLength: 5000 })) }],
    });
    expect(answersJsonBound(long)).toBeGreaterThan(900_000);
    const cases: [Record<string, string>, string[]][] = [
      [{ t0: TRICKY, t39: '末题' }, [TRICKY, ...Array(38).fill(''), '末题']],
      [{}, Array(40).fill('')],
      [{ t1: '+86 138', t2: '长'.repeat(5000) }, ['', "'+86 138", '长'.repeat(5000), ...Array(37).fill('')]],
    ];
    const { round, expected } = await answeredRound(
      long,
      cases.map((c) => c[0]),
      cases.map((c) => c[1]),
    );
    for (const pageRows of [1, 2, 3, RESPONSE_PAGE_ROWS]) {
      const rows = await textOf(await responsesCsv(db(), round.id, long, pageRows));
      expect(rows.slice(1), `${pageRows} a page`).toEqual(expected);
    }
    // Without csv_cells (stored before migration 0009) the answers come as rows.
    await db().run(sql`UPDATE responses SET csv_cells = NULL WHERE campaign_id = ${round.id} AND rowid % 2 = 1`);
    for (const pageRows of [1, 2, 3, RESPONSE_PAGE_ROWS]) {
      const rows = await textOf(await responsesCsv(db(), round.id, long, pageRows));
      expect(rows.slice(1), `${pageRows} a page, some without csv_cells`).toEqual(expected);
    }
  });

  it('writes the header alone for a round nobody answered', async () => {
    const round = await surveyRound((await makeProgramme()).id, [(await makeEnterprise()).id], { definition: DEF });
    expect(await textOf(await responsesCsv(db(), round.id, DEF, 2))).toEqual([HEADER]);
  });
});
