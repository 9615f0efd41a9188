// A form is data (DESIGN §4): pages of questions, each with a key, zh and en text, help, required and
// an optional show-if rule. This zod schema is the single definition of that data: the admin's JSON
// editor, form import, the built-in templates and the answer validator all go through it.
import * as z from 'zod';
import { onFirstUse } from './on-first-use';

export const localized = onFirstUse(() =>
  z.strictObject({ zh: z.string().trim().min(1).max(500), en: z.string().trim().max(500).default('') }),
);
export type Localized = z.output<typeof localized>;

const key = onFirstUse(() =>
  z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'form.err.key')
    .describe('lower-case key, stored with every answer'),
);

const option = onFirstUse(() => z.strictObject({ value: key, label: localized }));

/** Show the question only when some earlier question's answer is one of `values` (e.g. a reason after 不满意). */
export const showIf = onFirstUse(() =>
  z.strictObject({
    anyOf: z
      .array(z.strictObject({ question: z.string().regex(/^[a-z][a-z0-9_.]{0,80}$/), values: z.array(z.string().max(40)).min(1).max(20) }))
      .min(1)
      .max(20),
  }),
);

const base = onFirstUse(() => ({
  key,
  title: localized,
  help: localized.optional(),
  required: z.boolean().default(false),
  showIf: showIf.optional(),
}));

/** 非常满意 5 · 满意 4 · 基本满意 3 · 不满意 2 · 非常不满意 1; 不了解/不适用 is stored as "na" and never scored. */
export const LIKERT_VALUES = [5, 4, 3, 2, 1] as const;
export const NOT_APPLICABLE = 'na';

export const question = onFirstUse(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ ...base, type: z.literal('single'), options: z.array(option).min(2).max(30) }),
    z.strictObject({
      ...base,
      type: z.literal('multiple'),
      options: z.array(option).min(2).max(30),
      min: z.int().min(0).max(30).optional(),
      max: z.int().min(1).max(30).optional(),
    }),
    z.strictObject({ ...base, type: z.literal('likert'), allowNotApplicable: z.boolean().default(false) }),
    z.strictObject({
      ...base,
      type: z.literal('matrix'),
      rows: z
        .array(z.strictObject({ key, label: localized }))
        .min(1)
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
      // Keys must be unique, and a show-if rule may only look back at a question asked before it.
      const seen = new Set<string>();
      for (const [p, page] of form.pages.entries()) {
        for (const [i, q] of page.questions.entries()) {
          const at = (...rest: (string | number)[]) => ['pages', p, 'questions', i, ...rest];
          if (seen.has(q.key)) ctx.addIssue({ code: 'custom', message: 'form.err.duplicateKey', path: at('key') });
          for (const rule of q.showIf?.anyOf ?? []) {
            if (!seen.has(rule.question.split('.')[0] ?? ''))
              ctx.addIssue({ code: 'custom', message: 'form.err.showIfForward', path: at('showIf') });
          }
          seen.add(q.key);
          // Option values and matrix rows are stored with every answer and counted in rollups: one meaning each.
          const own =
            q.type === 'single' || q.type === 'multiple'
              ? q.options.map((o) => o.value)
              : q.type === 'matrix'
                ? q.rows.map((r) => r.key)
                : [];
          const repeated = own.findIndex((v, j) => own.indexOf(v) !== j);
          if (repeated >= 0)
            ctx.addIssue({
              code: 'custom',
              message: 'form.err.duplicateKey',
              path: at(q.type === 'matrix' ? 'rows' : 'options', repeated),
            });
          const bounds = q.type === 'multiple' || q.type === 'number' || q.type === 'date' ? [q.min, q.max] : [];
          if (bounds[0] !== undefined && bounds[1] !== undefined && bounds[0] > bounds[1]) {
            ctx.addIssue({ code: 'custom', message: 'form.err.minMax', path: at('max') });
          }
        }
      }
    }),
);
export type FormDefinition = z.output<typeof formDefinition>;

/** Every question of a form in order, flattened across pages. */
export const allQuestions = (form: FormDefinition): Question[] => form.pages.flatMap((p) => p.questions);

/** A definition's text in the reader's language; English falls back to Chinese when left empty. */
export const inLang = (text: Localized | undefined, lang: 'zh' | 'en'): string => (text ? (lang === 'en' && text.en) || text.zh : '');
