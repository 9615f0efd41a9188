// The answer to a link that opens nothing — unknown, revoked, expired or guessed, a survey link or an
// enterprise's 我的诉求 link (issue 16) alike: one page without parameters, so every such answer is
// byte-identical and tells a guesser nothing; 429 once the client is throttled (link-session.ts).
import type { Context } from 'hono';
import { SurveyNotice } from '../../web/pages/survey/notice';
import type { AppEnv } from '../app-env';
import { render } from '../lib/render';

export const badLinkPage = (c: Context<AppEnv>, status: 404 | 429) =>
  render(c, <SurveyNotice kind={status === 429 ? 'throttled' : 'invalid'} />, status);
