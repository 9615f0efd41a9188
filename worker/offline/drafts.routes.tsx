import { Hono } from 'hono';
import { chinaToday } from '../../schema/rules/china-time';
import { DraftsPage } from '../../web/pages/offline/drafts';
import { currentProgramme } from '../admin/programmes.queries';
import type { AppEnv } from '../app-env';
import { requireRole } from '../auth/guards';
import { forbidden } from '../lib/errors';
import { render } from '../lib/render';
import { memoFormOptions } from '../memos/memos.queries';

/** The officer's waiting drafts (issue 22): the page is a shell, the drafts are in the browser. */
export const draftRoutes = new Hono<AppEnv>();

draftRoutes.get('/', requireRole('officer'), async (c) => {
  const user = c.get('user');
  if (!user) throw forbidden();
  const db = c.get('db');
  const programme = await currentProgramme(db, chinaToday());
  const { enterprises } = await memoFormOptions(db, user.id, programme?.id ?? null);
  return render(c, <DraftsPage enterprises={enterprises} />);
});
