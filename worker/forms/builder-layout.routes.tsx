import { Hono } from 'hono';
import type { Question } from '../../schema/form-definition';
import { TEMPLATES, type TemplateId } from '../../schema/form-templates';
import { bankInput, metaInput, pageInput, pageTitleInput, questionRef } from '../../schema/inputs/form-builder';
import type { FormState } from '../../web/components/fields';
import type { BuilderForms } from '../../web/pages/admin/form-builder/builder-page';
import type { AppEnv } from '../app-env';
import { validateForm } from '../lib/validate';
import { commit, draft, gone, refuse } from './builder-commit';
import * as moves from './builder-moves';
import { V } from './version-context';

/** The builder's moves on the form as a whole (issue 18): its title, its pages, the question bank. */
export const layoutRoutes = new Hono<AppEnv>();

layoutRoutes.post(`${V}/meta`, async (c) => {
  const found = await draft(c);
  if (found instanceof Response) return found;
  const { ctx, def } = found;
  const input = await validateForm(c, metaInput);
  if (!input.ok) return refuse(c, ctx, [c.get('t')('form.invalid')], { meta: input.state });
  const state = (errors: Record<string, string>): BuilderForms => ({ meta: { values: input.values, errors } });
  return commit(c, ctx, moves.setMeta(def, input.data), { name: 'meta', at: 'meta', scope: { meta: true }, forms: state });
});

layoutRoutes.post(`${V}/pages/split`, async (c) => {
  const found = await draft(c);
  if (found instanceof Response) return found;
  const { ctx, def } = found;
  const input = await validateForm(c, questionRef);
  if (!input.ok) return refuse(c, ctx, Object.values(input.state.errors));
  const at = moves.locate(def, input.data.q);
  if (!at) return gone(c, ctx);
  return commit(c, ctx, moves.splitAfter(def, at), { name: 'split', at: `page-${at.page + 2}`, question: input.data.q });
});

layoutRoutes.post(`${V}/pages/merge`, async (c) => {
  const found = await draft(c);
  if (found instanceof Response) return found;
  const { ctx, def } = found;
  const input = await validateForm(c, pageInput);
  if (!input.ok) return refuse(c, ctx, Object.values(input.state.errors));
  const { page } = input.data;
  return commit(c, ctx, page > 0 ? moves.mergePage(def, page) : null, { name: 'merge', at: `page-${Math.max(1, page)}` });
});

layoutRoutes.post(`${V}/pages/title`, async (c) => {
  const found = await draft(c);
  if (found instanceof Response) return found;
  const { ctx, def } = found;
  const input = await validateForm(c, pageTitleInput);
  const page = Number((input.ok ? input.values : input.state.values).page) - 1;
  const pageForm = (state: FormState): BuilderForms => ({ page: { page, state } });
  if (!input.ok) return refuse(c, ctx, [c.get('t')('form.invalid')], pageForm(input.state));
  const { title_zh, title_en } = input.data;
  return commit(c, ctx, moves.setPageTitle(def, input.data.page, title_zh, title_en), {
    name: 'page-title',
    at: `page-${input.data.page + 1}`,
    scope: { page: input.data.page },
    forms: (errors) => pageForm({ values: input.values, errors }),
  });
});

/** A question-bank item, `template:key`, or undefined when no template has it. */
function bankItem(item: string): Question | undefined {
  const [template = '', key] = item.split(':');
  const def = Object.hasOwn(TEMPLATES, template) ? TEMPLATES[template as TemplateId].definition : undefined;
  return def?.pages.flatMap((p) => p.questions).find((q) => q.key === key);
}

layoutRoutes.post(`${V}/bank`, async (c) => {
  const found = await draft(c);
  if (found instanceof Response) return found;
  const { ctx, def } = found;
  const t = c.get('t');
  const input = await validateForm(c, bankInput);
  if (!input.ok) return refuse(c, ctx, [t('form.invalid')], { bank: input.state });
  const items = input.data.items.map(bankItem);
  if (!items.every((q) => q !== undefined))
    return refuse(c, ctx, [t('form.invalid')], { bank: { values: input.values, errors: { items: t('err.invalidChoice') } } });
  const { def: next, keys } = moves.insertQuestions(def, input.data.page, items);
  return commit(c, ctx, next, {
    name: 'bank',
    at: `q-${keys[0]}`,
    inserted: keys.length,
    forms: (errors) => ({ bank: { values: input.values, errors } }),
  });
});
