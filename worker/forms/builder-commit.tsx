// The builder's shared steps: render the builder page, refuse a move (nothing stored), and commit a
// move's definition after the definition schema has checked it whole (issue 18).
import type { Context } from 'hono';
import type * as z from 'zod';
import type { FormDefinition } from '../../schema/form-definition';
import { checkDefinition } from '../../schema/form-json';
import type { FormState, FormValues } from '../../web/components/fields';
import { type BuilderForms, FormBuilderPage } from '../../web/pages/admin/form-builder/builder-page';
import { FormPreviewPage } from '../../web/pages/admin/forms-preview';
import type { AppEnv } from '../app-env';
import { render, renderHtml } from '../lib/render';
import { validateForm } from '../lib/validate';
import { type PlacedIssues, placeIssues, type Scope } from './builder-issues';
import { loadVersion, saveDraft, storedDefinition, type VersionContext } from './version-context';

export type View = { forms?: BuilderForms; problems?: Pick<PlacedIssues, 'byQuestion' | 'list'>; at?: string; notice?: string };

export function builderPage(c: Context<AppEnv>, ctx: VersionContext, view: View, status: 200 | 409 | 422 = 200) {
  const definition = storedDefinition(ctx.version.definition);
  // The phone frame is an iframe whose document is written here (srcdoc): the respondent's own page,
  // rendered at a phone's width, under this page's CSP.
  const preview = `<!doctype html>${renderHtml(c, <FormPreviewPage definition={definition} />)}`;
  return render(c, <FormBuilderPage form={ctx.form} version={ctx.version} definition={definition} preview={preview} {...view} />, status);
}

/** Refuses a move, storing nothing: the builder again, with the messages and the posted form's input. */
export function refuse(c: Context<AppEnv>, ctx: VersionContext, list: string[], forms: BuilderForms = {}, status: 409 | 422 = 422) {
  return builderPage(c, ctx, { forms, problems: { byQuestion: {}, list } }, status);
}

export type Move = {
  name: string;
  /** The element to come back to: `q-<key>`, `meta`, `page-2`, `bank`. */
  at: string;
  question?: string;
  /** Open this question's editor after the move. */
  edit?: string;
  inserted?: number;
  scope?: Scope;
  /** The posted form, re-shown with the issues beside its fields if the result is refused. */
  forms?: (errors: Record<string, string>) => BuilderForms;
};

/** Checks the definition a move made and stores it, or shows where it breaks a rule (422, nothing stored). */
export async function commit(c: Context<AppEnv>, ctx: VersionContext, next: FormDefinition | null, move: Move) {
  const query = new URLSearchParams({ at: move.at, ...(move.edit ? { edit: move.edit } : {}) });
  // A move with nothing to do (up from the very top) changes nothing and is not an error.
  if (!next) return c.redirect(`${ctx.base}?${query}#${move.at}`, 303);
  const result = checkDefinition(next);
  if (!result.ok) {
    const issues = placeIssues(next, result.issues, c.get('t'), move.scope);
    return builderPage(c, ctx, { forms: move.forms?.(issues.fields), problems: issues, at: move.at }, 422);
  }
  await saveDraft(c, ctx, result.definition, { move: move.name, ...(move.question ? { question: move.question } : {}) });
  query.set(move.inserted ? 'inserted' : 'saved', String(move.inserted ?? 1));
  return c.redirect(`${ctx.base}?${query}#${move.at}`, 303);
}

export type MoveInput<T> = { ctx: VersionContext; def: FormDefinition; data: T; values: FormValues };

/**
 * A builder move's handler: the draft (a published version never changes: 409) and the posted form
 * checked by `schema` (422 with the form re-shown by `shown`, or the messages listed); then `apply`.
 */
export function draftMove<S extends z.ZodType>(
  schema: S,
  apply: (c: Context<AppEnv>, input: MoveInput<z.output<S>>) => Response | Promise<Response>,
  shown: (state: FormState) => BuilderForms = () => ({}),
) {
  return async (c: Context<AppEnv>) => {
    const ctx = await loadVersion(c);
    if (ctx.version.status !== 'draft') return refuse(c, ctx, [c.get('t')('form.err.notDraft')], {}, 409);
    const input = await validateForm(c, schema);
    if (!input.ok) return refuse(c, ctx, [...new Set(Object.values(input.state.errors))], shown(input.state));
    return apply(c, { ctx, def: storedDefinition(ctx.version.definition), data: input.data, values: input.values });
  };
}

/** A move on a question the page showed but the draft no longer has (deleted in another tab). */
export const gone = (c: Context<AppEnv>, ctx: VersionContext) => refuse(c, ctx, [c.get('t')('builder.err.gone')], {}, 409);
