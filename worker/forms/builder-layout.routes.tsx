import { Hono } from 'hono';
import type { Question } from '../../schema/form-definition';
import { TEMPLATES, type TemplateId } from '../../schema/form-templates';
import { bankInput, metaInput, pageInput, pageTitleInput, questionRef } from '../../schema/inputs/form-builder';
import type { FormState } from '../../web/components/fields';
import type { BuilderForms } from '../../web/pages/admin/form-builder/builder-page';
import type { AppEnv } from '../app-env';
import { commit, draftMove, gone, refuse } from './builder-commit';
import * as moves from './builder-moves';
import { V } from './version-context';

/** The builder's moves on the form as a whole (issue 18): its title, its pages, the question bank. */
export const layoutRoutes = new Hono<AppEnv>();

layoutRoutes.post(
  `${V}/meta`,
  draftMove(
    metaInput,
    (c, { ctx, def, data, values }) =>
      commit(c, ctx, moves.setMeta(def, data), {
        name: 'meta',
        at: 'meta',
        scope: { meta: true },
        forms: (errors) => ({ meta: { values, errors } }),
      }),
    (meta) => ({ meta }),
  ),
);

layoutRoutes.post(
  `${V}/pages/split`,
  draftMove(questionRef, (c, { ctx, def, data }) => {
    const at = moves.locate(def, data.q);
    if (!at) return gone(c, ctx);
    return commit(c, ctx, moves.splitAfter(def, at), { name: 'split', at: `page-${at.page + 2}`, question: data.q });
  }),
);

layoutRoutes.post(
  `${V}/pages/merge`,
  draftMove(pageInput, (c, { ctx, def, data: { page } }) =>
    commit(c, ctx, page > 0 ? moves.mergePage(def, page) : null, { name: 'merge', at: `page-${Math.max(1, page)}` }),
  ),
);

/** The page-title form that was posted, re-shown under its page. */
const pageForm = (state: FormState): BuilderForms => ({ page: { page: Number(state.values.page) - 1, state } });

layoutRoutes.post(
  `${V}/pages/title`,
  draftMove(
    pageTitleInput,
    (c, { ctx, def, data, values }) =>
      commit(c, ctx, moves.setPageTitle(def, data.page, data.title_zh, data.title_en), {
        name: 'page-title',
        at: `page-${data.page + 1}`,
        scope: { page: data.page },
        forms: (errors) => pageForm({ values, errors }),
      }),
    pageForm,
  ),
);

/** A question-bank item, `template:key`, or undefined when no template has it. */
function bankItem(item: string): Question | undefined {
  const [template = '', key] = item.split(':');
  const def = Object.hasOwn(TEMPLATES, template) ? TEMPLATES[template as TemplateId].definition : undefined;
  return def?.pages.flatMap((p) => p.questions).find((q) => q.key === key);
}

layoutRoutes.post(
  `${V}/bank`,
  draftMove(
    bankInput,
    (c, { ctx, def, data, values }) => {
      const t = c.get('t');
      const items = data.items.map(bankItem);
      if (!items.every((q) => q !== undefined))
        return refuse(c, ctx, [t('err.invalidChoice')], { bank: { values, errors: { items: t('err.invalidChoice') } } });
      const { def: next, keys } = moves.insertQuestions(def, data.page, items);
      return commit(c, ctx, next, {
        name: 'bank',
        at: `q-${keys[0]}`,
        inserted: keys.length,
        forms: (errors) => ({ bank: { values, errors } }),
      });
    },
    (bank) => ({ bank }),
  ),
);
