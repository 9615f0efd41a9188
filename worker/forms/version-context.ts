// What every page of one form version starts from: the form, the version and the version's base URL,
// or a 404; and saving its draft. Shared by the builder, the JSON editor, preview, export and publishing.
import type { Context } from 'hono';
import { type FormDefinition, formDefinition } from '../../schema/form-definition';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import { notFound } from '../lib/errors';
import { readForm, readVersion, updateDraft } from './forms.queries';

export const ID = '/:id{[0-9a-f-]{36}}';
export const V = `${ID}/versions/:v{[1-9][0-9]{0,5}}`;

export async function loadForm(c: Context<AppEnv>) {
  const form = await readForm(c.get('db'), c.req.param('id') ?? '');
  if (!form) throw notFound();
  return form;
}

export async function loadVersion(c: Context<AppEnv>) {
  const form = await loadForm(c);
  const version = await readVersion(c.get('db'), form.id, Number(c.req.param('v')));
  if (!version) throw notFound();
  return { form, version, base: `/admin/forms/${form.id}/versions/${version.version}` };
}
export type VersionContext = Awaited<ReturnType<typeof loadVersion>>;

/** Stored definitions were validated on the way in; parsing again also fills any defaults added since. */
export const storedDefinition = (text: string) => formDefinition.parse(JSON.parse(text));

/** Stores a draft's new definition in one batch with its audit row (`detail` says what changed it). */
export async function saveDraft(c: Context<AppEnv>, ctx: VersionContext, definition: FormDefinition, detail: Record<string, string> = {}) {
  const db = c.get('db');
  const { form, version } = ctx;
  await db.batch([
    ...updateDraft(db, form, version.id, definition),
    auditStatement(db, c, {
      action: 'update',
      objectType: 'form_version',
      objectId: version.id,
      detail: { form: form.id, version: version.version, ...detail },
    }),
  ]);
}
