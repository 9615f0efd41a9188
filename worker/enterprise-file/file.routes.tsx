import { Hono } from 'hono';
import { chinaToday } from '../../schema/rules/china-time';
import { EnterpriseFilePage } from '../../web/pages/enterprise-file';
import type { AppEnv } from '../app-env';
import { canSeeEnterprise } from '../auth/access';
import { audit } from '../lib/audit';
import { forbidden, notFound } from '../lib/errors';
import { render } from '../lib/render';
import { photoUrl } from '../memos/photos';
import { isOverdue } from '../problems/transitions';
import { enterpriseFile, surveyRounds } from './file.queries';

/** 帮扶档案 /enterprises/:id — the whole assistance history of one enterprise, printable as the archive. */
export const enterpriseFileRoutes = new Hono<AppEnv>();

enterpriseFileRoutes.get('/:id{[0-9a-f-]{36}}', async (c) => {
  const db = c.get('db');
  const user = c.get('user');
  if (!user) throw forbidden();
  const id = c.req.param('id');
  // An enterprise not paired with the officer is "not found" for them, whether or not it exists.
  if (!(await canSeeEnterprise(db, user, id))) {
    await audit(c, { action: 'not_visible', objectType: 'enterprise', objectId: id });
    throw notFound();
  }
  const file = await enterpriseFile(db, id);
  if (!file) throw notFound();
  // Survey participation is never even queried for officers (DESIGN §2: they must not learn the sample).
  const rounds = user.role === 'admin' ? await surveyRounds(db, id) : null;
  const today = chinaToday();
  const problems = file.problems.map((p) => ({ ...p, overdue: isOverdue(p, today) }));
  const photos = file.photos.map((p) => ({ memoId: p.memoId, url: photoUrl(p.key) }));
  return render(c, <EnterpriseFilePage {...file} problems={problems} photos={photos} rounds={rounds} printedOn={today} />);
});
