// The respondent's journey (DESIGN §2, §4): personal link → cookie → clean URL → form → one atomic
// submission (submission.ts), rendered here as pages for the form and as JSON for the API. No account:
// the link token, kept in a `__Host-` cookie, is the only credential (link-session.ts).
import { type Context, Hono } from 'hono';
import { chinaDateTime } from '../../schema/rules/china-time';
import type { Asker } from '../../web/components/asker';
import { answerErrorText } from '../../web/components/survey/form-view';
import { SurveyPage } from '../../web/pages/survey/answer';
import { type NoticeKind, SurveyNotice } from '../../web/pages/survey/notice';
import type { AppEnv } from '../app-env';
import { auditStatementIf } from '../lib/audit';
import { AppError } from '../lib/errors';
import { render } from '../lib/render';
import { readForm } from '../lib/validate';
import { type Invitation, markOpened, notYetOpened } from './answer.queries';
import { readAnswersJson } from './answer-json';
import { badLinkPage } from './link-refusal';
import { badTokenStatus, byToken, cookieInvitation, exchangeForCookie, LINK_COOKIE, refusal } from './link-session';
import { type Outcome, submitAnswers } from './submission';

const DAY_S = 24 * 3600;

export const answerRoutes = new Hono<AppEnv>();

type Status = 200 | 403 | 404 | 409 | 422 | 429;

/** Who is asking (issue 17), from the round's programme; only ever for a real link's invitation. */
const askerOf = (a: { office: string; phone: string; closesAt: number }): Asker => ({
  office: a.office,
  phone: a.phone,
  closes: chinaDateTime(a.closesAt),
});

const notice = (c: Context<AppEnv>, kind: NoticeKind, status: Status, inv?: Invitation) =>
  render(
    c,
    <SurveyNotice
      kind={kind}
      roundId={inv?.campaignId}
      from={inv && chinaDateTime(inv.opensAt)}
      to={inv && chinaDateTime(inv.closesAt)}
      asker={inv && askerOf(inv)}
    />,
    status,
  );
const noInvitation = badLinkPage;

type FormValues = Record<string, string | string[]>;
const surveyPage = (c: Context<AppEnv>, inv: Invitation, values: FormValues, errors: Record<string, string>, status: Status) =>
  render(
    c,
    <SurveyPage
      roundId={inv.campaignId}
      definition={inv.definition}
      values={values}
      errors={errors}
      asker={askerOf(inv)}
      privacy={{ text: inv.privacyNotice, retentionMonths: inv.retentionMonths }}
    />,
    status as 200,
  );

answerRoutes.get('/s', async (c) => {
  const inv = await cookieInvitation(c);
  if (typeof inv === 'number') return noInvitation(c, inv);
  const refused = refusal(inv, Date.now());
  if (refused) return notice(c, refused, 200, inv);
  return surveyPage(c, inv, {}, {}, 200);
});

answerRoutes.get('/s/:token', async (c) => {
  const token = c.req.param('token');
  const inv = await byToken(c, token);
  if (!inv) return noInvitation(c, await badTokenStatus(c));
  // 已打开 counts only a link opened while its round is open: opening a scheduled round's link early
  // shows when it opens and counts nothing (issue 17). The first open is on the audit trail (issue 13).
  const now = Date.now();
  if (!inv.openedAt && refusal(inv, now) === null) {
    const db = c.get('db');
    const opened = auditStatementIf(db, c, { action: 'link_opened', objectType: 'invitation', objectId: inv.id }, notYetOpened(inv), now);
    await markOpened(db, inv, now, opened);
  }
  const maxAge = Math.min(180 * DAY_S, Math.max(DAY_S, Math.ceil((inv.closesAt - Date.now()) / 1000) + 7 * DAY_S));
  return exchangeForCookie(c, LINK_COOKIE, token, maxAge, '/s');
});
// Any other path under /s/ (Hono's /s/* would also match /s itself, hence registered after it).
answerRoutes.get('/s/*', async (c) => noInvitation(c, await badTokenStatus(c)));

const REFUSED_STATUS = { answered: 409, upcoming: 403, closed: 403, void: 403 } as const;

/** An outcome as the page the respondent sees next. The thank-you page names the round (its script deletes that round's saved draft) and who asked. */
function asPage(c: Context<AppEnv>, outcome: Outcome, values: FormValues) {
  switch (outcome.kind) {
    case 'stored':
      return render(c, <SurveyNotice kind="thanks" roundId={outcome.roundId} asker={outcome.asker ? askerOf(outcome.asker) : undefined} />);
    case 'no_link':
      return noInvitation(c, outcome.status);
    case 'stale':
      return notice(c, 'stale', 409);
    case 'refused':
      return notice(c, outcome.why, REFUSED_STATUS[outcome.why], outcome.inv);
    case 'invalid':
      return surveyPage(c, outcome.inv, values, answerErrorText(outcome.errors, c.get('t')), 422);
  }
}

/** The same outcome for API clients: 201 with the time stored, or an error code the client can act on. */
function asJson(c: Context<AppEnv>, outcome: Outcome) {
  switch (outcome.kind) {
    case 'stored':
      return c.json({ ok: true, submittedAt: outcome.at }, 201);
    case 'no_link':
      throw outcome.status === 429
        ? new AppError(429, 'too_many_bad_links', 'survey.throttled.title')
        : new AppError(404, 'invalid_link', 'survey.invalid.title');
    case 'stale':
      throw new AppError(409, 'round_mismatch', 'survey.stale.title');
    case 'refused':
      throw new AppError(
        REFUSED_STATUS[outcome.why],
        outcome.why === 'answered' ? 'already_answered' : `round_${outcome.why}`,
        `survey.${outcome.why}.title`,
      );
    case 'invalid':
      throw new AppError(422, 'invalid_answers', 'survey.err.answers', answerErrorText(outcome.errors, c.get('t')));
  }
}

answerRoutes.post('/s', async (c) => {
  const values: FormValues = {};
  for (const [k, v] of Object.entries(await readForm(c))) if (v !== undefined) values[k] = v;
  return asPage(c, await submitAnswers(c, { round: c.req.query('round'), values, via: 'form' }), values);
});

/** The same submission as JSON, for API clients: `{ "round"?: id, "answers": { key: value } }`. */
answerRoutes.post('/api/s', async (c) => {
  const body = await readAnswersJson(c);
  return asJson(c, await submitAnswers(c, { round: body.round, values: body.answers, via: 'json' }));
});
