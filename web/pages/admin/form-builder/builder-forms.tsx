import { inLang } from '../../../../schema/form-definition';
import { TEMPLATE_IDS, TEMPLATES } from '../../../../schema/form-templates';
import { kindOf } from '../../../../schema/inputs/form-builder';
import { emptyForm, SelectField, TextAreaField, TextField } from '../../../components/fields';
import { usePage } from '../../../context';
import type { BuilderView } from './builder-page';

/** The form's title and introduction, folded away until needed. */
export function MetaForm({ view }: { view: BuilderView }) {
  const { t, lang } = usePage();
  const { definition: def, forms, base } = view;
  const state = forms.meta ?? {
    values: { title_zh: def.title.zh, title_en: def.title.en, intro_zh: def.intro?.zh ?? '', intro_en: def.intro?.en ?? '' },
    errors: {},
  };
  const common = { form: state, idPrefix: 'meta-' };
  return (
    <details class="card b-meta-form" id="meta" tabindex={-1} open={!!forms.meta}>
      <summary>
        {t('builder.meta')}：{inLang(def.title, lang)}
      </summary>
      <form method="post" action={`${base}/meta`}>
        <TextField name="title_zh" label={t('builder.meta.title')} required maxLength={500} {...common} />
        <TextField name="title_en" label={t('builder.meta.titleEn')} maxLength={500} {...common} />
        <TextAreaField name="intro_zh" label={t('builder.meta.intro')} rows={3} maxLength={500} {...common} />
        <TextAreaField name="intro_en" label={t('builder.meta.introEn')} rows={3} maxLength={500} {...common} />
        <button type="submit">{t('builder.meta.save')}</button>
      </form>
    </details>
  );
}

/** A page's title, and removing the page break before it. */
export function PageTitleForm({ view, page }: { view: BuilderView; page: number }) {
  const { t } = usePage();
  const { definition, forms, base } = view;
  const p = definition.pages[page];
  const n = page + 1;
  const failed = forms.page?.page === page ? forms.page.state : undefined;
  const state = failed ?? { values: { title_zh: p?.title?.zh ?? '', title_en: p?.title?.en ?? '' }, errors: {} };
  const common = { form: state, idPrefix: `page${n}-` };
  return (
    <details class="b-page-settings" open={!!failed}>
      <summary>{t('builder.page.settings', { n })}</summary>
      <form method="post" action={`${base}/pages/title`}>
        <input type="hidden" name="page" value={n} />
        <div class="grid2">
          <TextField name="title_zh" label={t('builder.page.title')} maxLength={500} {...common} />
          <TextField name="title_en" label={t('builder.page.titleEn')} maxLength={500} {...common} />
        </div>
        <button type="submit">{t('builder.page.save')}</button>
      </form>
      {page > 0 && (
        <form method="post" action={`${base}/pages/merge`}>
          <input type="hidden" name="page" value={n} />
          <button type="submit">{t('builder.page.merge', { n: n - 1 })}</button>
        </form>
      )}
    </details>
  );
}

/** The question bank: the built-in templates' questions, ticked and inserted at the end of a page. */
export function BankForm({ view }: { view: BuilderView }) {
  const { t, lang } = usePage();
  const { definition, forms, base } = view;
  const state = forms.bank ?? emptyForm({ page: String(definition.pages.length) });
  const ticked = [state.values.items ?? []].flat();
  const error = state.errors.items;
  return (
    <details class="card" id="bank" tabindex={-1} open={!!forms.bank}>
      <summary>{t('builder.bank')}</summary>
      <form method="post" action={`${base}/bank`}>
        <p class="hint">{t('builder.bank.hint')}</p>
        {TEMPLATE_IDS.map((id) => (
          <fieldset class={error ? 'b-bank has-error' : 'b-bank'}>
            <legend>{inLang(TEMPLATES[id].name, lang)}</legend>
            {TEMPLATES[id].definition.pages
              .flatMap((p) => p.questions)
              .map((q) => {
                const value = `${id}:${q.key}`;
                return (
                  <label class="b-check">
                    <input type="checkbox" name="items" value={value} checked={ticked.includes(value)} /> {inLang(q.title, lang)}{' '}
                    <small class="muted">{t(`builder.kind.${kindOf(q)}`)}</small>
                  </label>
                );
              })}
          </fieldset>
        ))}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <SelectField
          name="page"
          label={t('builder.bank.page')}
          form={state}
          idPrefix="bank-"
          options={definition.pages.map((_, p) => ({ value: String(p + 1), label: t('builder.page', { n: p + 1 }) }))}
        />
        <button type="submit">{t('builder.bank.submit')}</button>
      </form>
    </details>
  );
}
