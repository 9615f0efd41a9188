// The JSON envelope of POST /api/s. Checked by hand rather than with z.record(): zod copies records
// into a fresh object, where a "__proto__" answer name would set the prototype instead of being
// reported as unknown; JSON.parse keeps it as an ordinary own property, which validateAnswers refuses.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { AppError } from '../lib/errors';

export type AnswersBody = { round?: string; answers: Record<string, unknown> };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function readAnswersJson(c: Context<AppEnv>): Promise<AnswersBody> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new AppError(415, 'unsupported_media_type', 'err.page.unsupportedType');
  let body: unknown;
  let nul = false;
  try {
    // A NUL anywhere (an escaped \u0000 in a name or a value) is refused like in a form body (readForm).
    body = JSON.parse(await c.req.text(), (key, value) => {
      if (key.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000'))) nul = true;
      return value;
    });
  } catch {
    throw new AppError(400, 'malformed_json', 'err.page.badRequest');
  }
  if (nul) throw new AppError(400, 'nul_character', 'err.page.badRequest');
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
