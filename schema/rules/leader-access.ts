// What a leader (领导, issue 19) may open: the dashboard and the work report, read-only, nothing else. The
// one table of it: the server's fence (worker/auth/guards.tsx leaderFence) refuses every other path of the
// signed-in sections, the admin menu shows only these, and test/security/leader.test.ts tries every route
// of the app against it. A leader never sees raw responses, respondents, the ledger's notes, memos,
// enterprise files or any other export (DESIGN §2), so none of those pages is here. Pure.

/** The leader's landing page after sign-in. */
export const LEADER_HOME = '/admin/stats';

/** The pages, read with GET only (a leader makes no move: schema/rules/problem-moves.ts has no leader actor). */
export const LEADER_PAGES = [LEADER_HOME, '/admin/report', '/admin/report.docx'] as const;

/** The signed-in sections the fence guards; the sign-in pages and the respondents' link pages are not accounts' pages. */
export const ACCOUNT_SECTIONS = ['/admin', '/memos', '/problems', '/enterprises', '/stats', '/todos'] as const;

const inSection = (path: string) => ACCOUNT_SECTIONS.some((s) => path === s || path.startsWith(`${s}/`) || path.startsWith(`${s}.`));

/** Whether a leader may make this request: outside the accounts' sections as anyone, inside only the pages above. */
export function leaderMay(method: string, path: string): boolean {
  if (!inSection(path) && path !== '/') return true;
  if (path === '/') return method === 'GET';
  const page = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return (method === 'GET' || method === 'HEAD') && (LEADER_PAGES as readonly string[]).includes(page);
}
