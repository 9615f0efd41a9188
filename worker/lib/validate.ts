// Boundary validation (DESIGN §9): forms and JSON are parsed here and checked by strict zod schemas.
// A form that fails comes back as { ok: false, state } so the page can re-render with the input kept.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import type { FormState, FormValues } from '../../web/components/fields';
import { isMessageKey, type Translate } from '../../web/i18n';
import type { AppEnv } from '../app-env';
import { AppError } from './errors';
import { checkMultipartText, checkString, parseUrlencoded } from './strict-input';

export type FormResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; state: FormState };

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * Reads an HTML form body into plain strings (repeated names become arrays; files are dropped). Strict:
 * the body must be UTF-8 and no name or value may hold NUL (worker/lib/strict-input.ts): 400 otherwise.
 */
export async function readForm(c: Context<AppEnv>): Promise<FormValues> {
  const contentType = c.req.header('content-type') ?? '';
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!FORM_TYPES.includes(type)) throw new AppError(415, 'unsupported_media_type', 'err.page.unsupportedType');
  // A Map, then own properties: a field named __proto__ stays a field.
  const values = new Map<string, string | string[]>();
  const add = (key: string, value: string) => {
    const had = values.get(key);
    if (had === undefined) values.set(key, value);
    else if (Array.isArray(had)) had.push(value);
    else values.set(key, [had, value]);
  };
  const body = await c.req.arrayBuffer();
  if (type === FORM_TYPES[0]) {
    // The WHATWG urlencoded parser, strictly decoding (URLSearchParams would turn %FF into U+FFFD), on
    // the body's bytes — not Hono's parseBody, which wraps the body in a new Response first (≈ a tenth of
    // a survey submission's CPU).
    for (const [key, value] of parseUrlencoded(body)) add(key, value);
    return Object.fromEntries(values);
  }
  checkMultipartText(body, contentType);
  let parsed: Awaited<ReturnType<typeof c.req.parseBody>>;
  try {
    parsed = await c.req.parseBody({ all: true }); // from the bytes read above (Hono caches the body)
  } catch (err) {
    // A multipart body without its boundary, or cut short, makes the runtime's FormData parser throw:
    // the client's fault (400), not ours (500). Found by test/security/property.test.ts.
    if (err instanceof HTTPException) throw err;
    throw new AppError(400, 'malformed_body', 'err.page.badRequest');
  }
  for (const [key, raw] of Object.entries(parsed)) {
    for (const v of Array.isArray(raw) ? raw : [raw]) if (typeof v === 'string') add(checkString(key), checkString(v));
  }
  return Object.fromEntries(values);
}

export function fieldErrors(error: z.ZodError, t: Translate): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.code === 'unrecognized_keys' ? issue.keys.join(',') : issue.path.join('.') || '_';
    if (fields[key]) continue;
    fields[key] = issueMessage(issue, t);
  }
  return fields;
}

function issueMessage(issue: z.core.$ZodIssue, t: Translate): string {
  if (isMessageKey(issue.message)) return t(issue.message);
  switch (issue.code) {
    case 'too_big':
      return t('err.tooLong', { max: Number(issue.maximum) });
    case 'too_small':
      return Number(issue.minimum) <= 1 ? t('err.required') : t('err.tooShort', { min: Number(issue.minimum) });
    case 'invalid_value':
      return t('err.invalidChoice');
    case 'unrecognized_keys':
      return t('err.unknownField');
    case 'invalid_type':
      return issue.input === undefined ? t('err.required') : t('err.invalid');
    default:
      return t('err.invalid');
  }
}

export async function validateForm<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<FormResult<z.output<S>>> {
  const values = await readForm(c);
  // reportInput: zod v4 leaves the input out of issues by default, and without it a wrong type (an
  // array sent for a text field) could not be told from a missing value ("required").
  const parsed = schema.safeParse(values, { reportInput: true });
  if (parsed.success) return { ok: true, data: parsed.data, values };
  return { ok: false, state: { values, errors: fieldErrors(parsed.error, c.get('t')) } };
}
