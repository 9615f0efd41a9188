import { inLang, type Question } from '../../../../schema/form-definition';
import { kindOf } from '../../../../schema/inputs/form-builder';
import { showIfNote } from '../../../components/survey/form-view';
import { usePage } from '../../../context';
import type { BuilderView } from './builder-page';

/** At most this many options are listed on a card; the editor and the preview show them all. */
const LISTED = 8;

/** One question as a card: what it asks and how, its show-if rule, and its moves. */
export function QuestionCard({ view, q, n, at }: { view: BuilderView; q: Question; n: number; at: { page: number; index: number } }) {
  const { t, lang } = usePage();
  const { definition, base, draft } = view;
  const pages = definition.pages;
  const onPage = pages[at.page]?.questions.length ?? 0;
  const items = q.type === 'single' || q.type === 'multiple' ? q.options : q.type === 'matrix' ? q.rows : [];
  const labels = items.slice(0, LISTED).map((o) => inLang(o.label, lang));
  const list = `${labels.join(lang === 'zh' ? '、' : ', ')}${items.length > LISTED ? ' …' : ''}`;
  const note = showIfNote(q, view.numbers, t, lang);
  const problems = view.byQuestion[q.key] ?? [];
  const hidden = (name: string, value: string) => <input type="hidden" name={name} value={value} />;
  return (
    <div class={problems.length ? 'b-card has-error' : 'b-card'}>
      <h3>
        <span class="sv-n">{n}.</span> {inLang(q.title, lang)}
      </h3>
      <p class="b-meta">
        <span class="badge">{t(`builder.kind.${kindOf(q)}`)}</span>
        {q.required && <span class="badge on">{t('builder.q.required')}</span>} <code>{q.key}</code>
      </p>
      {q.help && <p class="muted">{inLang(q.help, lang)}</p>}
      {items.length > 0 && <p>{t(q.type === 'matrix' ? 'builder.q.rows' : 'builder.q.options', { list })}</p>}
      {note && <p class="b-note">{note}</p>}
      {problems.length > 0 && (
        <ul class="errors error">
          {problems.map((m) => (
            <li>{m}</li>
          ))}
        </ul>
      )}
      {draft && (
        <fieldset class="b-actions">
          <legend class="sr">{t('builder.q.actions', { n })}</legend>
          <a class="button" href={`${base}?edit=${q.key}#q-${q.key}`} data-nav>
            {t('builder.q.edit')}
          </a>
          <form method="post" action={`${base}/question/move`} class="inline">
            {hidden('q', q.key)}
            <button type="submit" name="dir" value="up" disabled={at.page === 0 && at.index === 0}>
              {t('builder.q.up')}
            </button>{' '}
            <button type="submit" name="dir" value="down" disabled={at.page === pages.length - 1 && at.index === onPage - 1}>
              {t('builder.q.down')}
            </button>
          </form>
          {at.index < onPage - 1 && (
            <form method="post" action={`${base}/pages/split`} class="inline">
              {hidden('q', q.key)}
              <button type="submit">{t('builder.q.split')}</button>
            </form>
          )}
          <form method="post" action={`${base}/question/delete`} class="inline">
            {hidden('q', q.key)}
            <button type="submit" class="danger">
              {t('builder.q.delete')}
            </button>
          </form>
        </fieldset>
      )}
    </div>
  );
}
