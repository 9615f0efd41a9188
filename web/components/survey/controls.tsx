// The answer controls of each question type, as plain HTML form fields: they submit without
// JavaScript, and their names are exactly what schema/answers.ts validates (`key`, `key.row`).
import { inLang, LIKERT_VALUES, NOT_APPLICABLE, type Question } from '../../../schema/form-definition';
import type { Lang, Translate } from '../../i18n';

export type ViewCtx = {
  t: Translate;
  lang: Lang;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  /** ids that describe every field of the question (help, show-if note, error). */
  describedBy?: string;
};

type Choice = { value: string; label: string };

const listOf = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** The 5-level scale, best first, and 不了解/不适用 last when the question allows it. */
export function likertScale(t: Translate, allowNa: boolean): Choice[] {
  const scale = LIKERT_VALUES.map((v) => ({ value: String(v), label: t(`form.likert.${v}`) }));
  return allowNa ? [...scale, { value: NOT_APPLICABLE, label: t('form.na') }] : scale;
}

/** Native validation helps only where the server's rule is unconditional: required and always shown. */
const nativeRequired = (q: Question) => q.required && !q.showIf;

function Options({
  q,
  name,
  choices,
  ctx,
  kind,
  cls,
}: {
  q: Question;
  name: string;
  choices: Choice[];
  ctx: ViewCtx;
  kind: 'radio' | 'checkbox';
  cls: string;
}) {
  const chosen = listOf(ctx.values[name]);
  return (
    <div class={`sv-opts ${cls}`}>
      {choices.map((c) => (
        <label class="sv-opt">
          <input
            type={kind}
            name={name}
            value={c.value}
            checked={chosen.includes(c.value)}
            required={kind === 'radio' && nativeRequired(q)}
          />
          <span>{c.label}</span>
        </label>
      ))}
    </div>
  );
}

function Matrix({ q, ctx }: { q: Extract<Question, { type: 'matrix' }>; ctx: ViewCtx }) {
  const scale = likertScale(ctx.t, q.allowNotApplicable);
  return (
    <table class="sv-mx">
      <thead>
        <tr>
          <td />
          {scale.map((s) => (
            <th scope="col">{s.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {q.rows.map((row) => {
          const name = `${q.key}.${row.key}`;
          const error = ctx.errors[name];
          const chosen = listOf(ctx.values[name]);
          // On phones the table is stacked and some browsers drop its semantics: each radio names its row itself.
          const describedBy = [`r-${name}`, error ? `e-${name}` : ''].filter(Boolean).join(' ');
          return (
            <tr class={error ? 'has-error' : undefined}>
              <th scope="row" id={`r-${name}`}>
                {inLang(row.label, ctx.lang)}
                {error && (
                  <span class="sv-err" id={`e-${name}`}>
                    {error}
                  </span>
                )}
              </th>
              {scale.map((s) => (
                <td>
                  <label class="sv-opt">
                    <input
                      type="radio"
                      name={name}
                      value={s.value}
                      checked={chosen.includes(s.value)}
                      required={nativeRequired(q)}
                      aria-describedby={describedBy}
                    />
                    <span class="sv-ml">{s.label}</span>
                  </label>
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The control(s) of one question. Text-like inputs carry the question's descriptions themselves. */
export function Control({ q, ctx }: { q: Question; ctx: ViewCtx }) {
  const { t, lang, values } = ctx;
  const value = listOf(values[q.key])[0] ?? '';
  const common = {
    id: `f-${q.key}`,
    name: q.key,
    required: nativeRequired(q),
    'aria-invalid': ctx.errors[q.key] ? ('true' as const) : undefined,
    'aria-describedby': ctx.describedBy,
  };
  switch (q.type) {
    case 'single':
    case 'multiple': {
      const choices = q.options.map((o) => ({ value: o.value, label: inLang(o.label, lang) }));
      return <Options q={q} name={q.key} choices={choices} ctx={ctx} kind={q.type === 'single' ? 'radio' : 'checkbox'} cls="sv-list" />;
    }
    case 'likert':
      return <Options q={q} name={q.key} choices={likertScale(t, q.allowNotApplicable)} ctx={ctx} kind="radio" cls="sv-list" />;
    case 'yesno':
      return (
        <Options
          q={q}
          name={q.key}
          choices={[
            { value: 'yes', label: t('yes') },
            { value: 'no', label: t('no') },
          ]}
          ctx={ctx}
          kind="radio"
          cls="sv-row"
        />
      );
    case 'rating': {
      const points = Array.from({ length: 11 }, (_, i) => ({ value: String(i), label: String(i) }));
      return <Options q={q} name={q.key} choices={points} ctx={ctx} kind="radio" cls="sv-nps" />;
    }
    case 'matrix':
      return <Matrix q={q} ctx={ctx} />;
    case 'text':
      return q.multiline ? (
        <textarea {...common} rows={4} maxLength={q.maxLength}>
          {value}
        </textarea>
      ) : (
        <input {...common} type="text" value={value} maxLength={q.maxLength} />
      );
    case 'number':
      // Text with a numeric keyboard, not type=number: the server sees (and can explain) exactly what was typed.
      return <input {...common} type="text" inputMode={q.integer ? 'numeric' : 'decimal'} value={value} maxLength={32} />;
    case 'date':
      return <input {...common} type="date" value={value} min={q.min} max={q.max} />;
  }
}
