// /admin/report?programme=…&from=…&to=…: the printable work report (DESIGN §7), and /admin/report.docx with
// the same query: the same report as a Word file. Admin-only (under /admin/*); the download is audited
// like every export. The page is a whole HTML document of its own, rendered like every page (render()
// adds no-store).
import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { statsQuery } from '../../schema/inputs/stats';
import { chinaToday } from '../../schema/rules/china-time';
import { programmes } from '../../schema/tables';
import { ReportPage } from '../../web/pages/report';
import { leaderView } from '../admin/leaders.queries';
import type { AppEnv } from '../app-env';
import { audit } from '../lib/audit';
import { AppError } from '../lib/errors';
import { attachment } from '../lib/filename';
import { render } from '../lib/render';
import { statsConfig } from '../stats/config';
import { resolveFilters, scopeFrom } from '../stats/filters';
import { buildReport } from './report.data';
import { reportDocument } from './report.document';
import { DOCX_TYPE, reportDocx } from './report-docx';

async function reportOf(c: Context<AppEnv>) {
  const db = c.get('db');
  const user = c.get('user');
  if (user?.role === 'leader') {
    // The report covers the whole programme; a leader narrowed to one chain or region may not read it
    // (issue 19: a leader sees nothing beyond their scope). Its narrowing is not built yet.
    const view = await leaderView(db, user.id);
    if (view.chainId !== null || view.region !== null) {
      await audit(c, { action: 'forbidden', objectType: 'route', objectId: `${c.req.method} ${c.req.path}` });
      throw new AppError(403, 'forbidden', 'leader.reportScoped');
    }
  }
  const f = await resolveFilters(db, statsQuery.parse(c.req.query()));
  if (!f) throw new AppError(404, 'no_programme', 'stats.noProgramme');
  const cfg = statsConfig(c.env, f.programme);
  const t = c.get('t');
  // The 落款 signs with the office that signs the programme's survey invitations (programmes.issuing_office).
  const [report, signer] = await Promise.all([
    buildReport(db, scopeFrom(f), cfg, { programme: f.programme.name, startsOn: f.programme.startsOn, t, lang: c.get('lang') }),
    db.select({ office: programmes.issuingOffice }).from(programmes).where(eq(programmes.id, f.programme.id)).get(),
  ]);
  const doc = reportDocument(report, {
    programme: f.programme.name,
    office: signer?.office ?? '',
    today: chinaToday(),
    k: cfg.k,
    t,
    lang: c.get('lang'),
  });
  return { f, doc };
}

export const reportRoutes = new Hono<AppEnv>();

reportRoutes.get('/', async (c) => {
  const { f, doc } = await reportOf(c);
  const filter = { programmes: f.programmes, programmeId: f.programme.id, from: f.period.from, to: f.period.to };
  return render(c, <ReportPage doc={doc} filter={filter} />);
});

export const reportDocxRoutes = new Hono<AppEnv>();

reportDocxRoutes.get('/', async (c) => {
  const { f, doc } = await reportOf(c);
  const { from, to } = f.period;
  await audit(c, { action: 'export', objectType: 'report', objectId: f.programme.id, detail: { format: 'docx', from, to } });
  const name = c.get('t')('report.docx.name', { programme: f.programme.name, from, to });
  return new Response(reportDocx(doc) as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': DOCX_TYPE,
      'content-disposition': attachment(name, `work-report_${from}_${to}.docx`),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
