// 答卷明细: one row per response, one column per question (a matrix: one per row), option labels rather
// than codes, with the invitation and the enterprise (admins only, DESIGN §7).
//
// Rows come in storage order (rowid: the order responses were stored), no longer by submission time.
// A page is ONE statement, one row per response: the round's responses as a rowid range, the
// enterprise through two seeks each, and the answer cells the submission batch wrote
// (responses.csv_cells, response-cells.ts), so the Worker only joins strings. Through workerd's D1 the
// cost is per row handed back (bench/notes.md §4): the round's 855 k answer rows cost ≈ 2.5 s of CPU,
// folded per response into JSON ≈ 2.2 s, and decoding that JSON and labelling each answer per download
// was most of what was left. Responses stored before csv_cells (migration 0009) get their answers
// folded as before, through answers_response_idx, and written here. A response without answers gets
// empty cells. 5,000 responses a page: 1 M responses in ≈ 200 statements, under D1's 1,000 a Worker
// invocation.
//
// The .xlsx file (issue 21) reads the same page. Its cells are the values themselves, not CSV text:
// the stored cells are parsed back, which is exact unless a cell was defused with a leading ' (a value
// starting with = + - @ TAB or CR) — then `'=x` could also be a typed `'=x`. So for .xlsx the page also
// brings the answers of every response whose stored cells hold a ', and those are labelled afresh.
import { sql } from 'drizzle-orm';
import { allQuestions, type FormDefinition, type Question } from '../../schema/form-definition';
import type { Db } from '../app-env';
import { csvCell, parseCsv } from '../lib/csv';
import { CRLF } from '../lib/csv-write';
import type { Cell, Column, Format, Sheet } from '../lib/sheet';
import { prepare, readAll } from '../stats/sql';
import { about, chinaTimeNote } from './about';
import { chinaTime, PAGE_ROWS, RESPONSE_PAGE_ROWS, zh } from './format';
import { type Answer, answerValues, cellWriter, responseColumns } from './response-cells';

/** Where the next page starts: after response rowid `after`, up to `last`, the round's last response. */
type Cursor = { after: number; last: number };
/**
 * [rowid, id, invitation, enterprise, credit code, submitted_at, the answer cells as written at
 * submission (responses.csv_cells) or null, the answers as JSON when those are null].
 */
type PageRow = [number, string, string, string, string, number, string | null, string | null];

/**
 * D1 refuses a string longer than 1,000,000 bytes, one response's answers as JSON included. A form whose
 * answers could pass this (≈ 30 long free-text questions) sends them as rows instead, in pages of the
 * other exports' size: slower, and a million responses would need more statements than D1 allows.
 */
const MAX_ANSWERS_JSON = 900_000;
/** Values a question can store: one a matrix row, one a chosen option, else one. */
const valuesOf = (q: Question) => (q.type === 'matrix' ? q.rows.length : q.type === 'multiple' ? q.options.length : 1);
/** The JSON bound of one response: ≤ 200 bytes a stored value, and a text escaped up to 6 bytes a character. */
export const answersJsonBound = (def: FormDefinition) =>
  allQuestions(def).reduce((n, q) => n + 200 * valuesOf(q) + (q.type === 'text' ? 6 * q.maxLength : 0), 0);

// `+r.campaign_id` keeps SQLite off responses_campaign_submitted_idx, whose (submitted_at, rowid) order
// would mean sorting the whole round by rowid for every page; rows of other rounds stored in between are
// read and skipped. The answers' JSON keeps index order, i.e. id order: a multiple choice's labels in the
// order stored. A number goes into the JSON as its 17 significant digits: SQLite's JSON writes a REAL
// with 15 in some versions (3.51, Node 22's node:sqlite: 0.30000000000000004 → 0.3), which changes a
// typed answer; 17 always read back as the same double (issue 23: the same export on both targets).
const ANSWER_JSON = sql.raw(
  "json_array(a.question_key, CASE WHEN a.num_value IS NULL THEN NULL ELSE json(printf('%!.17g', a.num_value)) END, a.text_value)",
);
/** Responses whose answers the page must bring: no stored cells, or (for .xlsx) cells that may hold a defusing '. */
const NEEDS_ANSWERS = { csv: sql.raw('r.csv_cells IS NULL'), xlsx: sql.raw("(r.csv_cells IS NULL OR instr(r.csv_cells, '''') > 0)") };
const keyset = (campaignId: string, c: Cursor) => sql`r.rowid > ${c.after} AND r.rowid <= ${c.last} AND +r.campaign_id = ${campaignId}`;
const pageSql = (campaignId: string, c: Cursor, rows: number, inline: boolean, format: Format) => sql`
  SELECT r.rowid AS k, r.id, r.invitation_id AS invitation, e.name AS enterprise, e.credit_code AS creditCode, r.submitted_at AS submittedAt,
    r.csv_cells AS cells,
    ${inline ? sql`CASE WHEN ${NEEDS_ANSWERS[format]} THEN (SELECT json_group_array(${ANSWER_JSON}) FROM answers a WHERE a.response_id = r.id) END` : sql`NULL`} AS answers
  FROM responses r JOIN invitations i ON i.id = r.invitation_id JOIN enterprises e ON e.id = i.enterprise_id
  WHERE ${keyset(campaignId, c)} ORDER BY r.rowid LIMIT ${rows}`;
/** The same page's answers as rows, for forms whose answers may not fit one string: per response in id order. */
const answerRowsSql = (campaignId: string, c: Cursor, rows: number, format: Format) => sql`
  SELECT a.response_id AS responseId, ${ANSWER_JSON} AS answer FROM answers a
  WHERE a.response_id IN (SELECT r.id FROM responses r WHERE ${keyset(campaignId, c)} AND ${NEEDS_ANSWERS[format]} ORDER BY r.rowid LIMIT ${rows})`;

type PageObject = {
  k: number;
  id: string;
  invitation: string;
  enterprise: string;
  creditCode: string;
  submittedAt: number;
  cells: string | null;
};

/** One page. raw() gives the rows as arrays, as D1 sends them, instead of building an object per row. */
async function pageOf(db: Db, campaignId: string, c: Cursor, rows: number, inline: boolean, format: Format): Promise<PageRow[]> {
  if (inline) return prepare(db, pageSql(campaignId, c, rows, true, format)).raw<PageRow>();
  const [page, answers] = await readAll<[PageObject, { responseId: string; answer: string }]>(db, [
    pageSql(campaignId, c, rows, false, format),
    answerRowsSql(campaignId, c, rows, format),
  ]);
  const byResponse = new Map<string, string[]>();
  for (const a of answers) {
    const list = byResponse.get(a.responseId);
    if (list) list.push(a.answer);
    else byResponse.set(a.responseId, [a.answer]);
  }
  const json = (id: string) => `[${(byResponse.get(id) ?? []).join(',')}]`;
  return page.map((r) => [
    r.k,
    r.id,
    r.invitation,
    r.enterprise,
    r.creditCode,
    r.submittedAt,
    r.cells,
    byResponse.has(r.id) || r.cells === null ? json(r.id) : null,
  ]);
}

export function responsesSheet(
  db: Db,
  round: { id: string; name: string },
  def: FormDefinition,
  pageRows = RESPONSE_PAGE_ROWS,
): Sheet<Cursor> {
  const campaignId = round.id;
  const answerColumns = responseColumns(def);
  const write = cellWriter(def);
  const values = answerValues(def);
  const inline = answersJsonBound(def) <= MAX_ANSWERS_JSON;
  const rows = inline ? pageRows : Math.min(pageRows, PAGE_ROWS);
  const columns: Column[] = [
    { header: zh('export.col.response'), type: 'code', about: about('response.id') },
    { header: zh('export.col.invitation'), type: 'code', about: about('response.invitation') },
    { header: zh('export.col.enterprise'), type: 'text', about: about('enterprise') },
    { header: zh('export.col.creditCode'), type: 'code', about: about('creditCode') },
    { header: zh('export.col.submittedAt'), type: 'datetime', about: about('submittedAt') },
    ...answerColumns.map((c): Column => ({ header: c.title, type: c.type, about: about('response.answer', { key: c.name }) })),
  ];
  const numeric = answerColumns.map((c) => c.type === 'number');
  // Lines are written here, straight to CSV text, around the answer cells the submission wrote. The two
  // ids are UUIDs the app made (hex and '-', never first), so they need no csvCell.
  const line = ([, id, invitation, enterprise, creditCode, submittedAt, cells, json]: PageRow) =>
    `${id},${invitation},${csvCell(enterprise)},${csvCell(creditCode)},${chinaTime(submittedAt)},${
      cells ?? write(JSON.parse(json ?? '[]') as Answer[])
    }${CRLF}`;
  /** The answer cells as values: the stored CSV cells read back, or (null or possibly defused) the answers labelled. */
  const answersOf = (cells: string | null, json: string | null): Cell[] => {
    const labels = json !== null || cells === null ? values(JSON.parse(json ?? '[]') as Answer[]) : (parseCsv(cells)[0]?.cells ?? []);
    return answerColumns.map((_, i) => {
      const v = labels[i] ?? '';
      return numeric[i] && v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
    });
  };
  const cellsOf = ([, id, invitation, enterprise, creditCode, submittedAt, cells, json]: PageRow): Cell[] => [
    id,
    invitation,
    enterprise,
    creditCode,
    submittedAt,
    ...answersOf(cells, json),
  ];

  return {
    columns,
    notes: [zh('export.note.round', { round: round.name }), zh('export.note.labels'), chinaTimeNote()],
    page: async (cursor, format) => {
      let c = cursor;
      if (!c) {
        // The round's rowid span, so pages neither start at the table's first row nor scan past its last.
        const [[span]] = await readAll<[{ lo: number | null; hi: number | null }]>(db, [
          sql`SELECT min(rowid) AS lo, max(rowid) AS hi FROM responses WHERE campaign_id = ${campaignId}`,
        ]);
        if (span?.lo == null || span.hi == null) return { rows: [], next: null };
        c = { after: span.lo - 1, last: span.hi };
      }
      const page = await pageOf(db, campaignId, c, rows, inline, format);
      const last = page.at(-1);
      const next = page.length === rows && last ? { after: last[0], last: c.last } : null;
      if (format === 'xlsx') return { rows: page.map(cellsOf), next };
      let text = '';
      for (const r of page) text += line(r);
      return { rows: text, next };
    },
  };
}
