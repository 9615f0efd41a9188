import { inLang } from '../../../../schema/form-definition';
import { BUILDER_KINDS } from '../../../../schema/inputs/form-builder';
import { emptyForm, SelectField, TextField } from '../../../components/fields';
import { usePage } from '../../../context';
import { PageTitleForm } from './builder-forms';
import type { BuilderView } from './builder-page';
import { QuestionCard } from './question-card';
import { QuestionEditor } from './question-editor';

/** One page of the form: its heading and settings, its questions, and the form that adds one to it. */
export function PageSection({ view, page }: { view: BuilderView; page: number }) {
  const { t, lang } = usePage();
  const { definition, draft, forms, base } = view;
  const p = definition.pages[page];
  if (!p) return null;
  const n = page + 1;
  const first = definition.pages.slice(0, page).reduce((sum, x) => sum + x.questions.length, 1);
  const add = forms.add?.page === page ? forms.add.state : emptyForm({ kind: 'single' });
  const prefix = `add${n}-`;
  return (
    <section class="b-page" id={`page-${n}`} tabindex={-1} aria-labelledby={`h-page-${n}`}>
      <h2 id={`h-page-${n}`}>
        {t('builder.page', { n })}
        {p.title && ` · ${inLang(p.title, lang)}`}
      </h2>
      {draft && <PageTitleForm view={view} page={page} />}
      <ol class="b-questions">
        {p.questions.map((q, i) => (
          <li class="b-q" id={`q-${q.key}`} tabindex={-1}>
            {draft && forms.editor?.key === q.key ? (
              <QuestionEditor view={view} q={q} n={first + i} state={forms.editor.state} />
            ) : (
              <QuestionCard view={view} q={q} n={first + i} at={{ page, index: i }} />
            )}
          </li>
        ))}
      </ol>
      {draft && (
        <form method="post" action={`${base}/questions`} class="b-add">
          <fieldset>
            <legend>{t('builder.add')}</legend>
            <input type="hidden" name="page" value={n} />
            <div class="b-add-row">
              <SelectField
                name="kind"
                label={t('builder.add.kind')}
                form={add}
                idPrefix={prefix}
                options={BUILDER_KINDS.map((k) => ({ value: k, label: t(`builder.kind.${k}`) }))}
              />
              <TextField name="title_zh" label={t('builder.add.title')} form={add} idPrefix={prefix} required maxLength={500} />
              <button type="submit">{t('builder.add.submit', { n })}</button>
            </div>
          </fieldset>
        </form>
      )}
    </section>
  );
}
