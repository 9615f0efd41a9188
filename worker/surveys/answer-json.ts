// The JSON envelope of POST /api/s. Checked by hand rather than with z.record(): zod copies records
// into a fresh object, where a "__proto__" answer name would set the prototype instead of being
// reported as unknown; JSON.parse keeps it as an ordinary own property, which validateAnswers refuses.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { AppError } from '../lib/errors';
import { decodeUtf8, parseStrictJson } from '../lib/strict-input';

export type AnswersBody = { round?: string; answers: Record<string, unknown> };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function readAnswersJson(c: Context<AppEnv>): Promise<AnswersBody> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new AppError(415, 'unsupported_media_type', 'err.page.unsupportedType');
  let body: unknown;
  try {
    // Strict: UTF-8 bytes (400 otherwise), and no NUL or lone surrogate in any name or value (worker/lib/strict-input.ts).
    body = parseStrictJson(decodeUtf8(await c.req.arrayBuffer()));
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    throw new AppError(400, 'malformed_json', 'err.page.badRequest');
  }
  const t = c.get('t');
  if (!isPlainObject(body) || !isPlainObject(body.answers)) {
    throw new AppError(400, 'bad_body', 'survey.err.body', { answers: t('survey.err.body') });
  }
  const extra = Object.keys(body).filter((k) => k !== 'answers' && k !== 'round');
  if (extra.length)
    throw new AppError(400, 'bad_body', 'survey.err.body', Object.fromEntries(extra.map((k) => [k, t('err.unknownField')])));
  if (body.round !== undefined && typeof body.round !== 'string')
    throw new AppError(400, 'bad_body', 'survey.err.body', { round: t('err.invalid') });
  return { round: body.round, answers: body.answers };
}
