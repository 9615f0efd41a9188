// Input schemas of the form builder's forms (issue 18). Each form makes one move on the draft; the
// definition that results is then checked whole by schema/form-definition.ts, so the builder, the JSON
// editor and import refuse exactly the same definitions.
import * as z from 'zod';
import { key, type Question } from '../form-definition';
import { onFirstUse } from '../on-first-use';
import { checkbox, optionalText, text } from './fields';

/** The question types as offices name them (问卷星, 腾讯问卷): short and long text are two types there. */
export const BUILDER_KINDS = ['single', 'multiple', 'likert', 'matrix', 'rating', 'yesno', 'text', 'textarea', 'number', 'date'] as const;
export type BuilderKind = (typeof BUILDER_KINDS)[number];

export const kindOf = (q: Question): BuilderKind => (q.type === 'text' && q.multiline ? 'textarea' : q.type);

const kind = onFirstUse(() => z.enum(BUILDER_KINDS, 'err.invalidChoice'));
/** A page number as shown (1-based); a definition has at most 20 pages. */
const page = onFirstUse(() =>
  z
    .string()
    .regex(/^[1-9][0-9]?$/, 'err.invalidChoice')
    .transform((s) => Number(s) - 1),
);
/** The question a move applies to, by its key. */
const target = { q: key };
const many = onFirstUse(() =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
);

export const metaInput = onFirstUse(() =>
  z.strictObject({
    title_zh: text(500),
    title_en: optionalText(500),
    intro_zh: optionalText(500),
    intro_en: optionalText(500),
  }),
);

export const addInput = onFirstUse(() => z.strictObject({ page, kind, title_zh: text(500) }));

export const moveInput = onFirstUse(() => z.strictObject({ ...target, dir: z.enum(['up', 'down'], 'err.invalidChoice') }));

/** Delete a question, or start a new page after it. */
export const questionRef = onFirstUse(() => z.strictObject(target));

export const pageInput = onFirstUse(() => z.strictObject({ page }));

export const pageTitleInput = onFirstUse(() => z.strictObject({ page, title_zh: optionalText(500), title_en: optionalText(500) }));

/** Question-bank items as `template:key`, e.g. `satisfaction:attitude`. */
export const bankInput = onFirstUse(() =>
  z.strictObject({
    page,
    items: many.pipe(
      z
        .array(z.string().regex(/^[a-z]+:[a-z][a-z0-9_]{0,39}$/, 'err.invalidChoice'))
        .min(1, 'builder.err.noItems')
        .max(100),
    ),
  }),
);

/**
 * One question's editor. Type-specific fields arrive only for the types that show them; numbers stay
 * text here because what they mean (whole numbers, decimals, dates) depends on the type.
 * `op=kind` applies the edits and changes the type; `op=save` applies them.
 */
export const questionInput = onFirstUse(() =>
  z.strictObject({
    ...target,
    op: z.enum(['save', 'kind'], 'err.invalidChoice').default('save'),
    key,
    kind,
    title_zh: text(500),
    title_en: optionalText(500),
    help_zh: optionalText(500),
    help_en: optionalText(500),
    required: checkbox,
    options: z.string().max(20_000).optional(),
    rows: z.string().max(20_000).optional(),
    min: z.string().trim().max(32).optional(),
    max: z.string().trim().max(32).optional(),
    maxLength: z.string().trim().max(32).optional(),
    integer: checkbox,
    allowNa: checkbox,
    /** Ticked show-if boxes, each `question=value` (`question.row=value` for one matrix row). */
    showIf: many.pipe(z.array(z.string().regex(/^[a-z][a-z0-9_.]{0,80}=[^=]{1,40}$/, 'builder.err.showIf')).max(200)),
  }),
);
export type QuestionInput = z.output<typeof questionInput>;
