// The builder's moves on a draft definition (issue 18), as pure functions: each returns a new
// definition and leaves its argument alone. None of them checks the result — the caller passes it to
// checkDefinition (schema/form-json.ts), the one judge of what a definition may be.
import type { FormDefinition, Localized, Question } from '../../schema/form-definition';

type Page = FormDefinition['pages'][number];
export type Position = { page: number; index: number };

const copy = (def: FormDefinition): FormDefinition => structuredClone(def);

/** Where a question is, by key, or null. */
export function locate(def: FormDefinition, key: string): Position | null {
  for (const [page, p] of def.pages.entries()) {
    const index = p.questions.findIndex((q) => q.key === key);
    if (index >= 0) return { page, index };
  }
  return null;
}

/** The question's number as respondents see it (numbers run on across pages), 1-based. */
export function numberOf(def: FormDefinition, key: string): number {
  return def.pages.flatMap((p) => p.questions).findIndex((q) => q.key === key) + 1;
}

/** `base` if no question has it, else `base_2`, `base_3` … (keys are at most 40 characters). */
export function freeKey(def: FormDefinition, base: string, taken: Set<string> = new Set()): string {
  const used = new Set([...def.pages.flatMap((p) => p.questions.map((q) => q.key)), ...taken]);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const key = `${base.slice(0, 40 - String(n).length - 1)}_${n}`;
    if (!used.has(key)) return key;
  }
}

/** The next `qN` key: one more than the highest N in use, so a deleted question's key is not reused at once. */
export function nextKey(def: FormDefinition): string {
  const ns = def.pages.flatMap((p) => p.questions.map((q) => Number(/^q(\d+)$/.exec(q.key)?.[1] ?? 0)));
  return freeKey(def, `q${Math.max(0, ...ns) + 1}`);
}

export function addQuestion(def: FormDefinition, page: number, q: Question): FormDefinition {
  const out = copy(def);
  out.pages[Math.min(page, out.pages.length - 1)]?.questions.push(q);
  return out;
}

/** Puts `q` in place of the question at `at`; a new key is followed by the show-if rules that named the old one. */
export function replaceQuestion(def: FormDefinition, at: Position, q: Question): FormDefinition {
  const out = copy(def);
  const page = out.pages[at.page];
  const old = page?.questions[at.index]?.key;
  if (page) page.questions[at.index] = q;
  if (old === undefined || old === q.key) return out;
  for (const other of out.pages.flatMap((p) => p.questions))
    for (const rule of other.showIf?.anyOf ?? []) {
      const [head, ...row] = rule.question.split('.');
      if (head === old) rule.question = [q.key, ...row].join('.');
    }
  return out;
}

/** Drops pages left without questions (a page holds at least one). */
const withoutEmptyPages = (def: FormDefinition): FormDefinition => ({ ...def, pages: def.pages.filter((p) => p.questions.length > 0) });

/**
 * One step up or down. At the edge of a page the question crosses the page break into the page before
 * or after; a page it leaves empty goes away. At the edge of the form nothing changes (null).
 */
export function moveQuestion(def: FormDefinition, at: Position, dir: 'up' | 'down'): FormDefinition | null {
  const out = copy(def);
  const page = out.pages[at.page];
  const q = page?.questions[at.index];
  if (!page || !q) return null;
  const swap = dir === 'up' ? at.index - 1 : at.index + 1;
  if (swap >= 0 && swap < page.questions.length) {
    page.questions.splice(at.index, 1);
    page.questions.splice(swap, 0, q);
    return out;
  }
  const next = out.pages[dir === 'up' ? at.page - 1 : at.page + 1];
  if (!next) return null;
  page.questions.splice(at.index, 1);
  if (dir === 'up') next.questions.push(q);
  else next.questions.unshift(q);
  return withoutEmptyPages(out);
}

export function deleteQuestion(def: FormDefinition, at: Position): FormDefinition {
  const out = copy(def);
  out.pages[at.page]?.questions.splice(at.index, 1);
  return withoutEmptyPages(out);
}

/** A page break after the question: the questions after it start a new, untitled page. Null at a page's end. */
export function splitAfter(def: FormDefinition, at: Position): FormDefinition | null {
  const out = copy(def);
  const page = out.pages[at.page];
  if (!page || at.index >= page.questions.length - 1) return null;
  const rest: Page = { questions: page.questions.splice(at.index + 1) };
  out.pages.splice(at.page + 1, 0, rest);
  return out;
}

/** Removes the page break before `page`: its questions join the page before (whose title stays). */
export function mergePage(def: FormDefinition, page: number): FormDefinition | null {
  const out = copy(def);
  const [before, gone] = [out.pages[page - 1], out.pages[page]];
  if (!before || !gone) return null;
  before.questions.push(...gone.questions);
  out.pages.splice(page, 1);
  return out;
}

const localized = (zh: string, en: string): Localized | undefined => (zh || en ? { zh, en } : undefined);

export function setPageTitle(def: FormDefinition, page: number, zh: string, en: string): FormDefinition | null {
  const out = copy(def);
  const p = out.pages[page];
  if (!p) return null;
  const title = localized(zh, en);
  if (title) p.title = title;
  else delete p.title;
  return out;
}

export function setMeta(def: FormDefinition, input: { title_zh: string; title_en: string; intro_zh: string; intro_en: string }) {
  const out = copy(def);
  out.title = { zh: input.title_zh, en: input.title_en };
  const intro = localized(input.intro_zh, input.intro_en);
  if (intro) out.intro = intro;
  else delete out.intro;
  return out;
}

/**
 * Inserts questions from a template at the end of a page. A key already in the form gets a suffix;
 * show-if rules follow the renames, and a rule on a question neither inserted nor in the form is dropped.
 */
export function insertQuestions(def: FormDefinition, page: number, items: Question[]): { def: FormDefinition; keys: string[] } {
  const renamed = new Map<string, string>();
  const taken = new Set<string>();
  for (const q of items) {
    const key = freeKey(def, q.key, taken);
    renamed.set(q.key, key);
    taken.add(key);
  }
  const present = new Set(def.pages.flatMap((p) => p.questions.map((q) => q.key)));
  const rekey = (question: string) => {
    const [head = '', ...row] = question.split('.');
    const key = renamed.get(head) ?? (present.has(head) ? head : null);
    return key === null ? null : [key, ...row].join('.');
  };
  const copies = items.map((q): Question => {
    const anyOf = (q.showIf?.anyOf ?? []).flatMap((r) => {
      const question = rekey(r.question);
      return question ? [{ ...r, question }] : [];
    });
    const { showIf: _, ...rest } = structuredClone(q);
    return { ...rest, key: renamed.get(q.key) ?? q.key, ...(anyOf.length ? { showIf: { anyOf } } : {}) } as Question;
  });
  const out = copy(def);
  out.pages[Math.min(page, out.pages.length - 1)]?.questions.push(...copies);
  return { def: out, keys: copies.map((q) => q.key) };
}
