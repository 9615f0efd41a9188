// 答卷明细: one row per response, one column per question (a matrix: one per row), option labels rather
// than codes, with the invitation and the enterprise (admins only, DESIGN §7).
//
// Rows come in storage order (rowid: the order responses were stored), no longer by submission time.
// Through workerd's D1 the cost is per row handed back more than per index seek (measured on the bench's
// 100 k-response round, bench/notes.md §3): its 855 k answers read as rows, even as one range read on an
// index answers (campaign_id) made for it (dropped again: migration 0008), cost ≈ 2.5 s of CPU; whole
// pages with each response's answers folded into one JSON column ≈ 2.2 s, enterprise joins included. So a page is ONE statement, one row per response: the
// round's responses as a rowid range, the enterprise through two seeks each, and the answers as a JSON
// array through one seek into answers_response_idx. Storage order keeps those seeks cheap: consecutive
// responses, and their answers (stored in the same batch), sit on neighbouring pages, while pages in
// submission order hit them at random and take ≈ 1.8 times as long. A response without answers gets '[]'.
// 5,000 responses a page: 1 M responses in ≈ 200 statements, under D1's 1,000 a Worker invocation.
import { sql } from 'drizzle-orm';
import { allQuestions, type FormDefinition, inLang, NOT_APPLICABLE, type Question } from '../../schema/form-definition';
import type { Db } from '../app-env';
import { csvStream } from '../lib/csv-write';
import { prepare, readAll } from '../stats/sql';
import { chinaTime, PAGE_ROWS, RESPONSE_PAGE_ROWS, zh } from './format';

type Label = (text: string | null, num: number | null) => string;
type Column = { name: string; title: string; label: Label };
/** Where the next page starts: after response rowid `after`, up to `last`, the round's last response. */
type Cursor = { after: number; last: number };
/** [rowid, id, invitation, enterprise, credit code, submitted_at, answers JSON or null]. */
type PageRow = [number, string, string, string, string, number, string | null];
/** An answer as json_array(question_key, text_value, num_value) writes it. */
type Answer = [string, string | null, number | null];

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

/** How a stored value reads in the file, as the respondent saw it; labels looked up once per column. */
function labelOf(q: Question): Label {
  switch (q.type) {
    case 'likert':
    case 'matrix': {
      const na = zh('stats.likert.na');
      const points = new Map(['5', '4', '3', '2', '1'].map((p) => [p, zh(`stats.likert.${p}` as 'stats.likert.na')]));
      return (text, num) => (text === NOT_APPLICABLE ? na : (points.get(num === null ? '' : String(num)) ?? na));
    }
    case 'single':
    case 'multiple': {
      const labels = new Map(q.options.map((o) => [o.value, inLang(o.label, 'zh')]));
      return (text) => (text !== null && labels.get(text)) || (text ?? '');
    }
    case 'yesno':
      return (_, num) => (num === null ? '' : zh(num ? 'yes' : 'no'));
    default:
      return (text, num) => text ?? (num === null ? '' : String(num));
  }
}

export function responseColumns(def: FormDefinition): Column[] {
  return allQuestions(def).flatMap((q): Column[] => {
    const label = labelOf(q);
    return q.type === 'matrix'
      ? q.rows.map((r) => ({ name: `${q.key}.${r.key}`, title: `${inLang(q.title, 'zh')} · ${inLang(r.label, 'zh')}`, label }))
      : [{ name: q.key, title: inLang(q.title, 'zh'), label }];
  });
}

// `+r.campaign_id` keeps SQLite off responses_campaign_submitted_idx, whose (submitted_at, rowid) order
// would mean sorting the whole round by rowid for every page; rows of other rounds stored in between are
// read and skipped. The answers' JSON keeps index order, i.e. id order: a multiple choice's labels in the
// order stored.
const keyset = (campaignId: string, c: Cursor) => sql`r.rowid > ${c.after} AND r.rowid <= ${c.last} AND +r.campaign_id = ${campaignId}`;
const pageSql = (campaignId: string, c: Cursor, rows: number, inline: boolean) => sql`
  SELECT r.rowid AS k, r.id, r.invitation_id AS invitation, e.name AS enterprise, e.credit_code AS creditCode, r.submitted_at AS submittedAt,
    ${inline ? sql`(SELECT json_group_array(json_array(a.question_key, a.text_value, a.num_value)) FROM answers a WHERE a.response_id = r.id)` : sql`NULL`} AS answers
  FROM responses r JOIN invitations i ON i.id = r.invitation_id JOIN enterprises e ON e.id = i.enterprise_id
  WHERE ${keyset(campaignId, c)} ORDER BY r.rowid LIMIT ${rows}`;
/** The same page's answers as rows, for forms whose answers may not fit one string: per response in id order. */
const answerRowsSql = (campaignId: string, c: Cursor, rows: number) => sql`
  SELECT a.response_id AS responseId, json_array(a.question_key, a.text_value, a.num_value) AS answer FROM answers a
  WHERE a.response_id IN (SELECT r.id FROM responses r WHERE ${keyset(campaignId, c)} ORDER BY r.rowid LIMIT ${rows})`;

type PageObject = { k: number; id: string; invitation: string; enterprise: string; creditCode: string; submittedAt: number };

/** One page. raw() gives the rows as arrays, as D1 sends them, instead of building an object per row. */
async function pageOf(db: Db, campaignId: string, c: Cursor, rows: number, inline: boolean): Promise<PageRow[]> {
  if (inline) return prepare(db, pageSql(campaignId, c, rows, true)).raw<PageRow>();
  const [page, answers] = await readAll<[PageObject, { responseId: string; answer: string }]>(db, [
    pageSql(campaignId, c, rows, false),
    answerRowsSql(campaignId, c, rows),
  ]);
  const byResponse = new Map<string, string[]>();
  for (const a of answers) {
    const list = byResponse.get(a.responseId);
    if (list) list.push(a.answer);
    else byResponse.set(a.responseId, [a.answer]);
  }
  const json = (id: string) => `[${(byResponse.get(id) ?? []).join(',')}]`;
  return page.map((r) => [r.k, r.id, r.invitation, r.enterprise, r.creditCode, r.submittedAt, json(r.id)]);
}

export function responsesCsv(db: Db, campaignId: string, def: FormDefinition, pageRows = RESPONSE_PAGE_ROWS) {
  const columns = responseColumns(def);
  const at = new Map(columns.map((c, i) => [c.name, i]));
  const blank = columns.map(() => '');
  /** The response whose value a column holds last: a second value for it is appended, not written over. */
  const seen: string[] = [];
  const inline = answersJsonBound(def) <= MAX_ANSWERS_JSON;
  const rows = inline ? pageRows : Math.min(pageRows, PAGE_ROWS);
  const header = [
    zh('export.col.response'),
    zh('export.col.invitation'),
    zh('export.col.enterprise'),
    zh('export.col.creditCode'),
    zh('export.col.submittedAt'),
    ...columns.map((c) => c.title),
  ];
  const line = ([, id, invitation, enterprise, creditCode, submittedAt, json]: PageRow) => {
    const row: string[] = [id, invitation, enterprise, creditCode, chinaTime(submittedAt), ...blank];
    for (const [key, text, num] of JSON.parse(json ?? '[]') as Answer[]) {
      const i = at.get(key) ?? -1;
      const column = columns[i];
      if (!column) continue; // a key the form no longer has
      const value = column.label(text, num);
      // A multiple choice lists its labels in one cell, separated by the Chinese enumeration comma.
      row[5 + i] = seen[i] === id ? `${row[5 + i]}、${value}` : value;
      seen[i] = id;
    }
    return row;
  };

  return csvStream<Cursor>(header, async (cursor) => {
    let c = cursor;
    if (!c) {
      // The round's rowid span, so pages neither start at the table's first row nor scan past its last.
      const [[span]] = await readAll<[{ lo: number | null; hi: number | null }]>(db, [
        sql`SELECT min(rowid) AS lo, max(rowid) AS hi FROM responses WHERE campaign_id = ${campaignId}`,
      ]);
      if (span?.lo == null || span.hi == null) return { rows: [], next: null };
      c = { after: span.lo - 1, last: span.hi };
    }
    const page = await pageOf(db, campaignId, c, rows, inline);
    const last = page.at(-1);
    return { rows: page.map(line), next: page.length === rows && last ? { after: last[0], last: c.last } : null };
  });
}
