// The enterprise's 我的诉求 page (issue 16): its personal link opens like a survey link (the token for a
// `__Host-` cookie, then the clean URL /e; worker/surveys/link-session.ts), and a bad, revoked or
// guessed token gets the survey links' byte-identical 404, counted against the same per-client throttle.
// The enterprise sees and moves only its own problems of the link's programme: another's id is "not
// found" (audited). Every read and write is on the audit trail, with no user (the link is the actor).
import { type Context, Hono } from 'hono';
import { enterpriseRequestInput, problemActionInputs } from '../../schema/inputs/problems';
import { chinaToday, earliest } from '../../schema/rules/china-time';
import { legal } from '../../schema/rules/problem-moves';
import type { FormState } from '../../web/components/fields';
import { MyRequestsPage } from '../../web/pages/enterprise/my-requests';
import type { AppEnv } from '../app-env';
import { audit, auditStatement } from '../lib/audit';
import { notFound } from '../lib/errors';
import { render } from '../lib/render';
import { hit, type Limit } from '../lib/throttle';
import { fieldErrors, readForm } from '../lib/validate';
import { deliverAfterWrite } from '../notify/deliver';
import { calendarFrom } from '../problems/deadlines.queries';
import { expectedOf, stateOf } from '../problems/move-input';
import { writeTransition } from '../problems/problem-write';
import { readProblem } from '../problems/problems.queries';
import { applyAction } from '../problems/transitions';
import { badLinkPage } from '../surveys/link-refusal';
import { badTokenStatus, cookieToken, exchangeForCookie } from '../surveys/link-session';
import { TOKEN_PATTERN, tokenHash } from '../surveys/link-token';
import { type EnterpriseLink, findEnterpriseLink } from './links.queries';
import { enterpriseProblems } from './page.queries';
import { raiseRequest } from './request-write';

export const enterprisePageRoutes = new Hono<AppEnv>();
type Ctx = Context<AppEnv>;

const COOKIE = 'ev';
/** A long-lived link: the cookie lasts 180 days from the last open. */
const MAX_AGE_S = 180 * 24 * 3600;
/** 提出诉求: at most 5 a day per link (issue 16). */
export const REQUEST_LIMIT: Limit = { limit: 5, windowMs: 24 * 3600_000 };

async function byToken(c: Ctx, token: string | undefined): Promise<EnterpriseLink | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  return findEnterpriseLink(c.get('db'), await tokenHash(token));
}

/** The cookie's link, or the status of a bad one (a forged cookie counts as a guess, as for survey links). */
async function cookieLink(c: Ctx): Promise<EnterpriseLink | 404 | 429> {
  const token = cookieToken(c, COOKIE);
  if (!token) return 404;
  return (await byToken(c, token)) ?? badTokenStatus(c);
}

type Extra = { confirm?: { problemId: string; form: FormState }; request?: FormState; message?: { text: string; error: boolean } };

async function page(c: Ctx, link: EnterpriseLink, extra: Extra = {}, status: 200 | 409 | 422 | 429 = 200) {
  const problems = await enterpriseProblems(c.get('db'), link.programmeId, link.enterpriseId);
  return render(
    c,
    <MyRequestsPage
      enterprise={link.enterprise}
      asker={{ office: link.office, phone: link.phone }}
      privacy={{ text: link.privacyNotice, retentionMonths: link.retentionMonths }}
      problems={problems}
      {...extra}
    />,
    status as 200,
  );
}

enterprisePageRoutes.get('/e/:token{[A-Za-z0-9_-]{1,200}}', async (c) => {
  const token = c.req.param('token');
  const link = await byToken(c, token);
  if (!link) return badLinkPage(c, await badTokenStatus(c));
  await audit(c, { action: 'enterprise_link_opened', objectType: 'enterprise', objectId: link.enterpriseId, detail: { link: link.id } });
  return exchangeForCookie(c, COOKIE, token, MAX_AGE_S, '/e');
});

enterprisePageRoutes.get('/e', async (c) => {
  const link = await cookieLink(c);
  if (typeof link === 'number') return badLinkPage(c, link);
  const t = c.get('t');
  const done = c.req.query('done');
  const message = done === 'confirmed' || done === 'raised' ? { text: t(`mine.${done}`), error: false } : undefined;
  // A read of the enterprise's problems is on the audit trail (issue 16: reads audited on the respondent side).
  await auditStatement(c.get('db'), c, {
    action: 'enterprise_page_read',
    objectType: 'enterprise',
    objectId: link.enterpriseId,
    detail: { link: link.id },
  });
  c.header('Cache-Control', 'no-store');
  return page(c, link, { message });
});

enterprisePageRoutes.post('/e/problems/:id{[0-9a-f-]{36}}/confirm', async (c) => {
  const link = await cookieLink(c);
  if (typeof link === 'number') return badLinkPage(c, link);
  const t = c.get('t');
  const db = c.get('db');
  const found = await readProblem(db, c.req.param('id'));
  // Another enterprise's problem, or one of another programme, does not exist for this link.
  if (!found || found.problem.enterpriseId !== link.enterpriseId || found.problem.programmeId !== link.programmeId) {
    await audit(c, { action: 'not_visible', objectType: 'problem', objectId: c.req.param('id'), detail: { link: link.id } });
    throw notFound();
  }
  const p = found.problem;
  const values = await readForm(c);
  const form = (errors: Record<string, string>) => ({ problemId: p.id, form: { values, errors } });
  const today = chinaToday();
  const state = stateOf(p, today, link.confirmWaitDays);
  if (!legal(state, 'confirm')) {
    const text = p.status === 'closed' ? t('mine.err.confirmed') : t('mine.err.notClosed', { status: t(`problem.status.${p.status}`) });
    return page(c, link, { message: { text, error: true } }, 409);
  }
  const parsed = problemActionInputs.confirm.safeParse(values, { reportInput: true });
  if (!parsed.success) return page(c, link, { confirm: form(fieldErrors(parsed.error, t)) }, 422);
  const calendar = await calendarFrom(db, earliest(p.raisedOn, today));
  const outcome = applyAction(state, { kind: 'confirm', ...parsed.data }, { today, calendar });
  // The state was checked above: the only refusal left is a 不满意 without its reason.
  if (!outcome.ok) return page(c, link, { confirm: form({ reason: t('err.required') }) }, 422);
  if (!(await writeTransition(db, c, expectedOf(found), outcome, 'enterprise'))) {
    return page(c, link, { message: { text: t('problem.err.conflict'), error: true } }, 409);
  }
  deliverAfterWrite(c);
  return c.redirect(`/e?done=confirmed#${p.code}`, 303);
});

enterprisePageRoutes.post('/e', async (c) => {
  const link = await cookieLink(c);
  if (typeof link === 'number') return badLinkPage(c, link);
  const t = c.get('t');
  const values = await readForm(c);
  const parsed = enterpriseRequestInput.safeParse(values, { reportInput: true });
  if (!parsed.success) return page(c, link, { request: { values, errors: fieldErrors(parsed.error, t) } }, 422);
  // Counted first, then compared (worker/lib/throttle.ts): a sixth request the same day stores nothing.
  if ((await hit(c.get('db'), `request:${link.id}`, REQUEST_LIMIT)) > REQUEST_LIMIT.limit) {
    return page(c, link, { request: { values, errors: {} }, message: { text: t('mine.err.throttled'), error: true } }, 429);
  }
  const code = await raiseRequest(c, link, parsed.data, chinaToday());
  if (!code) throw notFound();
  deliverAfterWrite(c);
  return c.redirect(`/e?done=raised#${code}`, 303);
});

// Any other one-segment path under /e/ is a bad link, counted like one (a token never holds a '/'; the
// POST-only /e/problems/… paths answer a GET with the app's 405).
enterprisePageRoutes.get('/e/:junk{[^/]+}', async (c) => badLinkPage(c, await badTokenStatus(c)));
