// Form-engine seam for the memo's optional extra fields (DESIGN §3: forms of kind 'memo_extra').
// The form engine (rendering questions, validating answers) is built separately; this file is the one
// place the memo feature meets it:
//   1. `publishedMemoExtra` finds the published memo_extra version (null = render nothing, which is
//      today's behaviour and keeps the memo form strict: any `extra.*` field is an unknown field).
//   2. When the engine lands, MemoFormPage renders its questions (input names `extra.<key>`) in the
//      `extra` slot, the memo route splits `extra.*` off the posted form before memoInput, validates
//      them with the engine against `definition`, and memoStatements stores
//      { extraFormVersionId: versionId, extra: JSON answers } instead of `noExtra`.
import { and, desc, eq } from 'drizzle-orm';
import { type FormDefinition, formDefinition } from '../../schema/form-definition';
import { forms, formVersions } from '../../schema/survey-tables';
import type { Db } from '../app-env';

export type MemoExtra = { versionId: string; definition: FormDefinition };

/** The latest published version of the active memo_extra form, or null when none is published. */
export async function publishedMemoExtra(db: Db): Promise<MemoExtra | null> {
  const row = await db
    .select({ id: formVersions.id, definition: formVersions.definition })
    .from(formVersions)
    .innerJoin(forms, eq(forms.id, formVersions.formId))
    .where(and(eq(forms.kind, 'memo_extra'), eq(forms.disabled, false), eq(formVersions.status, 'published')))
    .orderBy(desc(formVersions.publishedAt))
    .get();
  if (!row) return null;
  const parsed = formDefinition.safeParse(JSON.parse(row.definition));
  return parsed.success ? { versionId: row.id, definition: parsed.data } : null;
}
