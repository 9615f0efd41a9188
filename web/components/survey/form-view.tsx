// The respondent's view of any form (DESIGN §2, §4, §8): server-rendered, one <form method="post">
// holding every page as a section, so it works with JavaScript off on a weak network. An optional
// script may later turn the sections into steps and hide show-if questions: it finds them by
// `data-page`, `data-q` and `data-show-if`. Every text from the definition is rendered as text.
import type { AnswerError } from '../../../schema/answers';
import { type FormDefinition, inLang, type Question } from '../../../schema/form-definition';
import { type Lang, type Translate, translator } from '../../i18n';
import { Control, likertScale, type ViewCtx } from './controls';

export type SurveyFormViewProps = {
  definition: FormDefinition;
  lang: Lang;
  values: Record<string, string | string[]>;
  /** Messages already in the reader's language, keyed by value name (`key` or `key.row`). */
  errors: Record<string, string>;
  action: string;
  submitLabel: string;
  disabled?: boolean;
};

/** validateAnswers' errors as the messages this view shows, in the reader's language. */
export const answerErrorText = (errors: Record<string, AnswerError>, t: Translate): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([name, e]) => [name, t(e.key, e.params)]));

const CHOICE_TYPES = new Set<Question['type']>(['single', 'multiple', 'likert', 'matrix', 'rating', 'yesno']);

/** "3–8" for a run of consecutive question numbers, "3、5" otherwise. */
function numberList(ns: number[], lang: Lang): string {
  const sorted = [...new Set(ns)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    runs.push(j - i >= 2 ? `${sorted[i]}–${sorted[j]}` : sorted.slice(i, j + 1).join(lang === 'zh' ? '、' : ', '));
    i = j + 1;
  }
  return runs.join(lang === 'zh' ? '、' : ', ');
}

/** The label a respondent saw for a stored value, so the note quotes the words on screen. */
export function valueLabel(q: Question | undefined, value: string, t: Translate, lang: Lang): string {
  if (q?.type === 'likert' || q?.type === 'matrix') return likertScale(t, true).find((s) => s.value === value)?.label ?? value;
  if (q?.type === 'yesno') return value === 'yes' ? t('yes') : value === 'no' ? t('no') : value;
  if (q?.type === 'single' || q?.type === 'multiple') return inLang(q.options.find((o) => o.value === value)?.label, lang) || value;
  return value;
}

/** Each question by key with its number as respondents see it (numbers run on across pages). */
export function numbered(definition: FormDefinition): Map<string, { q: Question; n: number }> {
  const byKey = new Map<string, { q: Question; n: number }>();
  for (const q of definition.pages.flatMap((p) => p.questions)) byKey.set(q.key, { q, n: byKey.size + 1 });
  return byKey;
}

/** "如对第 3–8 题中任一题选择『不满意』或『非常不满意』，请回答本题。" — shown when the rule cannot be run. */
export function showIfNote(q: Question, byKey: Map<string, { q: Question; n: number }>, t: Translate, lang: Lang): string | null {
  const rules = q.showIf?.anyOf ?? [];
  if (!rules.length) return null;
  const refs = rules.map((r) => byKey.get(r.question.split('.')[0] ?? ''));
  const labels = rules.flatMap((r, i) => r.values.map((v) => valueLabel(refs[i]?.q, v, t, lang)));
  const quoted = [...new Set(labels)].map((l) => (lang === 'zh' ? `『${l}』` : `“${l}”`)).join(t('form.showIf.or'));
  const numbers = refs.flatMap((r) => (r ? [r.n] : []));
  return t(new Set(numbers).size > 1 ? 'form.showIf.any' : 'form.showIf.one', { q: numberList(numbers, lang), values: quoted });
}

function hintOf(q: Question, t: Translate): string | null {
  if (q.type === 'multiple') {
    if (q.min && q.max) return t('form.choose.range', { min: q.min, max: q.max });
    if (q.max) return t('form.choose.max', { max: q.max });
    if (q.min) return t('form.choose.min', { min: q.min });
  }
  if (q.type === 'rating') return `${t('form.rating.low')} · ${t('form.rating.high')}`;
  if (q.type === 'text' && q.multiline) return t('form.text.max', { max: q.maxLength });
  return null;
}

function QuestionBlock({ q, n, note, ctx }: { q: Question; n: number; note: string | null; ctx: ViewCtx }) {
  const { t, lang } = ctx;
  const error = ctx.errors[q.key];
  // A matrix row's error is shown in its row; the question is still marked as needing attention.
  const flagged = error || (q.type === 'matrix' && q.rows.some((r) => ctx.errors[`${q.key}.${r.key}`]));
  const help = [inLang(q.help, lang), hintOf(q, t)].filter(Boolean).join(' ');
  const ids = [note ? `c-${q.key}` : '', help ? `h-${q.key}` : '', error ? `e-${q.key}` : ''].filter(Boolean).join(' ') || undefined;
  const group = CHOICE_TYPES.has(q.type);
  const heading = (
    <>
      <span class="sv-n">{n}.</span> {inLang(q.title, lang)}
      {/* A conditional question is not marked 必答 on the page itself: without JavaScript every question is
          shown and its note says when to answer (issue 17). The script unhides the mark, as it shows the
          question only when it applies; it finds required questions by this element either way. */}
      {q.required && (
        <span class="sv-req" hidden={q.showIf ? true : undefined}>
          <span aria-hidden="true">*</span>
          <span class="sr">{t('form.required')}</span>
        </span>
      )}
    </>
  );
  const body = (
    <>
      {group ? <legend>{heading}</legend> : <label for={`f-${q.key}`}>{heading}</label>}
      {note && (
        <p class="sv-note" id={`c-${q.key}`}>
          {note}
        </p>
      )}
      {help && (
        <p class="sv-help" id={`h-${q.key}`}>
          {help}
        </p>
      )}
      <Control q={q} ctx={{ ...ctx, describedBy: group ? undefined : ids }} />
      {error && (
        <p class="sv-err" id={`e-${q.key}`}>
          {error}
        </p>
      )}
    </>
  );
  const attrs = {
    class: `sv-q sv-${q.type}${flagged ? ' has-error' : ''}`,
    id: `q-${q.key}`,
    'data-q': q.key,
    'data-show-if': q.showIf ? JSON.stringify(q.showIf) : undefined,
  };
  return group ? (
    <fieldset {...attrs} aria-describedby={ids}>
      {body}
    </fieldset>
  ) : (
    <div {...attrs}>{body}</div>
  );
}

export function SurveyFormView({ definition, lang, values, errors, action, submitLabel, disabled }: SurveyFormViewProps) {
  const t = translator(lang);
  const ctx: ViewCtx = { t, lang, values, errors };
  const byKey = numbered(definition);
  const total = definition.pages.length;
  const errorCount = Object.keys(errors).length;
  return (
    <form method="post" action={action} class="survey">
      <h1>{inLang(definition.title, lang)}</h1>
      {definition.intro && <p class="sv-intro">{inLang(definition.intro, lang)}</p>}
      <p class="sv-help">{t('form.requiredNote')}</p>
      {errorCount > 0 && (
        <p class="alert" role="alert">
          {t('form.errors', { n: errorCount })}
        </p>
      )}
      {definition.pages.map((page, p) => (
        <section class="sv-page" data-page={p + 1} aria-labelledby={total > 1 || page.title ? `pg-${p + 1}` : undefined}>
          {(total > 1 || page.title) && (
            <h2 id={`pg-${p + 1}`}>
              {total > 1 && <span class="sv-pg">{t('form.page', { n: p + 1, total })}</span>} {inLang(page.title, lang)}
            </h2>
          )}
          {page.questions.map((q) => (
            <QuestionBlock q={q} n={byKey.get(q.key)?.n ?? 0} note={showIfNote(q, byKey, t, lang)} ctx={ctx} />
          ))}
        </section>
      ))}
      <div class="sv-actions">
        <button type="submit" class="primary" disabled={disabled}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
