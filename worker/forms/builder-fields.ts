// One question as the builder's editor shows it (plain form values) and back. Options and matrix rows
// are edited as lines of text — one a line, "中文 | English" for a translation — so a list pasted from
// Word or Excel becomes options at once. Each line keeps the value it had, found by its Chinese label,
// so reordering or adding options never changes what an existing answer or show-if rule means.
import type { Localized, Question } from '../../schema/form-definition';
import { kindOf, type QuestionInput } from '../../schema/inputs/form-builder';
import type { FormValues } from '../../web/components/fields';
import type { MessageKey } from '../../web/i18n';

export type Item = { value: string; label: Localized };

const SEPARATOR = /\s*[|｜]\s*/;

export const linesOf = (items: Item[]): string => items.map((i) => (i.label.en ? `${i.label.zh} | ${i.label.en}` : i.label.zh)).join('\n');

/** Lines to items, reusing the value of an item with the same Chinese label; new ones get `o3`, `r2` …. */
export function itemsOf(text: string, previous: Item[], prefix: 'o' | 'r'): Item[] {
  const used = new Set(previous.map((p) => p.value));
  const taken = new Set<string>();
  const fresh = () => {
    let n = 1;
    while (used.has(`${prefix}${n}`) || taken.has(`${prefix}${n}`)) n++;
    return `${prefix}${n}`;
  };
  const out: Item[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [zh = '', ...rest] = line.trim().split(SEPARATOR);
    if (!zh) continue;
    const old = previous.find((p) => p.label.zh === zh && !taken.has(p.value));
    const value = old?.value ?? fresh();
    taken.add(value);
    out.push({ value, label: { zh, en: rest.join(' ') } });
  }
  return out;
}

const str = (n: number | string | undefined) => (n === undefined ? '' : String(n));
const on = (b: boolean) => (b ? 'on' : undefined);

/** The editor's values for a stored question. */
export function questionFields(q: Question): FormValues {
  const values: FormValues = {
    q: q.key,
    key: q.key,
    kind: kindOf(q),
    title_zh: q.title.zh,
    title_en: q.title.en,
    help_zh: q.help?.zh ?? '',
    help_en: q.help?.en ?? '',
    required: on(q.required),
    showIf: (q.showIf?.anyOf ?? []).flatMap((r) => r.values.map((v) => `${r.question}=${v}`)),
  };
  switch (q.type) {
    case 'single':
    case 'multiple':
      return {
        ...values,
        options: linesOf(q.options),
        min: str(q.type === 'multiple' ? q.min : undefined),
        max: str(q.type === 'multiple' ? q.max : undefined),
      };
    case 'likert':
      return { ...values, allowNa: on(q.allowNotApplicable) };
    case 'matrix':
      return { ...values, rows: linesOf(q.rows.map((r) => ({ value: r.key, label: r.label }))), allowNa: on(q.allowNotApplicable) };
    case 'text':
      return { ...values, maxLength: str(q.maxLength) };
    case 'number':
      return { ...values, min: str(q.min), max: str(q.max), integer: on(q.integer) };
    case 'date':
      return { ...values, min: q.min ?? '', max: q.max ?? '' };
    default:
      return values;
  }
}

export type FieldProblems = Record<string, MessageKey>;

/** '' → undefined; otherwise a number, refused as `wrong` when it is not one. */
function numberField(s: string | undefined, whole: boolean, name: string, problems: FieldProblems): number | undefined {
  if (!s) return undefined;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) problems[name] = whole ? 'builder.err.integer' : 'builder.err.number';
  else if (whole && !Number.isInteger(Number(s))) problems[name] = 'builder.err.integer';
  return Number(s);
}

/** `question=value` boxes grouped into one rule per question, in the order they were ticked on the page. */
function showIfOf(boxes: string[]): Question['showIf'] {
  const anyOf: { question: string; values: string[] }[] = [];
  for (const box of boxes) {
    const at = box.indexOf('=');
    const question = box.slice(0, at);
    const value = box.slice(at + 1);
    const rule = anyOf.find((r) => r.question === question);
    if (!rule) anyOf.push({ question, values: [value] });
    else if (!rule.values.includes(value)) rule.values.push(value);
  }
  return anyOf.length ? { anyOf } : undefined;
}

/**
 * The question the editor describes, as the type it had (the fields on the page are that type's). The
 * result may still break a rule of the definition; the caller checks the whole definition.
 */
export function questionFromInput(input: QuestionInput, previous: Question): { question: Question; problems: FieldProblems } {
  const problems: FieldProblems = {};
  const base = {
    key: input.key,
    title: { zh: input.title_zh, en: input.title_en },
    help: input.help_zh || input.help_en ? { zh: input.help_zh, en: input.help_en } : undefined,
    required: input.required,
    showIf: showIfOf(input.showIf),
  };
  const min = (whole: boolean) => numberField(input.min, whole, 'min', problems);
  const max = (whole: boolean) => numberField(input.max, whole, 'max', problems);
  const options = (text: string | undefined) => itemsOf(text ?? '', 'options' in previous ? previous.options : [], 'o');
  let question: Question;
  switch (previous.type) {
    case 'single':
      question = { ...base, type: 'single', options: options(input.options) };
      break;
    case 'multiple':
      question = { ...base, type: 'multiple', options: options(input.options), min: min(true), max: max(true) };
      break;
    case 'likert':
      question = { ...base, type: 'likert', allowNotApplicable: input.allowNa };
      break;
    case 'matrix': {
      const rows = itemsOf(
        input.rows ?? '',
        previous.rows.map((r) => ({ value: r.key, label: r.label })),
        'r',
      );
      question = { ...base, type: 'matrix', rows: rows.map((r) => ({ key: r.value, label: r.label })), allowNotApplicable: input.allowNa };
      break;
    }
    case 'text':
      question = {
        ...base,
        type: 'text',
        multiline: previous.multiline,
        maxLength: numberField(input.maxLength, true, 'maxLength', problems) ?? 500,
      };
      break;
    case 'number':
      question = { ...base, type: 'number', min: min(false), max: max(false), integer: input.integer };
      break;
    case 'date':
      question = { ...base, type: 'date', min: input.min || undefined, max: input.max || undefined };
      break;
    default:
      question = { ...base, type: previous.type };
  }
  return { question: withoutUndefined(question), problems };
}

/** Optional fields left out rather than set to undefined, as a parsed definition has them. */
export const withoutUndefined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
