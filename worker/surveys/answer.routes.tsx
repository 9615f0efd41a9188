// The respondent's journey (DESIGN §2, §4): personal link → cookie → clean URL → form → one atomic
// submission. No account: the link token, kept in a `__Host-` cookie, is the only credential.
import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { type AnswerRow, validateAnswers } from '../../schema/answers';
import { chinaDateTime } from '../../schema/rules/china-time';
import { throttles } from '../../schema/tables';
import { answerErrorText } from '../../web/components/survey/form-view';
import { SurveyPage } from '../../web/pages/survey/answer';
import { type NoticeKind, SurveyNotice } from '../../web/pages/survey/notice';
import type { AppEnv } from '../app-env';
import { audit, clientIp } from '../lib/audit';
import { AppError } from '../lib/errors';
import { render } from '../lib/render';
import { countHit, isThrottled, type Limit } from '../lib/throttle';
import { newId } from '../lib/tokens';
import { readForm } from '../lib/validate';
import { type ClientMeta, findInvitation, type Invitation, markOpened, type RoundForm, roundForm, storeSubmission } from './answer.queries';
import { readAnswersJson } from './answer-json';
import { TOKEN_PATTERN, tokenHash } from './link-token';

/** 30 bad link tokens a minute per client, then 429 (DESIGN §9); a valid link is never refused. */
export const LINK_LIMIT: Limit = { limit: 30, windowMs: 60_000 };
const COOKIE = 'sv';
const DAY_S = 24 * 3600;

export const answerRoutes = new Hono<AppEnv>();

type Status = 200 | 403 | 404 | 409 | 429;
const notice = (c: Context<AppEnv>, kind: NoticeKind, status: Status, inv?: Invitation) =>
  render(
    c,
    <SurveyNotice kind={kind} roundId={inv?.campaignId} from={inv && chinaDateTime(inv.opensAt)} to={inv && chinaDateTime(inv.closesAt)} />,
    status,
  );
/** The thank-you page names only the round (its script deletes that round's saved draft). */
const thanks = (c: Context<AppEnv>, roundId: string) => render(c, <SurveyNotice kind="thanks" roundId={roundId} />);

/**
 * How long after its round closes a link still opens the "closed" notice with the round's dates
 * (DESIGN §4). Past that it is expired: the same 404 as a made-up token, so an old link found in a
 * mailbox or chat log tells nobody that the enterprise was drawn, nor for which round (SECURITY.md).
 */
export const CLOSED_GRACE_MS = 30 * 24 * 3600_000;

async function byToken(c: Context<AppEnv>, token: string | undefined) {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const inv = await findInvitation(c.get('db'), await tokenHash(token));
  return inv && Date.now() < inv.closesAt + CLOSED_GRACE_MS ? inv : null;
}

/** Counts a bad token against the client (cf-connecting-ip); 429 once it is over the limit, else 404. */
async function badTokenStatus(c: Context<AppEnv>): Promise<404 | 429> {
  const db = c.get('db');
  const client = clientIp(c) ?? 'local';
  const key = `link:${client}`;
  if (await isThrottled(db, key, LINK_LIMIT)) return 429;
  const [hit] = await countHit(db, key, LINK_LIMIT).returning({ count: throttles.count });
  // Audited once per client and window, when the limit is reached, not once per refused guess.
  if (hit?.count === LINK_LIMIT.limit) await audit(c, { action: 'link_throttled', objectType: 'client', objectId: client });
  return 404;
}
const noInvitation = (c: Context<AppEnv>, status: 404 | 429) => notice(c, status === 429 ? 'throttled' : 'invalid', status);
const badToken = async (c: Context<AppEnv>) => noInvitation(c, await badTokenStatus(c));

/** Why this invitation cannot answer now, if it cannot. */
function refusal(inv: Invitation, now: number): [NoticeKind, Status] | null {
  if (inv.submittedAt) return ['answered', 409];
  if (now < inv.opensAt) return ['upcoming', 403];
  if (now >= inv.closesAt) return ['closed', 403];
  return null;
}

/** The cookie's invitation. A cookie naming none counts as a bad token, so guessing via the cookie is throttled too. */
async function cookieInvitation(c: Context<AppEnv>): Promise<Invitation | 404 | 429> {
  const token = getCookie(c, COOKIE, 'host');
  if (!token) return 404;
  return (await byToken(c, token)) ?? badTokenStatus(c);
}

answerRoutes.get('/s', async (c) => {
  const inv = await cookieInvitation(c);
  if (typeof inv === 'number') return noInvitation(c, inv);
  const refused = refusal(inv, Date.now());
  if (refused) return notice(c, refused[0], 200, inv);
  return render(
    c,
    <SurveyPage roundId={inv.campaignId} definition={inv.definition} values={{}} errors={{}} closes={chinaDateTime(inv.closesAt)} />,
  );
});

answerRoutes.get('/s/:token', async (c) => {
  const token = c.req.param('token');
  const inv = await byToken(c, token);
  if (!inv) return badToken(c);
  if (!inv.openedAt) await markOpened(c.get('db'), inv, Date.now());
  const maxAge = Math.min(180 * DAY_S, Math.max(DAY_S, Math.ceil((inv.closesAt - Date.now()) / 1000) + 7 * DAY_S));
  setCookie(c, COOKIE, token, { path: '/', httpOnly: true, secure: true, sameSite: 'Lax', maxAge, prefix: 'host' });
  c.header('Cache-Control', 'no-store');
  // The clean URL keeps the token out of history, bookmarks, screenshots and Referer headers.
  return c.redirect('/s', 303);
});
// Any other path under /s/ (Hono's /s/* would also match /s itself, hence registered after it).
answerRoutes.get('/s/*', (c) => badToken(c));

function clientMeta(c: Context<AppEnv>, via: ClientMeta['via']): ClientMeta {
  const agent = c.req.header('user-agent') ?? '';
  const ua = /MicroMessenger/i.test(agent) ? 'wechat' : /Mobi|Android/i.test(agent) ? 'mobile' : agent ? 'desktop' : 'unknown';
  return { via, js: via === 'json' || c.req.query('js') === '1', ua };
}

/** Stores answers for the link `token` in round `campaignId`: one batch, which checks the link (submit-sql.ts). */
async function store(
  c: Context<AppEnv>,
  token: string,
  campaignId: string,
  form: RoundForm,
  rows: AnswerRow[],
  via: ClientMeta['via'],
  now: number,
) {
  const meta = clientMeta(c, via);
  return storeSubmission(c.get('db'), { tokenHash: await tokenHash(token), campaignId, form, rows, meta, now, responseId: newId() });
}

/**
 * The common case in one D1 round trip: answers that pass the round's form (cached per isolate) go
 * straight into the batch, which stores them only for an unanswered link of that open round
 * (submit-sql.ts). Returns the time stored. Anything else — no or bad cookie, unknown round, invalid
 * answers, a refused batch — returns null, and the caller takes the full path, which looks the
 * invitation up and says exactly why (the same answers, in the same order, as before this shortcut).
 */
async function submitDirectly(
  c: Context<AppEnv>,
  round: string | undefined,
  values: Record<string, unknown>,
  via: ClientMeta['via'],
): Promise<number | null> {
  const token = getCookie(c, COOKIE, 'host');
  if (!round || !token || !TOKEN_PATTERN.test(token)) return null;
  const form = await roundForm(c.get('db'), round);
  const result = form && validateAnswers(form.definition, values, via);
  if (!form || !result?.ok) return null;
  const now = Date.now();
  return (await store(c, token, round, form, result.rows, via, now)) === 'stored' ? now : null;
}

/** The full path's store: the invitation is known and may answer; 'refused' means it changed meanwhile. */
const submitFor = (c: Context<AppEnv>, inv: Invitation, rows: AnswerRow[], via: ClientMeta['via'], now = Date.now()) =>
  store(c, getCookie(c, COOKIE, 'host') ?? '', inv.campaignId, inv, rows, via, now);

answerRoutes.post('/s', async (c) => {
  const form = await readForm(c);
  const values: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(form)) if (v !== undefined) values[k] = v;
  const round = c.req.query('round');
  if ((await submitDirectly(c, round, values, 'form')) !== null) return thanks(c, round ?? '');
  const inv = await cookieInvitation(c);
  if (typeof inv === 'number') return noInvitation(c, inv);
  if (round !== inv.campaignId) return notice(c, 'stale', 409);
  const refused = refusal(inv, Date.now());
  if (refused) return notice(c, refused[0], refused[1], inv);
  const def = inv.definition;
  const result = validateAnswers(def, values, 'form');
  if (!result.ok) {
    const errors = answerErrorText(result.errors, c.get('t'));
    return render(
      c,
      <SurveyPage roundId={inv.campaignId} definition={def} values={values} errors={errors} closes={chinaDateTime(inv.closesAt)} />,
      422,
    );
  }
  const stored = await submitFor(c, inv, result.rows, 'form');
  if (stored === 'duplicate') return notice(c, 'answered', 409, inv);
  if (stored === 'refused') return notice(c, 'stale', 409);
  return thanks(c, inv.campaignId);
});

/** The same submission as JSON, for API clients: `{ "round"?: id, "answers": { key: value } }`. */
answerRoutes.post('/api/s', async (c) => {
  const body = await readAnswersJson(c);
  const direct = await submitDirectly(c, body.round, body.answers, 'json');
  if (direct !== null) return c.json({ ok: true, submittedAt: direct }, 201);
  const inv = await cookieInvitation(c);
  if (inv === 429) throw new AppError(429, 'too_many_bad_links', 'survey.throttled.title');
  if (inv === 404) throw new AppError(404, 'invalid_link', 'survey.invalid.title');
  if (body.round !== undefined && body.round !== inv.campaignId) throw new AppError(409, 'round_mismatch', 'survey.stale.title');
  const refused = refusal(inv, Date.now());
  if (refused)
    throw new AppError(refused[1], refused[0] === 'answered' ? 'already_answered' : `round_${refused[0]}`, `survey.${refused[0]}.title`);
  const result = validateAnswers(inv.definition, body.answers, 'json');
  if (!result.ok) throw new AppError(422, 'invalid_answers', 'survey.err.answers', answerErrorText(result.errors, c.get('t')));
  const now = Date.now();
  const stored = await submitFor(c, inv, result.rows, 'json', now);
  if (stored === 'duplicate') throw new AppError(409, 'already_answered', 'survey.answered.title');
  if (stored === 'refused') throw new AppError(409, 'round_mismatch', 'survey.stale.title');
  return c.json({ ok: true, submittedAt: now }, 201);
});
