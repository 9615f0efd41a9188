// /stats/mine: an officer's own figures (DESIGN §2, §6) — the resolution of their problems and their
// 三个一 over the period asked for, and satisfaction only from the frozen snapshots of closed rounds, above
// k and rounded, whatever the period (issue 14: own-rounds.ts).
import { Hono } from 'hono';
import { statsQuery } from '../../schema/inputs/stats';
import { StatsMinePage } from '../../web/pages/stats/people';
import type { AppEnv } from '../app-env';
import { audit } from '../lib/audit';
import { AppError, forbidden } from '../lib/errors';
import { render } from '../lib/render';
import { statsConfig } from './config';
import { resolveFilters, scopeFrom } from './filters';
import { ownRounds } from './own-rounds';
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
  const cfg = statsConfig(c.env, f.programme);
  const [view, rounds] = await Promise.all([
    officerView(c.get('db'), scopeFrom(f, { officerId: user.id }), cfg, true),
    ownRounds(c.get('db'), user.id, f.programme.id, f.now, cfg),
  ]);
  const filter = { programmes: f.programmes, programmeId: f.programme.id, from: f.period.from, to: f.period.to };
  return render(c, <StatsMinePage view={view} rounds={rounds} scale={cfg.scale} filter={filter} programme={f.programme.name} k={cfg.k} />);
});
