// A question's type as the builder changes it: what carries over to the new type and what a new
// question of each type starts with (two options to edit, sensible text lengths).
import type { Question } from '../../schema/form-definition';
import type { BuilderKind } from '../../schema/inputs/form-builder';
import type { Translate } from '../../web/i18n';
import { type Item, withoutUndefined } from './builder-fields';

const defaults = (t: Translate, message: 'builder.default.option' | 'builder.default.row', prefix: string) =>
  [1, 2].map((n) => ({ value: `${prefix}${n}`, label: { zh: t(message, { n }), en: '' } }));

/**
 * `q` as another type: the wording, help, required flag and show-if rule stay; options carry over
 * between the choice types and matrix rows; a type that needs options gets two to start from.
 */
export function convertKind(q: Question, kind: BuilderKind, t: Translate): Question {
  const base = withoutUndefined({ key: q.key, title: q.title, help: q.help, required: q.required, showIf: q.showIf });
  const items: Item[] =
    q.type === 'single' || q.type === 'multiple'
      ? q.options
      : q.type === 'matrix'
        ? q.rows.map((r) => ({ value: r.key, label: r.label }))
        : defaults(t, kind === 'matrix' ? 'builder.default.row' : 'builder.default.option', kind === 'matrix' ? 'r' : 'o');
  const allowNotApplicable = q.type === 'likert' || q.type === 'matrix' ? q.allowNotApplicable : false;
  switch (kind) {
    case 'single':
    case 'multiple':
      return { ...base, type: kind, options: items };
    case 'matrix':
      return { ...base, type: 'matrix', rows: items.map((i) => ({ key: i.value, label: i.label })), allowNotApplicable };
    case 'likert':
      return { ...base, type: 'likert', allowNotApplicable };
    case 'text':
    case 'textarea':
      return {
        ...base,
        type: 'text',
        multiline: kind === 'textarea',
        maxLength: q.type === 'text' ? q.maxLength : kind === 'textarea' ? 1000 : 200,
      };
    case 'number':
      return { ...base, type: 'number', integer: false };
    default:
      return { ...base, type: kind };
  }
}

/** A new question of `kind` with the title typed in the add form. */
export const newQuestion = (kind: BuilderKind, key: string, title: string, t: Translate): Question =>
  convertKind({ key, type: 'yesno', title: { zh: title, en: '' }, required: false }, kind, t);
