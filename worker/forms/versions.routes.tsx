import { Hono } from 'hono';
import type { FormDefinition } from '../../schema/form-definition';
import { parseDefinitionJson } from '../../schema/form-json';
import { draftInput } from '../../schema/inputs/forms';
import { FormDetailPage } from '../../web/pages/admin/forms-detail';
import { FormEditorPage, type IssueView, issueViews } from '../../web/pages/admin/forms-editor';
import { FormPreviewPage } from '../../web/pages/admin/forms-preview';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import { isUniqueViolation } from '../lib/db';
import { attachment } from '../lib/filename';
import { render } from '../lib/render';
import { parseStrictJson } from '../lib/strict-input';
import { newId } from '../lib/tokens';
import { validateForm } from '../lib/validate';
import { insertNextDraft, listVersions, publishVersion } from './forms.queries';
import { ID, loadForm, loadVersion, saveDraft, storedDefinition, V } from './version-context';

/** A form's versions: exactly one editable draft at a time; a published version never changes. */
export const versionRoutes = new Hono<AppEnv>();

versionRoutes.get(ID, async (c) => {
  const form = await loadForm(c);
  const published = Number(c.req.query('published'));
  const notice = Number.isInteger(published) && published > 0 ? c.get('t')('form.published', { v: published }) : undefined;
  return render(c, <FormDetailPage form={form} versions={await listVersions(c.get('db'), form.id)} notice={notice} />);
});

// The JSON editor, for power users: the whole definition as text (issue 18 keeps it beside the builder).
versionRoutes.get(`${V}/json`, async (c) => {
  const { form, version } = await loadVersion(c);
  const notice = c.req.query('saved') === '1' ? c.get('t')('form.saved.draft') : undefined;
  return render(
    c,
    <FormEditorPage
      form={form}
      version={version}
      text={version.definition}
      issues={[]}
      preview={storedDefinition(version.definition)}
      notice={notice}
    />,
  );
});

versionRoutes.post(`${V}/json`, async (c) => {
  const _db = c.get('db');
  const t = c.get('t');
  const { form, version, base } = await loadVersion(c);
  const input = await validateForm(c, draftInput);
  const editor = (text: string, issues: IssueView[], preview: FormDefinition | null, status: 200 | 409 | 422, notice?: string) =>
    render(c, <FormEditorPage form={form} version={version} text={text} issues={issues} preview={preview} notice={notice} />, status);
  if (!input.ok) {
    const typed = input.state.values.definition;
    const issues = Object.entries(input.state.errors).map(([path, message]) => ({ path, message }));
    return editor(typeof typed === 'string' ? typed : '', issues, null, 422);
  }
  const { definition: text, intent } = input.data;
  if (version.status !== 'draft') return editor(text, [], null, 409, t('form.err.notDraft'));
  const result = parseDefinitionJson(text, parseStrictJson);
  if (!result.ok) return editor(text, issueViews(result.issues, t), null, 422);
  if (intent === 'preview') return editor(text, [], result.definition, 200);
  await saveDraft(c, { form, version, base }, result.definition);
  return c.redirect(`${base}/json?saved=1`, 303);
});

versionRoutes.post(`${V}/publish`, async (c) => {
  const db = c.get('db');
  const { form, version } = await loadVersion(c);
  if (version.status === 'draft') {
    await db.batch([
      ...publishVersion(db, form.id, version.id),
      auditStatement(db, c, {
        action: 'publish',
        objectType: 'form_version',
        objectId: version.id,
        detail: { form: form.id, version: version.version },
      }),
    ]);
  }
  return c.redirect(`/admin/forms/${form.id}?published=${version.version}`, 303);
});

/** "Edit" on a published version: the next draft, a copy of it. An existing draft is reused, never doubled. */
versionRoutes.post(`${V}/next`, async (c) => {
  const db = c.get('db');
  const { form, version } = await loadVersion(c);
  const versions = await listVersions(db, form.id);
  const draft = versions.find((v) => v.status === 'draft');
  if (draft) return c.redirect(`/admin/forms/${form.id}/versions/${draft.version}`, 303);
  const next = (versions[0]?.version ?? 0) + 1;
  const id = newId();
  try {
    await db.batch([
      ...insertNextDraft(db, form.id, next, version, id),
      auditStatement(db, c, {
        action: 'create',
        objectType: 'form_version',
        objectId: id,
        detail: { form: form.id, version: next, from: version.version },
      }),
    ]);
  } catch (err) {
    // Another click made version `next` first: it is the one draft, so go there.
    if (!isUniqueViolation(err)) throw err;
  }
  return c.redirect(`/admin/forms/${form.id}/versions/${next}`, 303);
});

versionRoutes.get(`${V}/preview`, async (c) => {
  const { version, base } = await loadVersion(c);
  return render(c, <FormPreviewPage definition={storedDefinition(version.definition)} back={base} />);
});

versionRoutes.get(`${V}/export`, async (c) => {
  const { form, version } = await loadVersion(c);
  return c.body(`${version.definition}\n`, 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': attachment(`${form.name}-v${version.version}.json`, `form-v${version.version}.json`),
    'Cache-Control': 'no-store',
  });
});
