// The admin's JSON editor and the form import both read a definition from text typed or uploaded by a
// person. This turns that text into a definition or into issues a person can act on: where (a path
// written as in JavaScript, `pages[0].questions[2].key`) and what (a catalogue key with parameters).
// Pure, so the editor island shows the same issues in the browser as the server does on save.
import type * as z from 'zod';
import { authoredDefinition, type FormDefinition, formDefinition } from './form-definition';

export type DefinitionIssue = { path: string; key: DefinitionIssueKey; params?: Record<string, string | number> };
export type DefinitionResult = { ok: true; definition: FormDefinition } | { ok: false; issues: DefinitionIssue[] };

export const DEFINITION_ISSUE_KEYS = [
  'form.err.json',
  'form.err.key',
  'form.err.duplicateKey',
  'form.err.showIfForward',
  'form.err.showIfMissing',
  'form.err.showIfType',
  'form.err.showIfValue',
  'form.err.noOptions',
  'form.err.noRows',
  'form.err.duplicateLabel',
  'form.err.choiceBounds',
  'form.err.minMax',
  'form.err.missing',
  'form.err.type',
  'form.err.questionType',
  'form.err.unknownKeys',
  'form.err.tooSmall',
  'form.err.tooBig',
  'form.err.tooFew',
  'form.err.tooMany',
  'form.err.value',
  'form.err.format',
  'form.err.invalid',
] as const;
export type DefinitionIssueKey = (typeof DEFINITION_ISSUE_KEYS)[number];

/** `['pages', 0, 'questions', 2, 'key']` → `pages[0].questions[2].key`; the whole document is `$`. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '$';
}

const isIssueKey = (m: string): m is DefinitionIssueKey => (DEFINITION_ISSUE_KEYS as readonly string[]).includes(m);

function toIssue(issue: z.core.$ZodIssue): DefinitionIssue {
  const path = issuePath(issue.path);
  if (isIssueKey(issue.message)) return { path, key: issue.message };
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { path, key: 'form.err.missing' }
        : { path, key: 'form.err.type', params: { expected: issue.expected } };
    case 'invalid_union':
      // The discriminated union of question types fails on an unknown `type` before anything else.
      return 'options' in issue
        ? { path, key: 'form.err.questionType', params: { values: (issue.options as unknown[]).join(', ') } }
        : { path, key: 'form.err.invalid' };
    case 'unrecognized_keys':
      return { path, key: 'form.err.unknownKeys', params: { keys: issue.keys.join(', ') } };
    case 'too_small':
      return { path, key: issue.origin === 'array' ? 'form.err.tooFew' : 'form.err.tooSmall', params: { min: Number(issue.minimum) } };
    case 'too_big':
      return { path, key: issue.origin === 'array' ? 'form.err.tooMany' : 'form.err.tooBig', params: { max: Number(issue.maximum) } };
    case 'invalid_value':
      return { path, key: 'form.err.value', params: { values: issue.values.map(String).join(', ') } };
    case 'invalid_format':
      return { path, key: 'form.err.format' };
    default:
      return { path, key: 'form.err.invalid' };
  }
}

/**
 * Parses definition JSON text an author sends; a syntax error is one issue at `$` carrying the parser's own
 * words. The server passes its strict parser (worker/lib/strict-input.ts), whose refusals (NUL) are not
 * syntax errors and propagate.
 */
export function parseDefinitionJson(text: string, parse: (text: string) => unknown = JSON.parse): DefinitionResult {
  return parsedWith(text, parse, checkDefinition);
}

/** Judges a definition an author saves (authoredDefinition: the stored rules and the authoring ones). */
export function checkDefinition(raw: unknown): DefinitionResult {
  return judge(authoredDefinition, raw);
}

/** Reads a stored definition by the stored rules only (formDefinition), so older forms keep working. */
export function readDefinitionJson(text: string): DefinitionResult {
  return parsedWith(text, JSON.parse, (raw) => judge(formDefinition, raw));
}

function parsedWith(text: string, parse: (text: string) => unknown, check: (raw: unknown) => DefinitionResult): DefinitionResult {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    return { ok: false, issues: [{ path: '$', key: 'form.err.json', params: { detail: err.message } }] };
  }
  return check(raw);
}

function judge(schema: typeof formDefinition, raw: unknown): DefinitionResult {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, definition: parsed.data };
  return { ok: false, issues: parsed.error.issues.map(toIssue) };
}

/** The text the editor shows: two-space indented, as an export file is written. */
export const definitionText = (def: FormDefinition): string => JSON.stringify(def, null, 2);
