// Labelled form controls that show their field error next to them and keep what the user typed
// (DESIGN §9: an invalid form re-renders with the input kept).
import type { ComponentChildren } from 'preact';
import { usePage } from '../context';

export type FormValues = Record<string, string | string[] | undefined>;
export type FieldErrors = Record<string, string>;
export type FormState = { values: FormValues; errors: FieldErrors };

export const emptyForm = (values: FormValues = {}): FormState => ({ values, errors: {} });

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** `idPrefix` keeps ids unique where several forms on one page have fields of the same name. */
type Common = { name: string; label: string; form: FormState; hint?: string; required?: boolean; idPrefix?: string };

function Wrap({ name, label, form, hint, idPrefix = '', children }: Common & { children: ComponentChildren }) {
  const error = form.errors[name];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={`${idPrefix}f-${name}`}>{label}</label>
      {children}
      {hint && (
        <small id={`${idPrefix}h-${name}`} class="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${idPrefix}e-${name}`} class="error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** What every control of a field carries: its id, name, whether it is required or invalid, and what describes it. */
function controlProps({ name, form, hint, required, idPrefix = '' }: Common) {
  const ids = [hint ? `${idPrefix}h-${name}` : '', form.errors[name] ? `${idPrefix}e-${name}` : ''].filter(Boolean);
  return {
    id: `${idPrefix}f-${name}`,
    name,
    required,
    'aria-invalid': form.errors[name] ? ('true' as const) : undefined,
    'aria-describedby': ids.length ? ids.join(' ') : undefined,
  };
}

export function TextField(
  props: Common & { type?: string; maxLength?: number; autocomplete?: string; inputMode?: string; pattern?: string },
) {
  const { name, form, type = 'text', maxLength, autocomplete, inputMode, pattern } = props;
  return (
    <Wrap {...props}>
      <input
        {...controlProps(props)}
        type={type}
        value={type === 'password' ? '' : str(form.values[name])}
        maxLength={maxLength}
        autocomplete={autocomplete}
        inputMode={inputMode as 'text' | undefined}
        pattern={pattern}
      />
    </Wrap>
  );
}

export function TextAreaField(props: Common & { rows?: number; maxLength?: number }) {
  const { name, form, rows = 4, maxLength } = props;
  return (
    <Wrap {...props}>
      <textarea {...controlProps(props)} rows={rows} maxLength={maxLength}>
        {str(form.values[name])}
      </textarea>
    </Wrap>
  );
}

export function SelectField(props: Common & { options: { value: string; label: string }[]; blank?: string }) {
  const { name, form, options, blank } = props;
  const current = str(form.values[name]);
  return (
    <Wrap {...props}>
      <select {...controlProps(props)}>
        {blank !== undefined && <option value="">{blank}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

export function CheckboxField({ name, label, form }: { name: string; label: string; form: FormState }) {
  const error = form.errors[name];
  return (
    <div class={error ? 'field check has-error' : 'field check'}>
      <label>
        <input type="checkbox" name={name} value="on" checked={str(form.values[name]) === 'on'} /> {label}
      </label>
      {error && (
        <small class="error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** The banner above a form that failed validation, so a screen-reader user hears it first. */
export function FormAlert({ form, message }: { form: FormState; message: string }) {
  const { t } = usePage();
  if (Object.keys(form.errors).length === 0) return null;
  // Fields the form does not have are named here, as no control on the page can show their message.
  const unknown = Object.entries(form.errors)
    .filter(([, text]) => text === t('err.unknownField'))
    .map(([key]) => key);
  return (
    <p class="alert" role="alert">
      {message}
      {unknown.length > 0 && (
        <>
          {' '}
          {t('err.unknownField')}: <code>{unknown.join(', ')}</code>
        </>
      )}
    </p>
  );
}
