// The respondent's journey (DESIGN §2, §4): personal link → cookie → clean URL → form → one atomic
// submission. No account: the link token, kept in a `__Host-` cookie, is the only credential.
import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { validateAnswers } from '../../schema/answers';
import { throttles } from '../../schema/tables';
import { answerErrorText } from '../../web/components/survey/form-view';
import { beijing } from '../../web/pages/admin/rounds';
import { SurveyPage } from '../../web/pages/survey/answer';
import { type NoticeKind, SurveyNotice } from '../../web/pages/survey/notice';
import type { AppEnv } from '../app-env';
import { audit, clientIp } from '../lib/audit';
import { AppError } from '../lib/errors';
import { render } from '../lib/render';
import { countHit, isThrottled, type Limit } from '../lib/throttle';
import { newId } from '../lib/tokens';
import { readForm } from '../lib/validate';
import {
  type ClientMeta,
  definitionOf,
  findInvitation,
  type Invitation,
  markOpened,
  storeSubmission,
  submitStatements,
} from './answer.queries';
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
    <SurveyNotice kind={kind} roundId={inv?.campaignId} from={inv && beijing(inv.opensAt)} to={inv && beijing(inv.closesAt)} />,
    status,
  );

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
    <SurveyPage roundId={inv.campaignId} definition={definitionOf(inv)} values={{}} errors={{}} closes={beijing(inv.closesAt)} />,
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

function clientMeta(c: Context<AppEnv>, inv: Invitation, via: ClientMeta['via'], now: number): ClientMeta {
  const agent = c.req.header('user-agent') ?? '';
  const ua = /MicroMessenger/i.test(agent) ? 'wechat' : /Mobi|Android/i.test(agent) ? 'mobile' : agent ? 'desktop' : 'unknown';
  const seconds = inv.openedAt ? Math.round((now - inv.openedAt) / 1000) : null;
  return { via, js: via === 'json' || c.req.query('js') === '1', ua, seconds };
}

answerRoutes.post('/s', async (c) => {
  const db = c.get('db');
  const inv = await cookieInvitation(c);
  if (typeof inv === 'number') return noInvitation(c, inv);
  if (c.req.query('round') !== inv.campaignId) return notice(c, 'stale', 409);
  const now = Date.now();
  const refused = refusal(inv, now);
  if (refused) return notice(c, refused[0], refused[1], inv);
  const form = await readForm(c);
  const values: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(form)) if (v !== undefined) values[k] = v;
  const def = definitionOf(inv);
  const result = validateAnswers(def, values, 'form');
  if (!result.ok) {
    const errors = answerErrorText(result.errors, c.get('t'));
    return render(
      c,
      <SurveyPage roundId={inv.campaignId} definition={def} values={values} errors={errors} closes={beijing(inv.closesAt)} />,
      422,
    );
  }
  // Two submits racing past the check above: the UNIQUE invitation_id lets exactly one in.
  const responseId = newId();
  const statements = submitStatements(db, inv, def, result.rows, clientMeta(c, inv, 'form', now), now, responseId);
  if ((await storeSubmission(db, statements, inv.id, responseId)) === 'duplicate') return notice(c, 'answered', 409, inv);
  return notice(c, 'thanks', 200, inv);
});

/** The same submission as JSON, for API clients: `{ "round"?: id, "answers": { key: value } }`. */
answerRoutes.post('/api/s', async (c) => {
  const db = c.get('db');
  const inv = await cookieInvitation(c);
  if (inv === 429) throw new AppError(429, 'too_many_bad_links', 'survey.throttled.title');
  if (inv === 404) throw new AppError(404, 'invalid_link', 'survey.invalid.title');
  const body = await readAnswersJson(c);
  if (body.round !== undefined && body.round !== inv.campaignId) throw new AppError(409, 'round_mismatch', 'survey.stale.title');
  const now = Date.now();
  const refused = refusal(inv, now);
  if (refused)
    throw new AppError(refused[1], refused[0] === 'answered' ? 'already_answered' : `round_${refused[0]}`, `survey.${refused[0]}.title`);
  const def = definitionOf(inv);
  const result = validateAnswers(def, body.answers, 'json');
  if (!result.ok) throw new AppError(422, 'invalid_answers', 'survey.err.answers', answerErrorText(result.errors, c.get('t')));
  const responseId = newId();
  const statements = submitStatements(db, inv, def, result.rows, clientMeta(c, inv, 'json', now), now, responseId);
  if ((await storeSubmission(db, statements, inv.id, responseId)) === 'duplicate') {
    throw new AppError(409, 'already_answered', 'survey.answered.title');
  }
  return c.json({ ok: true, submittedAt: now }, 201);
});
