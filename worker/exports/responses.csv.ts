// 答卷明细: one row per response, one column per question (a matrix: one per row), option labels rather
// than codes, with the invitation and the enterprise (admins only, DESIGN §7). Streamed in keyset pages
// over (submitted_at, id) on index responses_campaign_submitted_idx; each page's answers come in the
// same round trip through answers_response_idx.
import { sql } from 'drizzle-orm';
import { allQuestions, type FormDefinition, inLang, NOT_APPLICABLE, type Question } from '../../schema/form-definition';
import type { Db } from '../app-env';
import { csvStream } from '../lib/csv-write';
import { readAll } from '../stats/sql';
import { type Cursor, chinaTime, PAGE_ROWS, zh } from './format';

type Column = { name: string; title: string; question: Question };
type AnswerRow = { responseId: string; questionKey: string; numValue: number | null; textValue: string | null };
type ResponseRow = { id: string; submittedAt: number; invitationId: string; enterprise: string; creditCode: string };

const LIKERT: Record<string, string> = {
  '5': 'stats.likert.5',
  '4': 'stats.likert.4',
  '3': 'stats.likert.3',
  '2': 'stats.likert.2',
  '1': 'stats.likert.1',
};

export function responseColumns(def: FormDefinition): Column[] {
  return allQuestions(def).flatMap((q): Column[] =>
    q.type === 'matrix'
      ? q.rows.map((r) => ({ name: `${q.key}.${r.key}`, title: `${inLang(q.title, 'zh')} · ${inLang(r.label, 'zh')}`, question: q }))
      : [{ name: q.key, title: inLang(q.title, 'zh'), question: q }],
  );
}

/** One answer value as the respondent saw it. */
function label(q: Question, a: AnswerRow): string {
  const text = a.textValue;
  const num = a.numValue === null ? '' : String(a.numValue);
  switch (q.type) {
    case 'likert':
    case 'matrix':
      return text === NOT_APPLICABLE ? zh('stats.likert.na') : zh((LIKERT[num] ?? 'stats.likert.na') as 'stats.likert.na');
    case 'single':
    case 'multiple':
      return inLang(q.options.find((o) => o.value === text)?.label, 'zh') || (text ?? '');
    case 'yesno':
      return a.numValue === null ? '' : zh(a.numValue ? 'yes' : 'no');
    default:
      return text ?? num;
  }
}

const pageSql = (campaignId: string, after: Cursor | null) =>
  after
    ? sql`r.campaign_id = ${campaignId} AND r.submitted_at >= ${after.at} AND (r.submitted_at > ${after.at} OR r.id > ${after.id})`
    : sql`r.campaign_id = ${campaignId}`;

export function responsesCsv(db: Db, campaignId: string, def: FormDefinition) {
  const columns = responseColumns(def);
  const header = [
    zh('export.col.response'),
    zh('export.col.invitation'),
    zh('export.col.enterprise'),
    zh('export.col.creditCode'),
    zh('export.col.submittedAt'),
    ...columns.map((c) => c.title),
  ];
  return csvStream<Cursor>(header, async (after) => {
    const where = pageSql(campaignId, after);
    const [responses, answers] = await readAll<[ResponseRow, AnswerRow]>(db, [
      sql`SELECT r.id, r.submitted_at AS submittedAt, r.invitation_id AS invitationId, e.name AS enterprise, e.credit_code AS creditCode
        FROM responses r JOIN invitations i ON i.id = r.invitation_id JOIN enterprises e ON e.id = i.enterprise_id
        WHERE ${where} ORDER BY r.submitted_at, r.id LIMIT ${PAGE_ROWS}`,
      sql`SELECT a.response_id AS responseId, a.question_key AS questionKey, a.num_value AS numValue, a.text_value AS textValue
        FROM answers a WHERE a.response_id IN (SELECT r.id FROM responses r WHERE ${where} ORDER BY r.submitted_at, r.id LIMIT ${PAGE_ROWS})
        ORDER BY a.id`,
    ]);
    const byResponse = new Map<string, Map<string, string[]>>();
    const column = new Map(columns.map((c) => [c.name, c]));
    for (const a of answers) {
      const c = column.get(a.questionKey);
      if (!c) continue;
      const values = byResponse.get(a.responseId) ?? new Map<string, string[]>();
      byResponse.set(a.responseId, values);
      values.set(a.questionKey, [...(values.get(a.questionKey) ?? []), label(c.question, a)]);
    }
    const rows = responses.map((r) => {
      const values = byResponse.get(r.id);
      // A multiple choice lists its labels in one cell, separated by the Chinese enumeration comma.
      return [
        r.id,
        r.invitationId,
        r.enterprise,
        r.creditCode,
        chinaTime(r.submittedAt),
        ...columns.map((c) => (values?.get(c.name) ?? []).join('、')),
      ];
    });
    const last = responses.at(-1);
    return { rows, next: responses.length === PAGE_ROWS && last ? { at: last.submittedAt, id: last.id } : null };
  });
}
