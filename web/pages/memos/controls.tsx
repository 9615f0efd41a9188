// Form controls the memo form needs beyond web/components/fields.tsx: a long-text box and a group of
// checkboxes, showing their field error and keeping what was typed, the same way.
import type { FormState } from '../../components/fields';

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

function FieldError({ name, form }: { name: string; form: FormState }) {
  const error = form.errors[name];
  return error ? (
    <small id={`e-${name}`} class="error" role="alert">
      {error}
    </small>
  ) : null;
}

export function TextAreaField({
  name,
  label,
  form,
  maxLength,
  rows = 3,
  hint,
  idPrefix = '',
}: {
  name: string;
  label: string;
  form: FormState;
  maxLength: number;
  rows?: number;
  hint?: string;
  /** Keeps ids unique when several small forms on one page have a field of the same name. */
  idPrefix?: string;
}) {
  const error = form.errors[name];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={`${idPrefix}f-${name}`}>{label}</label>
      <textarea
        id={`${idPrefix}f-${name}`}
        name={name}
        rows={rows}
        maxLength={maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `e-${name}` : undefined}
        value={str(form.values[name])}
      />
      {hint && <small class="hint">{hint}</small>}
      <FieldError name={name} form={form} />
    </div>
  );
}

export function CheckboxGroup({
  name,
  legend,
  form,
  options,
}: {
  name: string;
  legend: string;
  form: FormState;
  options: { value: string; label: string }[];
}) {
  const checked = new Set(list(form.values[name]));
  const error = form.errors[name];
  return (
    <details class={error ? 'field has-error' : 'field'} open={checked.size > 0 || Boolean(error)}>
      <summary>
        {legend}
        {checked.size > 0 && ` (${checked.size})`}
      </summary>
      {options.map((o) => (
        <div>
          <label>
            <input type="checkbox" name={name} value={o.value} checked={checked.has(o.value)} /> {o.label}
          </label>
        </div>
      ))}
      <FieldError name={name} form={form} />
    </details>
  );
}
