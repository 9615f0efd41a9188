// The answer columns of the responses CSV (答卷明细): one per question (a matrix: one per row), option
// labels rather than codes, in Chinese whatever the admin's language (DESIGN §7). Shared by the export
// and the submission batch: a response's answer cells depend only on its answers and its form version,
// and neither changes after submission, so the batch stores them written (responses.csv_cells) and the
// export only joins them to the invitation and enterprise columns — decoding each response's answers
// per download was most of the export's CPU (bench/notes.md). Responses stored before that column
// (migration 0009) are written here at export time, from their answer rows.
import { allQuestions, type FormDefinition, inLang, NOT_APPLICABLE, type Question } from '../../schema/form-definition';
import { csvLine } from '../lib/csv';
import type { ColumnType } from '../lib/sheet';
import { zh } from './format';

type Label = (text: string | null, num: number | null) => string;
/** An answer column: its key, its header, how a stored value reads, and the kind of value for .xlsx. */
export type AnswerColumn = { name: string; title: string; label: Label; type: ColumnType };

/** Numbers stay numbers in .xlsx, dates become dates; every label is text. */
const typeOf = (q: Question): ColumnType =>
  q.type === 'number' || q.type === 'rating' ? 'number' : q.type === 'date' ? 'date' : q.type === 'text' ? 'longText' : 'text';
/** An answer as json_array(question_key, num_value, text_value) writes it, and as the submission batch sends it. */
export type Answer = [string, number | null, string | null];

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

export function responseColumns(def: FormDefinition): AnswerColumn[] {
  return allQuestions(def).flatMap((q): AnswerColumn[] => {
    const label = labelOf(q);
    const type = typeOf(q);
    return q.type === 'matrix'
      ? q.rows.map((r) => ({ name: `${q.key}.${r.key}`, title: `${inLang(q.title, 'zh')} · ${inLang(r.label, 'zh')}`, label, type }))
      : [{ name: q.key, title: inLang(q.title, 'zh'), label, type }];
  });
}

export type CellWriter = (answers: readonly Answer[]) => string;

/** One response's answer cells as CSV text: csvCell'd, comma-joined, no line end. */
export function cellWriter(def: FormDefinition): CellWriter {
  const values = answerValues(def);
  return (answers) => csvLine(values(answers));
}

/**
 * One response's answer cells as the labels the respondent saw, one per column. A key the form does
 * not have is left out; a second value for a column (a multiple choice) is appended after 、.
 */
export function answerValues(def: FormDefinition): (answers: readonly Answer[]) => string[] {
  const columns = responseColumns(def);
  const at = new Map(columns.map((c, i) => [c.name, i]));
  const blank = columns.map(() => '');
  const filled = columns.map(() => false);
  return (answers) => {
    const cells = blank.slice();
    const seen = filled.slice();
    for (const [key, num, text] of answers) {
      const i = at.get(key);
      const column = i === undefined ? undefined : columns[i];
      if (i === undefined || !column) continue;
      const value = column.label(text, num);
      // A multiple choice lists its labels in one cell, separated by the Chinese enumeration comma.
      cells[i] = seen[i] ? `${cells[i]}、${value}` : value;
      seen[i] = true;
    }
    return cells;
  };
}

// Form definitions are parsed once per isolate and kept (worker/surveys/answer.queries.ts), so their
// writers can be kept by identity.
const writers = new WeakMap<FormDefinition, CellWriter>();
/** The CSV answer cells of a submission's answers, for responses.csv_cells. */
export function csvCells(def: FormDefinition, answers: readonly Answer[]): string {
  let write = writers.get(def);
  if (!write) {
    write = cellWriter(def);
    writers.set(def, write);
  }
  return write(answers);
}
