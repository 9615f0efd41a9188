// /admin/report?programme=…&from=…&to=…: the printable work report (DESIGN §7). Admin-only (mounted in
// adminRoutes). A whole HTML document of its own, rendered like every page (render() adds no-store).
import { Hono } from 'hono';
import { statsQuery } from '../../schema/inputs/stats';
import { chinaToday } from '../../schema/rules/china-time';
import { ReportPage } from '../../web/pages/report';
import type { AppEnv } from '../app-env';
import { AppError } from '../lib/errors';
import { render } from '../lib/render';
import { statsConfig } from '../stats/config';
import { resolveFilters, scopeFrom } from '../stats/filters';
import { buildReport } from './report.data';

export const reportRoutes = new Hono<AppEnv>();

reportRoutes.get('/', async (c) => {
  const db = c.get('db');
  const f = await resolveFilters(db, statsQuery.parse(c.req.query()));
  if (!f) throw new AppError(404, 'no_programme', 'stats.noProgramme');
  const cfg = statsConfig(c.env, f.programme);
  const report = await buildReport(db, scopeFrom(f), cfg, { programme: f.programme.name, t: c.get('t'), lang: c.get('lang') });
  const filter = { programmes: f.programmes, programmeId: f.programme.id, from: f.period.from, to: f.period.to };
  return render(c, <ReportPage report={report} filter={filter} programme={f.programme.name} generated={chinaToday()} k={cfg.k} />);
});
