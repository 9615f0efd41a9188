// /admin/report?programme=…&from=…&to=…: the printable work report (DESIGN §7), and /admin/report.docx with
// the same query: the same report as a Word file. Admins and leaders (a leader of one chain or region reads
// that place's report); the download is audited like every export. The page is a whole HTML document of its own, rendered like every page (render()
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
import type { Place } from '../stats/period';
import { buildReport } from './report.data';
import { reportDocument } from './report.document';
import { DOCX_TYPE, reportDocx } from './report-docx';

/**
 * A leader of one chain or region reads the report of that place only (issue 19: nothing beyond their
 * scope), taken from the account at each request, never from the query string; everyone else the programme.
 */
async function placeOf(c: Context<AppEnv>): Promise<{ place: Place; label: string } | null> {
  const user = c.get('user');
  if (user?.role !== 'leader') return null;
  const view = await leaderView(c.get('db'), user.id);
  if (view.chainId !== null) return { place: { by: 'chain', key: view.chainId }, label: view.label ?? '' };
  if (view.region !== null) return { place: { by: 'region', key: view.region }, label: view.region };
  return null;
}

async function reportOf(c: Context<AppEnv>) {
  const db = c.get('db');
  const [f, place] = await Promise.all([resolveFilters(db, statsQuery.parse(c.req.query())), placeOf(c)]);
  if (!f) throw new AppError(404, 'no_programme', 'stats.noProgramme');
  const cfg = statsConfig(c.env, f.programme);
  const t = c.get('t');
  const programme = place ? t('report.programmeInPlace', { programme: f.programme.name, place: place.label }) : f.programme.name;
  const scope = { ...scopeFrom(f), ...(place ? { place: place.place } : {}) };
  // The 落款 signs with the office that signs the programme's survey invitations (programmes.issuing_office).
  const [report, signer] = await Promise.all([
    buildReport(db, scope, cfg, { programme, startsOn: f.programme.startsOn, t, lang: c.get('lang') }),
    db.select({ office: programmes.issuingOffice }).from(programmes).where(eq(programmes.id, f.programme.id)).get(),
  ]);
  const doc = reportDocument(report, {
    programme,
    office: signer?.office ?? '',
    today: chinaToday(),
    k: cfg.k,
    t,
    lang: c.get('lang'),
  });
  return { f, doc, place, programme };
}

export const reportRoutes = new Hono<AppEnv>();

reportRoutes.get('/', async (c) => {
  const { f, doc } = await reportOf(c);
  const filter = { programmes: f.programmes, programmeId: f.programme.id, from: f.period.from, to: f.period.to };
  return render(c, <ReportPage doc={doc} filter={filter} />);
});

export const reportDocxRoutes = new Hono<AppEnv>();

reportDocxRoutes.get('/', async (c) => {
  const { f, doc, place, programme } = await reportOf(c);
  const { from, to } = f.period;
  const detail = { format: 'docx', from, to, ...(place ? { [place.place.by]: place.place.key } : {}) };
  await audit(c, { action: 'export', objectType: 'report', objectId: f.programme.id, detail });
  const name = c.get('t')('report.docx.name', { programme, from, to });
  return new Response(reportDocx(doc) as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': DOCX_TYPE,
      'content-disposition': attachment(name, `work-report_${from}_${to}.docx`),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
