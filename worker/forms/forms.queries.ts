import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FormDefinition } from '../../schema/form-definition';
import { definitionText } from '../../schema/form-json';
import { onFirstUse } from '../../schema/on-first-use';
import { type FORM_KINDS, forms, formVersions } from '../../schema/survey-tables';
import type { Db } from '../app-env';
import { contains, pageOf } from '../lib/paging';
import { newId } from '../lib/tokens';

export type Form = typeof forms.$inferSelect;
export type FormVersion = typeof formVersions.$inferSelect;
export type FormSummary = Pick<Form, 'id' | 'name' | 'kind' | 'disabled' | 'updatedAt'> & {
  version: number | null;
  status: FormVersion['status'] | null;
};

/** The newest version's number of the form in the outer query (correlated; uses the (form_id, version) index). */
const latestVersion = onFirstUse(() => sql`(SELECT max(v.version) FROM form_versions v WHERE v.form_id = ${forms.id})`);

export function listForms(db: Db, q: string, page: number) {
  const where = q ? contains(forms.name, q) : undefined;
  return pageOf<FormSummary>(
    db,
    page,
    (limit, offset) =>
      db
        .select({
          id: forms.id,
          name: forms.name,
          kind: forms.kind,
          disabled: forms.disabled,
          updatedAt: forms.updatedAt,
          version: formVersions.version,
          status: formVersions.status,
        })
        .from(forms)
        .leftJoin(formVersions, and(eq(formVersions.formId, forms.id), eq(formVersions.version, latestVersion)))
        .where(where)
        .orderBy(desc(forms.updatedAt), asc(forms.id))
        .limit(limit)
        .offset(offset),
    forms,
    where,
  );
}

export const readForm = (db: Db, id: string) => db.select().from(forms).where(eq(forms.id, id)).get();

export const listVersions = (db: Db, formId: string) =>
  db.select().from(formVersions).where(eq(formVersions.formId, formId)).orderBy(desc(formVersions.version)).all();

export const readVersion = (db: Db, formId: string, version: number) =>
  db
    .select()
    .from(formVersions)
    .where(and(eq(formVersions.formId, formId), eq(formVersions.version, version)))
    .get();

/** A new form and its first draft, as two statements for the caller's batch. */
export function insertForm(
  db: Db,
  form: { id: string; name: string; kind: (typeof FORM_KINDS)[number]; template: string | null },
  definition: FormDefinition,
) {
  const now = Date.now();
  return [
    db.insert(forms).values({ ...form, createdAt: now, updatedAt: now }),
    db.insert(formVersions).values({ id: newId(), formId: form.id, version: 1, definition: definitionText(definition), createdAt: now }),
  ] as const;
}

/** Saves a draft. The status condition keeps a published version immutable even against a racing publish. */
export function updateDraft(db: Db, form: Form, versionId: string, definition: FormDefinition) {
  return [
    db
      .update(formVersions)
      .set({ definition: definitionText(definition) })
      .where(and(eq(formVersions.id, versionId), eq(formVersions.status, 'draft'))),
    // The list shows the form under its latest title.
    db.update(forms).set({ name: definition.title.zh, updatedAt: Date.now() }).where(eq(forms.id, form.id)),
  ] as const;
}

export function publishVersion(db: Db, formId: string, versionId: string) {
  const now = Date.now();
  return [
    db
      .update(formVersions)
      .set({ status: 'published', publishedAt: now })
      .where(and(eq(formVersions.id, versionId), eq(formVersions.status, 'draft'))),
    db.update(forms).set({ updatedAt: now }).where(eq(forms.id, formId)),
  ] as const;
}

/**
 * The next draft (version + 1) as a copy of `from`. Two racing clicks both ask for the same number,
 * and the (form_id, version) UNIQUE index lets only one of them through.
 */
export function insertNextDraft(db: Db, formId: string, nextVersion: number, from: FormVersion, id = newId()) {
  const now = Date.now();
  return [
    db.insert(formVersions).values({ id, formId, version: nextVersion, definition: from.definition, createdAt: now }),
    db.update(forms).set({ updatedAt: now }).where(eq(forms.id, formId)),
  ] as const;
}
