import { Hono } from 'hono';
import type { Question } from '../../schema/form-definition';
import { addInput, kindOf, moveInput, questionInput, questionRef } from '../../schema/inputs/form-builder';
import type { FormState } from '../../web/components/fields';
import type { BuilderForms } from '../../web/pages/admin/form-builder/builder-page';
import type { AppEnv } from '../app-env';
import { builderPage, commit, draftMove, gone, refuse } from './builder-commit';
import { questionFields, questionFromInput } from './builder-fields';
import { convertKind, newQuestion } from './builder-kinds';
import * as moves from './builder-moves';
import { loadVersion, storedDefinition, V } from './version-context';

/**
 * The form builder (issue 18): one page per draft version, and one small POST form per move. Without
 * JavaScript every move is a round trip that stores the draft and comes back to the question it
 * touched (POST-redirect-GET, `?at=` and a fragment); the builder island posts the same forms with
 * fetch and swaps the page's builder in place. Every move's result is checked whole by the definition
 * schema; a refused one is shown with its messages and nothing is stored.
 */
export const builderRoutes = new Hono<AppEnv>();

const NOTICE_AT = /^(q-[a-z][a-z0-9_]{0,39}|meta|bank|page-\d{1,2})$/;

builderRoutes.get(V, async (c) => {
  const ctx = await loadVersion(c);
  const t = c.get('t');
  const { edit = '', at = '', saved, inserted } = c.req.query();
  const def = storedDefinition(ctx.version.definition);
  const pos = ctx.version.status === 'draft' ? moves.locate(def, edit) : null;
  const question = pos ? def.pages[pos.page]?.questions[pos.index] : undefined;
  const n = Number(inserted);
  const notice = Number.isInteger(n) && n > 0 ? t('builder.inserted', { n }) : saved ? t('builder.saved') : undefined;
  const forms: BuilderForms = question ? { editor: { key: question.key, state: { values: questionFields(question), errors: {} } } } : {};
  return builderPage(c, ctx, { forms, at: NOTICE_AT.test(at) ? at : undefined, notice });
});

builderRoutes.post(
  `${V}/questions`,
  draftMove(
    addInput,
    (c, { ctx, def, data, values }) => {
      const key = moves.nextKey(def);
      const q = newQuestion(data.kind, key, data.title_zh, c.get('t'));
      return commit(c, ctx, moves.addQuestion(def, data.page, q), {
        name: 'add',
        at: `q-${key}`,
        question: key,
        edit: key,
        forms: (errors) => ({ add: addState({ values, errors }) }),
      });
    },
    (state) => ({ add: addState(state) }),
  ),
);

/** The add form that was posted: its page's, or the last page's when the page number was the problem. */
function addState(state: FormState) {
  const page = Number(state.values.page);
  return { page: Number.isInteger(page) && page > 0 ? page - 1 : -1, state };
}

/** The open editor, re-shown with what was posted. */
const editor = (state: FormState): BuilderForms => ({ editor: { key: typeof state.values.q === 'string' ? state.values.q : '', state } });

builderRoutes.post(
  `${V}/question`,
  draftMove(
    questionInput,
    (c, { ctx, def, data, values }) => {
      const t = c.get('t');
      const at = moves.locate(def, data.q);
      const previous = at && def.pages[at.page]?.questions[at.index];
      if (!at || !previous) return gone(c, ctx);
      const { question, problems } = questionFromInput(data, previous);
      const errors = Object.fromEntries(Object.entries(problems).map(([field, key]) => [field, t(key)]));
      if (Object.keys(errors).length) return refuse(c, ctx, [...new Set(Object.values(errors))], editor({ values, errors }));
      // A new type keeps the editor open: the new type's own fields are still to be filled in.
      const retyped = data.kind !== kindOf(previous);
      const next: Question = retyped ? convertKind(question, data.kind, t) : question;
      return commit(c, ctx, moves.replaceQuestion(def, at, next), {
        name: retyped ? 'retype' : 'edit',
        at: `q-${next.key}`,
        question: next.key,
        edit: retyped || data.op === 'kind' ? next.key : undefined,
        scope: { question: at },
        forms: (fieldErrors) => editor({ values, errors: fieldErrors }),
      });
    },
    editor,
  ),
);

builderRoutes.post(
  `${V}/question/move`,
  draftMove(moveInput, (c, { ctx, def, data }) => {
    const at = moves.locate(def, data.q);
    if (!at) return gone(c, ctx);
    return commit(c, ctx, moves.moveQuestion(def, at, data.dir), { name: `move-${data.dir}`, at: `q-${data.q}`, question: data.q });
  }),
);

builderRoutes.post(
  `${V}/question/delete`,
  draftMove(questionRef, (c, { ctx, def, data }) => {
    const at = moves.locate(def, data.q);
    if (!at) return gone(c, ctx);
    if (def.pages.flatMap((p) => p.questions).length === 1) return refuse(c, ctx, [c.get('t')('builder.err.lastQuestion')]);
    // Come back to where the question was: the question now in its place, or the page.
    const next = moves.deleteQuestion(def, at);
    const neighbour = next.pages[at.page]?.questions[at.index] ?? next.pages[at.page]?.questions.at(-1);
    return commit(c, ctx, next, { name: 'delete', at: neighbour ? `q-${neighbour.key}` : 'page-1', question: data.q });
  }),
);
