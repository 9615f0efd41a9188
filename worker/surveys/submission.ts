// The one road of a survey submission, for the HTML form and the JSON API alike. It returns what
// happened; answer.routes.tsx renders that as a page or as JSON. The common case costs one D1 round
// trip: answers that pass the round's form (cached per isolate) go straight into the batch, which
// stores them only for an unanswered link of that open round (submit-sql.ts). Anything else looks the
// invitation up and says exactly why nothing was stored.
import type { Context } from 'hono';
import { type AnswerError, type AnswerRow, validateAnswers } from '../../schema/answers';
import type { AppEnv } from '../app-env';
import { auditRefusal, clientIp, ipSaltFor, markAudited } from '../lib/audit';
import { newId } from '../lib/tokens';
import { type ClientMeta, type Invitation, type RoundAsker, type RoundForm, roundForm, storeSubmission } from './answer.queries';
import { cookieInvitation, cookieToken, type Refusal, refusal } from './link-session';
import { tokenHash } from './link-token';

export type SubmissionInput = {
  /** The round the answers were given for (the form's ?round=, or the JSON body's `round`). */
  round: string | undefined;
  values: Record<string, unknown>;
  via: ClientMeta['via'];
};

export type Outcome =
  | { kind: 'stored'; roundId: string; at: number; asker: RoundAsker | null }
  /** No invitation behind the cookie (404), or too many bad links from this client (429). */
  | { kind: 'no_link'; status: 404 | 429 }
  /** The answers were for another round than the link's, or the link changed while answering. */
  | { kind: 'stale' }
  | { kind: 'refused'; why: Refusal; inv: Invitation }
  | { kind: 'invalid'; inv: Invitation; errors: Record<string, AnswerError> };

function clientMeta(c: Context<AppEnv>, via: ClientMeta['via']): ClientMeta {
  const agent = c.req.header('user-agent') ?? '';
  const ua = /MicroMessenger/i.test(agent) ? 'wechat' : /Mobi|Android/i.test(agent) ? 'mobile' : agent ? 'desktop' : 'unknown';
  return { via, js: via === 'json' || c.req.query('js') === '1', ua };
}

/** Stores answers for the link `token` in round `campaignId`: one batch, which checks the link and writes its audit row (submit-sql.ts). */
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
  const ip = clientIp(c);
  const stored = await storeSubmission(c.get('db'), {
    tokenHash: await tokenHash(token),
    campaignId,
    form,
    rows,
    meta,
    now,
    responseId: newId(),
    ip,
    ipSalt: ipSaltFor(ip),
  });
  if (typeof stored === 'object') markAudited(c);
  return stored;
}

/** The one-round-trip case; null sends the caller to the full road (the same answers, in the same order, as before the shortcut). */
async function storeDirectly(c: Context<AppEnv>, { round, values, via }: SubmissionInput): Promise<Outcome | null> {
  const token = cookieToken(c);
  if (!round || !token) return null;
  const form = await roundForm(c.get('db'), round);
  const result = form && validateAnswers(form.definition, values, via);
  if (!form || !result?.ok) return null;
  const now = Date.now();
  const stored = await store(c, token, round, form, result.rows, via, now);
  return typeof stored === 'object' ? { kind: 'stored', roundId: round, at: now, asker: stored.asker } : null;
}

/**
 * A refused submission of a real link (answered, not yet open, closed, or for another round) is the
 * respondent side's `survey_refused`: audited once per invitation and window, the rest counted.
 */
const refused = (c: Context<AppEnv>, inv: Invitation, why: Refusal | 'stale') =>
  auditRefusal(c, { action: 'survey_refused', objectType: 'invitation', objectId: inv.id, detail: { why } }, `invitation:${inv.id}`);

export async function submitAnswers(c: Context<AppEnv>, input: SubmissionInput): Promise<Outcome> {
  const direct = await storeDirectly(c, input);
  if (direct) return direct;
  const inv = await cookieInvitation(c);
  if (typeof inv === 'number') return { kind: 'no_link', status: inv };
  // A form always names its round; an API client may leave it out and answer the link's own round.
  const roundOk = input.via === 'form' ? input.round === inv.campaignId : input.round === undefined || input.round === inv.campaignId;
  if (!roundOk) {
    await refused(c, inv, 'stale');
    return { kind: 'stale' };
  }
  const now = Date.now();
  const why = refusal(inv, now);
  if (why) {
    await refused(c, inv, why);
    return { kind: 'refused', why, inv };
  }
  const result = validateAnswers(inv.definition, input.values, input.via);
  if (!result.ok) return { kind: 'invalid', inv, errors: result.errors };
  const stored = await store(c, cookieToken(c) ?? '', inv.campaignId, inv, result.rows, input.via, now);
  if (typeof stored === 'object')
    return { kind: 'stored', roundId: inv.campaignId, at: now, asker: { office: inv.office, phone: inv.phone, closesAt: inv.closesAt } };
  await refused(c, inv, stored === 'duplicate' ? 'answered' : 'stale');
  return stored === 'duplicate' ? { kind: 'refused', why: 'answered', inv } : { kind: 'stale' };
}
