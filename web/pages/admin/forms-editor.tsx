// The JSON editor, for power users beside the builder (issue 18): the definition as text, beside a
// preview exactly as respondents see it.
// Without JavaScript the "preview" button re-renders this page from the server; with it, the island
// re-checks the text as it is typed.
import { type FormDefinition, inLang } from '../../../schema/form-definition';
import { DEFINITION_ISSUE_KEYS, type DefinitionIssue } from '../../../schema/form-json';
import { AdminShell } from '../../components/admin-shell';
import { Island } from '../../components/island';
import { SurveyFormView } from '../../components/survey/form-view';
import { usePage } from '../../context';
import type { Translate } from '../../i18n';
import type { FormJsonEditorProps, IssueView, Outline } from '../../islands/form-json-editor';
import type { VersionStatus } from './forms';

export type { IssueView };

export const issueViews = (issues: DefinitionIssue[], t: Translate): IssueView[] =>
  issues.map((i) => ({ path: i.path, message: t(i.key, i.params) }));

export function outlineOf(def: FormDefinition): Outline {
  return {
    pages: def.pages.map((p) => ({
      title: inLang(p.title, 'zh'),
      questions: p.questions.map((q) => ({ key: q.key, type: q.type, title: q.title.zh, required: q.required })),
    })),
  };
}

export function IssueList({ issues }: { issues: IssueView[] }) {
  const { t } = usePage();
  if (!issues.length) return null;
  return (
    <div role="alert">
      <p class="error">{t('form.issues', { n: issues.length })}</p>
      <ul class="errors">
        {issues.map((i) => (
          <li>
            <code>{i.path}</code>: {i.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

type EditorProps = {
  form: { id: string; name: string };
  version: { version: number; status: VersionStatus };
  text: string;
  issues: IssueView[];
  /** The definition to preview: the text's when it is valid, else none. */
  preview: FormDefinition | null;
  notice?: string;
};

export function FormEditorPage({ form, version, text, issues, preview, notice }: EditorProps) {
  const { t, lang } = usePage();
  const base = `/admin/forms/${form.id}/versions/${version.version}`;
  const draft = version.status === 'draft';
  const props: FormJsonEditorProps = {
    value: text,
    readOnly: !draft,
    describedBy: 'h-definition definition-status',
    issues,
    outline: preview ? outlineOf(preview) : null,
    messages: Object.fromEntries(DEFINITION_ISSUE_KEYS.map((k) => [k, t(k)])),
    labels: { issues: t('form.issues'), valid: t('form.valid'), checking: t('form.checking') },
  };
  return (
    <AdminShell title={`${form.name} · ${t('form.version', { v: version.version })}`}>
      <link rel="stylesheet" href="/assets/survey.css" />
      <p>
        <a href={base}>{t('action.back')}</a> · <a href={`${base}/preview`}>{t('form.preview')}</a> ·{' '}
        <a href={`${base}/export`}>{t('form.export')}</a>
      </p>
      {issues.length > 0 && (
        <p class="alert" role="alert">
          {t('form.invalid')}
        </p>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <div class="form-editor">
        {/* multipart: UTF-8 text travels as is, a third of its percent-encoded size under the 64 KB body limit */}
        <form method="post" action={`${base}/json`} enctype="multipart/form-data" class="card">
          <div class={issues.length ? 'field has-error' : 'field'}>
            <label for="f-definition">{t('form.definition')}</label>
            <small id="h-definition" class="hint">
              {draft ? t('form.definitionHint') : t('form.err.notDraft')}
            </small>
            <Island name="form-json-editor" props={props} />
          </div>
          {draft && (
            <div class="actions">
              <button type="submit" name="intent" value="preview">
                {t('form.preview')}
              </button>
              <button type="submit" name="intent" value="save" class="primary">
                {t('form.save')}
              </button>
            </div>
          )}
        </form>
        {preview && (
          <section class="card" aria-label={t('form.preview')}>
            <SurveyFormView
              definition={preview}
              lang={lang}
              values={{}}
              errors={{}}
              action={`${base}/preview`}
              submitLabel={t('form.submit')}
              disabled
            />
          </section>
        )}
      </div>
      <VersionActions base={base} draft={draft} />
    </AdminShell>
  );
}

/** Publishing a draft, or starting the next draft from a published version. */
export function VersionActions({ base, draft }: { base: string; draft: boolean }) {
  const { t } = usePage();
  return draft ? (
    <form method="post" action={`${base}/publish`} class="card">
      <p class="hint">{t('form.publishHint')}</p>
      <button type="submit" class="primary">
        {t('form.publish')}
      </button>
    </form>
  ) : (
    <form method="post" action={`${base}/next`} class="card">
      <button type="submit" class="primary">
        {t('form.newDraft')}
      </button>
    </form>
  );
}
