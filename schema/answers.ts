// Checks one respondent's answers against a form definition and normalises them into answer rows
// (DESIGN §3: one row per value, so statistics are SQL aggregates). Pure: it runs in the Worker on
// submit and in the browser, so both sides agree on every rule. HTML forms send strings ('form');
// the JSON API sends typed values ('json') and is held to them: "5" is not a number there.
import { type FormDefinition, LIKERT_VALUES, NOT_APPLICABLE, type Question } from './form-definition';
import { isCalendarDate } from './rules/china-time';

export type AnswerRow = { questionKey: string; numValue: number | null; textValue: string | null };

export const ANSWER_ERROR_KEYS = [
  'answer.err.required',
  'answer.err.unknown',
  'answer.err.type',
  'answer.err.choice',
  'answer.err.repeated',
  'answer.err.minChoices',
  'answer.err.maxChoices',
  'answer.err.number',
  'answer.err.integer',
  'answer.err.min',
  'answer.err.max',
  'answer.err.tooLong',
  'answer.err.nul',
  'answer.err.date',
] as const;
export type AnswerErrorKey = (typeof ANSWER_ERROR_KEYS)[number];
export type AnswerError = { key: AnswerErrorKey; params?: Record<string, string | number> };
export type AnswerResult = { ok: true; rows: AnswerRow[] } | { ok: false; errors: Record<string, AnswerError> };
export type AnswerSource = 'form' | 'json';

/** The comparable strings of a raw value: 2 and "2" both match a show-if value "2"; true is "yes". */
function asStrings(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(asStrings);
  if (typeof v === 'boolean') return [v ? 'yes' : 'no'];
  if (typeof v === 'string' || typeof v === 'number') return [String(v)];
  return [];
}

/**
 * Whether a question applies, given the answers so far. A rule naming a matrix question without a row
 * matches any of its rows. Callers that need chains of rules right pass values with hidden answers removed.
 */
export function isShown(q: Question, values: Record<string, unknown>): boolean {
  if (!q.showIf) return true;
  return q.showIf.anyOf.some((rule) => {
    const prefix = `${rule.question}.`;
    const raw = Object.keys(values)
      .filter((k) => k === rule.question || k.startsWith(prefix))
      .flatMap((k) => asStrings(values[k]));
    return raw.some((v) => rule.values.includes(v));
  });
}

/** The value names a question owns: its key, or one `${key}.${row}` per matrix row. */
export const fieldNames = (q: Question): string[] => (q.type === 'matrix' ? q.rows.map((r) => `${q.key}.${r.key}`) : [q.key]);

const isBlank = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
const hasNul = (v: unknown): boolean => (typeof v === 'string' ? v.includes('\u0000') : Array.isArray(v) && v.some(hasNul));

type One = { rows: AnswerRow[] } | { error: AnswerError };
const err = (key: AnswerErrorKey, params?: AnswerError['params']): One => ({ error: params ? { key, params } : { key } });
const num = (questionKey: string, n: number): One => ({ rows: [{ questionKey, numValue: n, textValue: null }] });
const txt = (questionKey: string, s: string): One => ({ rows: [{ questionKey, numValue: null, textValue: s }] });

/** A number from the form's text ("12.5", "-3") or the JSON's number; anything else is refused. */
function toNumber(v: unknown, source: AnswerSource): number | AnswerError {
  if (source === 'json') {
    if (typeof v !== 'number') return { key: 'answer.err.type' };
    return Number.isFinite(v) ? v : { key: 'answer.err.number' };
  }
  if (typeof v !== 'string') return { key: 'answer.err.type' };
  const s = v.trim();
  // Plain decimal notation only: "1e309" would otherwise become Infinity and "0x10" sixteen.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return { key: 'answer.err.number' };
  const n = Number(s);
  return Number.isFinite(n) ? n : { key: 'answer.err.number' };
}

/** One scale point: likert 1..5 (or "na" when allowed). */
function scalePoint(name: string, v: unknown, allowNa: boolean, source: AnswerSource): One {
  if (v === NOT_APPLICABLE) return allowNa ? txt(name, NOT_APPLICABLE) : err('answer.err.choice');
  const n = toNumber(v, source);
  if (typeof n !== 'number') return { error: n };
  return (LIKERT_VALUES as readonly number[]).includes(n) ? num(name, n) : err('answer.err.choice');
}

/** Validates and normalises one shown, non-blank value. */
function answerOf(q: Question, name: string, v: unknown, source: AnswerSource): One {
  switch (q.type) {
    case 'single':
      if (typeof v !== 'string') return err('answer.err.type');
      return q.options.some((o) => o.value === v) ? txt(name, v) : err('answer.err.choice');
    case 'multiple': {
      // A form with one box ticked sends a plain string; JSON must always send an array.
      const list = source === 'form' && typeof v === 'string' ? [v] : v;
      if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) return err('answer.err.type');
      if (new Set(list).size !== list.length) return err('answer.err.repeated');
      if (!list.every((x) => q.options.some((o) => o.value === x))) return err('answer.err.choice');
      if (q.min !== undefined && list.length < q.min) return err('answer.err.minChoices', { min: q.min });
      if (q.max !== undefined && list.length > q.max) return err('answer.err.maxChoices', { max: q.max });
      // Rows in the definition's order, whatever order the boxes were sent in.
      return {
        rows: q.options.filter((o) => list.includes(o.value)).map((o) => ({ questionKey: name, numValue: null, textValue: o.value })),
      };
    }
    case 'likert':
      return scalePoint(name, v, q.allowNotApplicable, source);
    case 'matrix':
      return scalePoint(name, v, q.allowNotApplicable, source);
    case 'rating': {
      const n = toNumber(v, source);
      if (typeof n !== 'number') return { error: n };
      if (!Number.isInteger(n)) return err('answer.err.integer');
      if (n < 0) return err('answer.err.min', { min: 0 });
      return n > 10 ? err('answer.err.max', { max: 10 }) : num(name, n);
    }
    case 'yesno': {
      const yes = source === 'json' && typeof v === 'boolean' ? v : v === 'yes' ? true : v === 'no' ? false : null;
      if (yes === null) return err(typeof v === 'string' ? 'answer.err.choice' : 'answer.err.type');
      return num(name, yes ? 1 : 0);
    }
    case 'text': {
      if (typeof v !== 'string') return err('answer.err.type');
      const s = v.trim();
      // UTF-16 code units, the unit the browser's maxlength counts in.
      return s.length > q.maxLength ? err('answer.err.tooLong', { max: q.maxLength }) : txt(name, s);
    }
    case 'number': {
      const n = toNumber(v, source);
      if (typeof n !== 'number') return { error: n };
      if (q.integer && !Number.isInteger(n)) return err('answer.err.integer');
      if (q.min !== undefined && n < q.min) return err('answer.err.min', { min: q.min });
      return q.max !== undefined && n > q.max ? err('answer.err.max', { max: q.max }) : num(name, n);
    }
    case 'date': {
      if (typeof v !== 'string') return err('answer.err.type');
      const s = v.trim();
      // A real calendar date; its bounds are the question's own min/max (a founding date may be 1995).
      if (!isCalendarDate(s)) return err('answer.err.date');
      if (q.min && s < q.min) return err('answer.err.min', { min: q.min });
      return q.max && s > q.max ? err('answer.err.max', { max: q.max }) : txt(name, s);
    }
  }
}

/**
 * Validates a whole response. Every problem is reported under the value's name (a matrix row under
 * `${key}.${row}`, an unknown name under itself). Hidden questions' answers are dropped, not checked.
 */
export function validateAnswers(def: FormDefinition, values: Record<string, unknown>, source: AnswerSource): AnswerResult {
  // A Map, so a hostile name such as "__proto__" is reported like any other instead of being assigned.
  const errors = new Map<string, AnswerError>();
  const rows: AnswerRow[] = [];
  const questions = def.pages.flatMap((p) => p.questions);
  const known = new Set(questions.flatMap(fieldNames));
  for (const name of Object.keys(values)) if (!known.has(name)) errors.set(name, { key: 'answer.err.unknown' });
  // Show-if is evaluated against shown answers only, so a rule on a hidden question never fires.
  const visible: Record<string, unknown> = {};
  for (const q of questions) {
    if (!isShown(q, visible)) continue;
    for (const name of fieldNames(q)) {
      // Own properties only: a question keyed "constructor" must not read Object.prototype.constructor.
      const v = Object.hasOwn(values, name) ? values[name] : undefined;
      if (hasNul(v)) errors.set(name, { key: 'answer.err.nul' });
      else if (Array.isArray(v) && q.type !== 'multiple') errors.set(name, { key: 'answer.err.type' });
      else if (isBlank(v)) {
        if (q.required) errors.set(name, { key: 'answer.err.required' });
        continue;
      }
      if (errors.has(name)) continue;
      const one = answerOf(q, name, v, source);
      if ('error' in one) errors.set(name, one.error);
      else {
        rows.push(...one.rows);
        visible[name] = v;
      }
    }
  }
  return errors.size ? { ok: false, errors: Object.fromEntries(errors) } : { ok: true, rows };
}

/** The option label a row counts under in the option_counts rollup. */
export const rollupOption = (row: AnswerRow): string => row.textValue ?? String(row.numValue);
