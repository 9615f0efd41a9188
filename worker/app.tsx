import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { respondentCssHash } from '#respondent-inline';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '../schema/rules/photos';
import { LANGS, translator } from '../web/i18n';
import { ErrorPage } from '../web/pages/error';
import { assignmentRoutes } from './admin/assignments.routes';
import { calendarRoutes } from './admin/calendar.routes';
import { chainRoutes } from './admin/chains.routes';
import { deadlineRoutes } from './admin/deadlines.routes';
import { enterpriseRoutes } from './admin/enterprises.routes';
import { adminHomeRoutes } from './admin/home.routes';
import { importRoutes } from './admin/import.routes';
import { noticeRoutes } from './admin/notice.routes';
import { handlerRoutes, leaderRoutes, officerRoutes } from './admin/officers.routes';
import { programmeRoutes } from './admin/programmes.routes';
import { unitRoutes } from './admin/units.routes';
import type { AppEnv } from './app-env';
import { auditFileRoutes, auditRoutes } from './audit/audit.routes';
import { chainAfterResponse } from './audit/chain';
import { authRoutes } from './auth/auth.routes';
import { leaderFence, requireRole, requireUser, wantsJson } from './auth/guards';
import { loadSession } from './auth/session';
import { enterpriseFileRoutes } from './enterprise-file/file.routes';
import { enterpriseLinkRoutes } from './enterprise-page/links.routes';
import { enterprisePageRoutes } from './enterprise-page/page.routes';
import { exportRoutes } from './exports/exports.routes';
import { formRoutes } from './forms/forms.routes';
import { homeRoutes } from './home/home.routes';
import { csrfGuard } from './lib/csrf';
import { createDb } from './lib/db';
import { AppError, isStorageError } from './lib/errors';
import { flashOnSuccess } from './lib/flash';
import { loadCatalogue } from './lib/languages';
import { methodIndex } from './lib/methods';
import { render } from './lib/render';
import { memoRoutes } from './memos/memos.routes';
import { notifyRoutes } from './notify/notify.routes';
import { draftRoutes } from './offline/drafts.routes';
import { problemRoutes } from './problems/problems.routes';
import { reportDocxRoutes, reportRoutes } from './reports/report.routes';
import { claimRoutes } from './stats/claims.routes';
import { mineRoutes } from './stats/mine.routes';
import { statsRoutes } from './stats/stats.routes';
import { answerRoutes } from './surveys/answer.routes';
import { roundRoutes } from './surveys/rounds.routes';

/** Request bodies above this are refused with 413 (CSV imports and memo photos have their own, larger limits). */
export const BODY_LIMIT = 64 * 1024;
/** A memo with its photos: six originals of up to 5 MB sent without JavaScript, and the form (issue 22). */
export const PHOTO_BODY_LIMIT = MAX_PHOTOS * MAX_PHOTO_BYTES + BODY_LIMIT;
const PHOTO_POSTS = /^\/memos(?:\/[0-9a-f-]{36}\/photos)?$/;
/** Only a multipart post to the memo or its photos may be that large; a urlencoded memo keeps the 64 KB limit. */
const photoPost = (method: string, path: string, type = '') =>
  method === 'POST' && PHOTO_POSTS.test(path) && type.toLowerCase().startsWith('multipart/form-data');

export function createApp() {
  const app = new Hono<AppEnv>();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: [NONCE],
        // + the respondent pages' inline stylesheet by its hash, not a nonce: those pages stay byte-identical
        // across requests (the invalid-link page must not differ between tokens). web/pages/survey/layout.tsx
        styleSrc: ["'self'", `'${respondentCssHash}'`],
        imgSrc: ["'self'", 'data:'],
        // The officer app's service worker, /sw.js (issue 22); without it, script-src (nonces only) applies.
        workerSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
    }),
  );
  app.use(async (c, next) => {
    const cookie = getCookie(c, 'lang');
    let lang = LANGS.find((l) => l === cookie) ?? 'zh';
    // English is a static asset, not in the bundle: loaded once per isolate before anything renders.
    // Should it fail to load, this request is answered in Chinese rather than not at all.
    await loadCatalogue(c.env, lang).catch((err: unknown) => {
      console.error(err);
      lang = 'zh';
    });
    c.set('lang', lang);
    c.set('t', translator(lang));
    c.set('db', createDb(c.env.DB));
    await next();
    // Audit rows this request wrote are linked into the chain after the response (worker/audit/chain.ts).
    if (c.get('audited')) chainAfterResponse(c);
  });
  app.use(csrfGuard);
  app.use(async (c, next) => {
    if (c.req.path.startsWith('/admin/import')) return next(); // larger limit set on the import routes
    return bodyLimit({
      maxSize: photoPost(c.req.method, c.req.path, c.req.header('content-type')) ? PHOTO_BODY_LIMIT : BODY_LIMIT,
      onError: () => {
        throw new AppError(413, 'payload_too_large', 'err.page.tooLarge');
      },
    })(c, next);
  });
  app.use(loadSession);

  // The route table: every feature mounted once, behind the guard of the people it serves. Which move
  // each role may make inside a feature is checked there, on the object it touches (the ledger's moves:
  // the role × move table of schema/rules/problem-moves.ts).
  app.use(leaderFence); // a leader (领导) reads only the dashboard and the report (schema/rules/leader-access.ts)
  app.route('/', authRoutes);
  // The programme office (链办), every /admin page; leaders get past here only to the pages the fence let through.
  app.use('/admin/*', requireUser, requireRole('admin', 'leader'));
  for (const section of ['/admin/*', '/memos/*', '/problems/*']) app.use(section, flashOnSuccess);
  app.route('/admin', adminHomeRoutes);
  app.route('/admin/units', unitRoutes);
  app.route('/admin/officers', officerRoutes);
  app.route('/admin/handlers', handlerRoutes);
  app.route('/admin/leaders', leaderRoutes);
  app.route('/admin/chains', chainRoutes);
  app.route('/admin/enterprises', enterpriseRoutes);
  app.route('/admin/programmes', programmeRoutes);
  app.route('/admin/assignments', assignmentRoutes);
  app.route('/admin/import', importRoutes);
  app.route('/admin/forms', formRoutes);
  app.route('/admin/rounds', roundRoutes);
  app.route('/admin/stats/claims', claimRoutes); // the claims cross-check (issue 14 §4)
  app.route('/admin/enterprise-links', enterpriseLinkRoutes);
  app.route('/admin/stats', statsRoutes);
  app.route('/admin/exports', exportRoutes);
  app.route('/admin/report', reportRoutes);
  app.route('/admin/report.docx', reportDocxRoutes);
  app.route('/admin/calendar', calendarRoutes);
  app.route('/admin/deadlines', deadlineRoutes);
  app.route('/admin/notifications', notifyRoutes);
  app.route('/admin/notice', noticeRoutes);
  app.route('/admin/audit', auditRoutes);
  app.route('/admin', auditFileRoutes); // /admin/audit.csv and .xlsx
  app.use('/stats/*', requireUser);
  app.route('/stats', mineRoutes); // an officer's own figures
  app.use('/memos/*', requireUser);
  app.route('/memos/drafts', draftRoutes);
  app.route('/memos', memoRoutes);
  app.use('/problems/*', requireUser);
  app.route('/problems', problemRoutes);
  app.use('/enterprises/*', requireUser);
  app.route('/enterprises', enterpriseFileRoutes);
  app.route('/', homeRoutes);
  app.route('/', answerRoutes); // /s and /api/s: respondents, no account
  app.route('/', enterprisePageRoutes); // /e: the enterprise's 我的诉求 page, through its personal link

  // A path that exists under another method is 405 with Allow (e.g. GET /logout), not 404.
  const allowedMethods = methodIndex(app);
  app.notFound((c) => {
    const allow = allowedMethods(c.req.path);
    if (allow.length === 0) throw new AppError(404, 'not_found', 'err.page.notFound');
    c.header('Allow', allow.join(', '));
    throw new AppError(405, 'method_not_allowed', 'err.page.methodNotAllowed');
  });

  app.onError((err, c) => {
    const json = wantsJson(c.req.header('accept'), c.req.path);
    if (err instanceof AppError) {
      const t = c.get('t') ?? translator('zh');
      if (json) return c.json({ code: err.code, message: t(err.messageKey), fields: err.fields ?? {} }, err.status);
      const body = err.status === 404 ? 'err.page.notFoundBody' : err.status === 403 ? 'err.page.forbiddenBody' : undefined;
      return render(c, <ErrorPage title={err.messageKey} body={body} fields={err.fields} />, err.status as 400);
    }
    if (err instanceof HTTPException) return err.getResponse();
    // Storage faults and bugs alike: log for the operator, answer generically (no SQL, no stack).
    console.error(err);
    const status = isStorageError(err) ? 503 : 500;
    if (!c.get('t')) c.set('t', translator('zh'));
    if (json)
      return c.json(
        {
          code: status === 503 ? 'unavailable' : 'error',
          message: c.get('t')(status === 503 ? 'err.page.unavailable' : 'err.page.error'),
          fields: {},
        },
        status,
      );
    return render(
      c,
      <ErrorPage title={status === 503 ? 'err.page.unavailable' : 'err.page.error'} body="err.page.unavailableBody" />,
      status,
    );
  });

  return app;
}
