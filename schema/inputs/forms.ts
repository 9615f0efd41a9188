// Input schemas of the admin's form pages (问卷表单). The definition itself arrives as JSON text and
// is checked by schema/form-json.ts, which can say where in the text a problem is.
import * as z from 'zod';
import { onFirstUse } from '../on-first-use';
import { FORM_KINDS } from '../survey-tables';

export const FORM_SOURCES = ['satisfaction', 'programme', 'blank'] as const;
const kind = onFirstUse(() => z.enum(FORM_KINDS, 'err.invalidChoice').default('survey'));

/** "New form": a built-in template or a blank form. */
export const newFormInput = onFirstUse(() => z.strictObject({ source: z.enum(FORM_SOURCES, 'err.invalidChoice'), kind }));
export type NewFormInput = z.output<typeof newFormInput>;

/** The import form's text fields; the file is read separately. */
export const importFormInput = onFirstUse(() => z.strictObject({ kind }));

/** 64 KB is the app's request limit (worker/app.tsx); a 20-page, 100-question form fits well under it. */
export const MAX_DEFINITION_CHARS = 60_000;

/** The draft editor: the JSON text exactly as typed (never trimmed), and which button was pressed. */
export const draftInput = onFirstUse(() =>
  z.strictObject({
    definition: z.string().min(1, 'err.required').max(MAX_DEFINITION_CHARS),
    intent: z.enum(['save', 'preview'], 'err.invalidChoice').default('save'),
  }),
);
