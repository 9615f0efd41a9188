// Puts the issues of a refused definition where the builder's user will look for them: beside the field
// of the form just posted, on the card of the question concerned, and in the list at the top of the page
// with a place a person understands ("第 3 题「服务态度」") instead of a JSON path.
import type { FormDefinition } from '../../schema/form-definition';
import type { DefinitionIssue } from '../../schema/form-json';
import type { Translate } from '../../web/i18n';
import type { Position } from './builder-moves';

export type PlacedIssues = {
  /** Messages by field name of the form that was posted. */
  fields: Record<string, string>;
  /** Messages by question key, shown on the question's card. */
  byQuestion: Record<string, string[]>;
  /** Every message with its place, for the alert at the top. */
  list: string[];
};

/** What was posted: one question's editor, one page's title, the form's title, or a move (nothing). */
export type Scope = { question?: Position; page?: number; meta?: boolean };

const QUESTION_FIELDS: Record<string, string> = {
  key: 'key',
  type: 'kind',
  options: 'options',
  rows: 'rows',
  min: 'min',
  max: 'max',
  maxLength: 'maxLength',
  showIf: 'showIf',
  required: 'required',
};

/** `title.en` → `title_en`; `title` or `title.zh` → `title_zh`. */
const localizedField = (name: string, rest: string) => `${name}_${rest.startsWith('.en') ? 'en' : 'zh'}`;

export function placeIssues(def: FormDefinition, issues: DefinitionIssue[], t: Translate, scope: Scope = {}): PlacedIssues {
  const placed: PlacedIssues = { fields: {}, byQuestion: {}, list: [] };
  const numbers = def.pages.flatMap((p, page) => p.questions.map((_, index) => `${page}:${index}`));
  for (const issue of issues) {
    const message = t(issue.key, issue.params);
    const inQuestion = /^pages\[(\d+)\]\.questions\[(\d+)\](?:\.(\w+))?(.*)$/.exec(issue.path);
    const inPage = /^pages\[(\d+)\]\.title(.*)$/.exec(issue.path);
    const inForm = /^(title|intro)(.*)$/.exec(issue.path);
    let where: string;
    let field: string | undefined;
    if (inQuestion) {
      const [page, index] = [Number(inQuestion[1]), Number(inQuestion[2])];
      const q = def.pages[page]?.questions[index];
      const name = inQuestion[3] ?? '';
      where = t('builder.where.question', { n: numbers.indexOf(`${page}:${index}`) + 1, title: q?.title?.zh ?? '' });
      if (scope.question?.page === page && scope.question.index === index)
        field = name === 'title' || name === 'help' ? localizedField(name, inQuestion[4] ?? '') : (QUESTION_FIELDS[name] ?? '_');
      else if (q?.key) placed.byQuestion[q.key] = [...(placed.byQuestion[q.key] ?? []), message];
    } else if (inPage) {
      where = t('builder.where.page', { n: Number(inPage[1]) + 1 });
      if (scope.page === Number(inPage[1])) field = localizedField('title', inPage[2] ?? '');
    } else if (inForm) {
      where = t('builder.where.form');
      if (scope.meta) field = localizedField(inForm[1] ?? '', inForm[2] ?? '');
    } else where = t('builder.where.form');
    if (field && !placed.fields[field]) placed.fields[field] = message;
    placed.list.push(t('builder.issue', { where, message }));
  }
  return placed;
}
