// Fixtures of the form builder's tests (issue 18): a form made through the UI, its stored draft, and
// a builder move posted as the page's forms post it.
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { type FormDefinition, formDefinition } from '../../schema/form-definition';
import { formVersions } from '../../schema/survey-tables';
import { auditLog } from '../../schema/tables';
import { db, postForm } from '../fixtures';

/** Creates a form through the UI (blank: one sample text question `q1`) and returns its builder's path. */
export async function newForm(cookie: string, source = 'blank'): Promise<string> {
  const res = await postForm('/admin/forms', { source, kind: 'survey' }, { cookie });
  expect(res.status).toBe(303);
  const location = res.headers.get('location') ?? '';
  expect(location).toMatch(/^\/admin\/forms\/[0-9a-f-]{36}\/versions\/1$/);
  return location;
}

const parts = (base: string) => {
  const [, formId = '', v = ''] = /forms\/([0-9a-f-]{36})\/versions\/(\d+)/.exec(base) ?? [];
  return { formId, version: Number(v) };
};

/** The stored row of the version the builder at `base` edits. */
export async function versionRow(base: string) {
  const { formId, version } = parts(base);
  const row = await db()
    .select()
    .from(formVersions)
    .where(and(eq(formVersions.formId, formId), eq(formVersions.version, version)))
    .get();
  if (!row) throw new Error(`no version at ${base}`);
  return row;
}

/** The stored draft, parsed as every reader parses it. */
export const stored = async (base: string): Promise<FormDefinition> =>
  formDefinition.parse(JSON.parse((await versionRow(base)).definition));

/** The stored definition's questions as `key:type` in order, pages separated by `|`. */
export const outline = async (base: string) =>
  (await stored(base)).pages.map((p) => p.questions.map((q) => `${q.key}:${q.type}`).join(' ')).join(' | ');

/** A builder move: posts one of the page's forms and returns the response. */
export const move = (cookie: string, base: string, path: string, data: Record<string, string | string[]>) =>
  postForm(`${base}${path}`, data, { cookie });

/** The builder moves audited for the version (the `move` of each audit row's detail). */
export async function auditedMoves(base: string): Promise<string[]> {
  const row = await versionRow(base);
  const rows = await db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.objectType, 'form_version'), eq(auditLog.objectId, row.id)))
    .all();
  return rows.map((r) => String(JSON.parse(r.detail ?? '{}').move ?? r.action));
}

/** The editor's fields for a question as the builder shows them, for tests that change one or two. */
export function editorFields(q: string, over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return { q, key: q, kind: 'single', title_zh: '题目', title_en: '', help_zh: '', help_en: '', op: 'save', ...over };
}
