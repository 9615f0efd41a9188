import { answerValues, inLang, type Question } from '../../../../schema/form-definition';
import type { FormState } from '../../../components/fields';
import { valueLabel } from '../../../components/survey/form-view';
import { usePage } from '../../../context';
import type { BuilderView } from './builder-page';

const listOf = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/**
 * "Show this question only if …": every earlier question with fixed answers, each a group of boxes
 * (`question=value`). Ticking answers of a question picks it; the rule holds when any ticked answer is
 * given. Needs no JavaScript, and a rule on several questions (the template's 不满意原因) fits too.
 */
export function ShowIfFields({ view, q, state }: { view: BuilderView; q: Question; state: FormState }) {
  const { t, lang } = usePage();
  const all = view.definition.pages.flatMap((p) => p.questions);
  const before = all.slice(
    0,
    all.findIndex((x) => x.key === q.key),
  );
  const ticked = listOf(state.values.showIf);
  const groups = before.flatMap((x, i) => {
    const values = answerValues(x);
    return values ? [{ q: x, n: i + 1, values }] : [];
  });
  const offered = new Set(groups.flatMap((g) => g.values.map((v) => `${g.q.key}=${v}`)));
  // A rule the boxes cannot show (a matrix row, written as JSON) stays as it is, and can be unticked.
  const other = ticked.filter((v) => !offered.has(v));
  const error = state.errors.showIf;
  return (
    <fieldset
      class={error ? 'field b-showif has-error' : 'field b-showif'}
      aria-describedby={error ? 'qe-h-showIf qe-e-showIf' : 'qe-h-showIf'}
    >
      <legend>{t('builder.edit.showIf')}</legend>
      <small id="qe-h-showIf" class="hint">
        {groups.length ? t('builder.edit.showIfHint') : t('builder.edit.showIfNone')}
      </small>
      {groups.map((g) => (
        <fieldset class="b-showif-q">
          <legend>
            {g.n}. {inLang(g.q.title, lang)}
          </legend>
          {g.values.map((v) => {
            const value = `${g.q.key}=${v}`;
            return (
              <label class="b-check">
                <input type="checkbox" name="showIf" value={value} checked={ticked.includes(value)} /> {valueLabel(g.q, v, t, lang)}
              </label>
            );
          })}
        </fieldset>
      ))}
      {other.map((value) => (
        <label class="b-check">
          <input type="checkbox" name="showIf" value={value} checked /> <code>{value}</code>
        </label>
      ))}
      {error && (
        <small id="qe-e-showIf" class="error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}
