// The form builder (issue 18): the draft's pages and questions as cards, each with its moves; one
// question's editor at a time; the question bank; and the form as a phone shows it, beside them.
// Every control is a plain POST form, so the page works without JavaScript; the builder island (in
// web/islands/form-builder.tsx) posts the same forms in the background and swaps #builder in place.
import { type FormDefinition, inLang } from '../../../../schema/form-definition';
import { AdminShell } from '../../../components/admin-shell';
import type { FormState } from '../../../components/fields';
import { Island } from '../../../components/island';
import { numbered } from '../../../components/survey/form-view';
import { usePage } from '../../../context';
import type { FormBuilderProps } from '../../../islands/form-builder';
import type { VersionStatus } from '../forms';
import { VersionActions } from '../forms-editor';
import { BankForm, MetaForm } from './builder-forms';
import { PageSection } from './page-section';

/** The forms of the page that may show a user's input and its field messages (after a refusal). */
export type BuilderForms = {
  /** The open question editor: the stored question's values, or what was posted. */
  editor?: { key: string; state: FormState };
  meta?: FormState;
  add?: { page: number; state: FormState };
  page?: { page: number; state: FormState };
  bank?: FormState;
};

export type BuilderView = {
  base: string;
  draft: boolean;
  definition: FormDefinition;
  /** Each question by key with its number as respondents see it. */
  numbers: ReturnType<typeof numbered>;
  forms: BuilderForms;
  byQuestion: Record<string, string[]>;
};

type Props = {
  form: { id: string; name: string };
  version: { version: number; status: VersionStatus };
  definition: FormDefinition;
  /** The phone frame's document: the respondent's page for this definition. */
  preview: string;
  forms?: BuilderForms;
  problems?: { byQuestion: Record<string, string[]>; list: string[] };
  /** The element the last move came back to (an id), for the island to focus. */
  at?: string;
  notice?: string;
};

export function FormBuilderPage({ form, version, definition, preview, forms = {}, problems, at, notice }: Props) {
  const { t, lang } = usePage();
  const base = `/admin/forms/${form.id}/versions/${version.version}`;
  const draft = version.status === 'draft';
  const view: BuilderView = { base, draft, definition, numbers: numbered(definition), forms, byQuestion: problems?.byQuestion ?? {} };
  const island: FormBuilderProps = { texts: { saving: t('builder.island.saving'), failed: t('builder.island.failed') } };
  const list = problems?.list ?? [];
  return (
    <AdminShell title={`${form.name} · ${t('form.version', { v: version.version })}`}>
      <link rel="stylesheet" href="/assets/survey.css" />
      <link rel="stylesheet" href="/assets/builder.css" />
      <p>
        <a href={`/admin/forms/${form.id}`}>{t('action.back')}</a> · <a href={`${base}/preview`}>{t('builder.links.fullPreview')}</a> ·{' '}
        <a href={`${base}/json`}>{t('builder.links.json')}</a> · <a href={`${base}/export`}>{t('form.export')}</a>
      </p>
      {draft && <Island name="form-builder" props={island} />}
      <div id="builder" class="builder" data-at={at}>
        <div class="builder-main">
          {list.length > 0 && (
            <div class="alert" role="alert">
              <p>{t('builder.refused', { n: list.length })}</p>
              <ul class="errors">
                {list.map((m) => (
                  <li>{m}</li>
                ))}
              </ul>
            </div>
          )}
          {notice && (
            <p class="notice" role="status" data-notice>
              {notice}
            </p>
          )}
          {draft ? <MetaForm view={view} /> : <p class="notice">{t('builder.readonly')}</p>}
          {!draft && definition.intro && <p>{inLang(definition.intro, lang)}</p>}
          {definition.pages.map((_, p) => (
            <PageSection view={view} page={p} />
          ))}
          {draft && <BankForm view={view} />}
        </div>
        <section class="builder-preview" aria-labelledby="h-preview">
          <h2 id="h-preview">{t('builder.preview')}</h2>
          {/* No scripts run in it (sandbox); same origin only so the island may scroll it to the question. */}
          <iframe class="phone" title={t('builder.preview.frame')} srcdoc={preview} sandbox="allow-same-origin" />
        </section>
      </div>
      <VersionActions base={base} draft={draft} />
    </AdminShell>
  );
}
