// A form is data (DESIGN §4): pages of questions, each with a key, zh and en text, help, required and
// an optional show-if rule. This zod schema is the single definition of that data: the admin's JSON
// editor, form import, the built-in templates and the answer validator all go through it.
import * as z from 'zod';
import { onFirstUse } from './on-first-use';

export const localized = onFirstUse(() =>
  z.strictObject({ zh: z.string().trim().min(1).max(500), en: z.string().trim().max(500).default('') }),
);
export type Localized = z.output<typeof localized>;

export const key = onFirstUse(() =>
  z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'form.err.key')
    .describe('lower-case key, stored with every answer'),
);

const option = onFirstUse(() => z.strictObject({ value: key, label: localized }));
/** A choice needs something to choose between; the builder shows this beside its option list (issue 18). */
const options = onFirstUse(() => z.array(option).min(2, 'form.err.noOptions').max(30));

/** Show the question only when some earlier question's answer is one of `values` (e.g. a reason after 不满意). */
export const showIf = onFirstUse(() =>
  z.strictObject({
    anyOf: z
      .array(z.strictObject({ question: z.string().regex(/^[a-z][a-z0-9_.]{0,80}$/), values: z.array(z.string().max(40)).min(1).max(20) }))
      .min(1)
      .max(20),
  }),
);

const base = {
  key,
  title: localized,
  help: localized.optional(),
  required: z.boolean().default(false),
  showIf: showIf.optional(),
};

/** 非常满意 5 · 满意 4 · 基本满意 3 · 不满意 2 · 非常不满意 1; 不了解/不适用 is stored as "na" and never scored. */
export const LIKERT_VALUES = [5, 4, 3, 2, 1] as const;
export const NOT_APPLICABLE = 'na';

export const question = onFirstUse(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ ...base, type: z.literal('single'), options }),
    z.strictObject({
      ...base,
      type: z.literal('multiple'),
      options,
      min: z.int().min(0).max(30).optional(),
      max: z.int().min(1).max(30).optional(),
    }),
    z.strictObject({ ...base, type: z.literal('likert'), allowNotApplicable: z.boolean().default(false) }),
    z.strictObject({
      ...base,
      type: z.literal('matrix'),
      rows: z
        .array(z.strictObject({ key, label: localized }))
        .min(1, 'form.err.noRows')
        .max(30),
      allowNotApplicable: z.boolean().default(false),
    }),
    z.strictObject({ ...base, type: z.literal('rating') }),
    z.strictObject({ ...base, type: z.literal('yesno') }),
    z.strictObject({
      ...base,
      type: z.literal('text'),
      multiline: z.boolean().default(false),
      maxLength: z.int().min(1).max(5000).default(500),
    }),
    z.strictObject({
      ...base,
      type: z.literal('number'),
      min: z.number().finite().optional(),
      max: z.number().finite().optional(),
      integer: z.boolean().default(false),
    }),
    z.strictObject({ ...base, type: z.literal('date'), min: z.iso.date().optional(), max: z.iso.date().optional() }),
  ]),
);
export type Question = z.output<typeof question>;
export type QuestionType = Question['type'];

export const formDefinition = onFirstUse(() =>
  z
    .strictObject({
      title: localized,
      intro: localized.optional(),
      pages: z
        .array(z.strictObject({ title: localized.optional(), questions: z.array(question).min(1).max(100) }))
        .min(1)
        .max(20),
    })
    .superRefine((form, ctx) => {
      const questions = form.pages.flatMap((page, p) => page.questions.map((q, i) => ({ q, at: ['pages', p, 'questions', i] })));
      const byKey = new Map<string, { q: Question; n: number }>();
      for (const [n, { q }] of questions.entries()) if (!byKey.has(q.key)) byKey.set(q.key, { q, n });
      for (const [n, { q, at }] of questions.entries()) {
        const issue = (message: string, ...rest: (string | number)[]) => ctx.addIssue({ code: 'custom', message, path: [...at, ...rest] });
        // Keys must be unique: every answer is stored under its question's key.
        if (byKey.get(q.key)?.n !== n) issue('form.err.duplicateKey', 'key');
        for (const rule of q.showIf?.anyOf ?? []) {
          const message = showIfProblem(rule, n, byKey);
          if (message) issue(message, 'showIf');
        }
        // Option values and matrix rows are stored with every answer and counted in rollups: one meaning each,
        // and one label each, or a respondent could not tell two of them apart.
        const own = q.type === 'single' || q.type === 'multiple' ? q.options : q.type === 'matrix' ? q.rows : [];
        const field = q.type === 'matrix' ? 'rows' : 'options';
        const values = own.map((o) => ('value' in o ? o.value : o.key));
        const repeated = values.findIndex((v, j) => values.indexOf(v) !== j);
        if (repeated >= 0) issue('form.err.duplicateKey', field, repeated);
        const labels = own.map((o) => o.label.zh);
        const relabelled = labels.findIndex((l, j) => labels.indexOf(l) !== j);
        if (relabelled >= 0) issue('form.err.duplicateLabel', field, relabelled);
        const bounds = q.type === 'multiple' || q.type === 'number' || q.type === 'date' ? [q.min, q.max] : [];
        if (bounds[0] !== undefined && bounds[1] !== undefined && bounds[0] > bounds[1]) issue('form.err.minMax', 'max');
        // "Choose at least 5" of three options could never be answered.
        if (q.type === 'multiple') {
          if ((q.min ?? 0) > q.options.length) issue('form.err.choiceBounds', 'min');
          if ((q.max ?? 0) > q.options.length) issue('form.err.choiceBounds', 'max');
        }
      }
    }),
);

/** The values a show-if rule may name for a question: what a respondent can answer to it. */
export function answerValues(q: Question): string[] | null {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return q.options.map((o) => o.value);
    case 'likert':
    case 'matrix':
      return [...LIKERT_VALUES.map(String), ...(q.allowNotApplicable ? [NOT_APPLICABLE] : [])];
    case 'rating':
      return Array.from({ length: 11 }, (_, i) => String(i));
    case 'yesno':
      return ['yes', 'no'];
    default:
      return null; // free text, numbers and dates: no fixed answers to name
  }
}

/**
 * Why a show-if rule of the question at position `n` cannot work, or null: it must look back at a
 * question asked before this one (`key`, or `key.row` for one matrix row), which has fixed answers,
 * and name only answers that question can have.
 */
function showIfProblem(rule: { question: string; values: string[] }, n: number, byKey: Map<string, { q: Question; n: number }>) {
  const dot = rule.question.indexOf('.');
  const key = dot < 0 ? rule.question : rule.question.slice(0, dot);
  const row = dot < 0 ? undefined : rule.question.slice(dot + 1);
  const target = byKey.get(key);
  if (!target || (row !== undefined && (target.q.type !== 'matrix' || !target.q.rows.some((r) => r.key === row))))
    return 'form.err.showIfMissing';
  if (target.n >= n) return 'form.err.showIfForward';
  const allowed = answerValues(target.q);
  if (!allowed) return 'form.err.showIfType';
  return rule.values.every((v) => allowed.includes(v)) ? null : 'form.err.showIfValue';
}

export type FormDefinition = z.output<typeof formDefinition>;

/** Every question of a form in order, flattened across pages. */
export const allQuestions = (form: FormDefinition): Question[] => form.pages.flatMap((p) => p.questions);

/** A definition's text in the reader's language; English falls back to Chinese when left empty. */
export const inLang = (text: Localized | undefined, lang: 'zh' | 'en'): string => (text ? (lang === 'en' && text.en) || text.zh : '');
