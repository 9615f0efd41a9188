// /stats/mine: an officer's own figures (DESIGN §2, §6) — the resolution of their problems, their
// 三个一, and satisfaction only for rounds where at least k responses concern their enterprises.
import { Hono } from 'hono';
import { statsQuery } from '../../schema/inputs/stats';
import { StatsMinePage } from '../../web/pages/stats/people';
import type { AppEnv } from '../app-env';
import { audit } from '../lib/audit';
import { AppError, forbidden } from '../lib/errors';
import { render } from '../lib/render';
import { statsConfig } from './config';
import { resolveFilters, scopeFrom } from './filters';
import { officerView } from './people';

export const mineRoutes = new Hono<AppEnv>();

mineRoutes.get('/mine', async (c) => {
  const user = c.get('user');
  // Admins have the full dashboards; this page is the officer's view of themselves. A unit handler gets
  // no figure at all (issue 15).
  if (user?.role === 'admin') return c.redirect('/admin/stats', 303);
  if (user?.role !== 'officer') {
    await audit(c, { action: 'forbidden', objectType: 'route', objectId: `${c.req.method} ${c.req.path}` });
    throw forbidden();
  }
  const f = await resolveFilters(c.get('db'), statsQuery.parse(c.req.query()));
  if (!f) throw new AppError(404, 'no_programme', 'stats.noProgramme');
  const cfg = statsConfig(c.env);
  const view = await officerView(c.get('db'), scopeFrom(f, { officerId: user.id }), cfg, true);
  const filter = { programmes: f.programmes, programmeId: f.programme.id, from: f.period.from, to: f.period.to };
  return render(c, <StatsMinePage view={view} filter={filter} programme={f.programme.name} k={cfg.k} />);
});
