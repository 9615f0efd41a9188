import { type Context, Hono } from 'hono';
import { authoredDefinition, type FormDefinition } from '../../schema/form-definition';
import { parseDefinitionJson } from '../../schema/form-json';
import { TEMPLATE_IDS, TEMPLATES } from '../../schema/form-templates';
import { listQuery } from '../../schema/inputs/fields';
import { importFormInput, newFormInput } from '../../schema/inputs/forms';
import { forms } from '../../schema/survey-tables';
import { emptyForm, type FormState } from '../../web/components/fields';
import { translator } from '../../web/i18n';
import { FormListPage, NewFormPage } from '../../web/pages/admin/forms';
import { type IssueView, issueViews } from '../../web/pages/admin/forms-editor';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import { loadCatalogue } from '../lib/languages';
import { render } from '../lib/render';
import { parseStrictJson } from '../lib/strict-input';
import { toggleRoutes } from '../lib/toggle-routes';
import { newId } from '../lib/tokens';
import { fieldErrors, readForm, validateForm } from '../lib/validate';
import { builderRoutes } from './builder.routes';
import { layoutRoutes } from './builder-layout.routes';
import { insertForm, listForms } from './forms.queries';
import { versionRoutes } from './versions.routes';

/** 问卷表单: forms are data (DESIGN §4); a published version is immutable, editing makes the next draft. */
export const formRoutes = new Hono<AppEnv>();

formRoutes.get('/', async (c) => {
  const { q, page } = listQuery.parse(c.req.query());
  return render(c, <FormListPage {...(await listForms(c.get('db'), q, page))} q={q} />);
});

function newFormPage(c: Context<AppEnv>, form: FormState, importForm: FormState, importIssues: IssueView[] = []) {
  const lang = c.get('lang');
  const sources = [
    ...TEMPLATE_IDS.map((id) => ({ value: id, label: TEMPLATES[id].name[lang] || TEMPLATES[id].name.zh })),
    { value: 'blank', label: c.get('t')('form.new.blank') },
  ];
  const status = Object.keys(form.errors).length || Object.keys(importForm.errors).length ? 422 : 200;
  return render(c, <NewFormPage form={form} sources={sources} importForm={importForm} importIssues={importIssues} />, status);
}

formRoutes.get('/new', (c) => newFormPage(c, emptyForm(), emptyForm()));

/** One question, so the blank form is valid from the start and the editor shows the expected shape. */
async function blankDefinition(env: AppEnv['Bindings']): Promise<FormDefinition> {
  await loadCatalogue(env, 'en'); // its title and question in both languages, whatever the admin reads
  const [zh, en] = [translator('zh'), translator('en')];
  return authoredDefinition.parse({
    title: { zh: zh('form.blank.title'), en: en('form.blank.title') },
    pages: [{ questions: [{ key: 'q1', type: 'text', title: { zh: zh('form.blank.question'), en: en('form.blank.question') } }] }],
  });
}

async function create(
  c: Context<AppEnv>,
  definition: FormDefinition,
  form: { name: string; kind: 'survey' | 'memo_extra'; template: string | null },
  action: string,
) {
  const db = c.get('db');
  const id = newId();
  await db.batch([...insertForm(db, { id, ...form }, definition), auditStatement(db, c, { action, objectType: 'form', objectId: id })]);
  return c.redirect(`/admin/forms/${id}/versions/1`, 303);
}

formRoutes.post('/', async (c) => {
  const input = await validateForm(c, newFormInput);
  if (!input.ok) return newFormPage(c, input.state, emptyForm());
  const { source, kind } = input.data;
  if (source === 'blank') {
    const blank = await blankDefinition(c.env);
    return create(c, blank, { name: blank.title.zh, kind, template: null }, 'create');
  }
  const { name, definition } = TEMPLATES[source];
  return create(c, definition, { name: name.zh, kind: 'survey', template: source }, 'create');
});

formRoutes.post('/import', async (c) => {
  const t = c.get('t');
  const values = await readForm(c);
  const { file } = await c.req.parseBody(); // cached by Hono: the body is not read twice
  delete values.file;
  const parsed = importFormInput.safeParse(values);
  if (!parsed.success) return newFormPage(c, emptyForm(), { values, errors: fieldErrors(parsed.error, t) });
  const fail = (message: string, issues: IssueView[] = []) => newFormPage(c, emptyForm(), { values, errors: { file: message } }, issues);
  if (!(file instanceof File) || file.size === 0) return fail(t('form.err.noFile'));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer()).replace(/^\uFEFF/, '');
  } catch {
    return fail(t('form.err.notJson'));
  }
  const result = parseDefinitionJson(text, parseStrictJson);
  if (!result.ok) return fail(t('form.issues', { n: result.issues.length }), issueViews(result.issues, t));
  return create(c, result.definition, { name: result.definition.title.zh, kind: parsed.data.kind, template: null }, 'import');
});

// The form page, its versions and their builder, JSON editor, preview and export.
formRoutes.route('/', versionRoutes);
formRoutes.route('/', builderRoutes);
formRoutes.route('/', layoutRoutes);
toggleRoutes(formRoutes, forms, { objectType: 'form', back: '/admin/forms', effect: 'confirm.disable.form' });
