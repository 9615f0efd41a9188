// /admin/exports: CSV downloads (DESIGN §7). Mounted inside adminRoutes, so every file here — above all
// the responses, which hold each enterprise's answers — is admin-only: an officer gets 403 and the
// refusal is audited by requireRole. Each download is audited too.
import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import * as z from 'zod';
import { parseDefinitionJson } from '../../schema/form-json';
import { PROBLEM_CATEGORIES, PROBLEM_STATUSES } from '../../schema/memo-tables';
import { onFirstUse } from '../../schema/on-first-use';
import { campaigns, formVersions } from '../../schema/survey-tables';
import { ExportsPage } from '../../web/pages/stats/exports';
import type { AppEnv } from '../app-env';
import { audit } from '../lib/audit';
import { csvResponse, csvTable } from '../lib/csv-write';
import { AppError, notFound } from '../lib/errors';
import { render } from '../lib/render';
import { statsConfig } from '../stats/config';
import { resolveFilters, scopeFrom } from '../stats/filters';
import { statsQuery } from '../stats/period';
import { surveyRollups } from '../stats/survey.queries';
import { fileNames } from './format';
import { ledgerCsv } from './ledger.csv';
import { invitationsCsv, memosCsv } from './lists.csv';
import { METRIC_TABLES, type MetricTable, metricTable } from './metrics.csv';
import { responsesCsv } from './responses.csv';

export const exportRoutes = new Hono<AppEnv>();

async function filtersOf(c: Context<AppEnv>) {
  const f = await resolveFilters(c.get('db'), statsQuery.parse(c.req.query()));
  if (!f) throw new AppError(404, 'no_programme', 'stats.noProgramme');
  return f;
}

exportRoutes.get('/', async (c) => {
  const f = await filtersOf(c);
  const { rounds } = await surveyRollups(c.get('db'), scopeFrom(f));
  return render(
    c,
    <ExportsPage
      filter={{ programmes: f.programmes, programmeId: f.programme.id, from: f.period.from, to: f.period.to }}
      rounds={rounds}
    />,
  );
});

const campaignQuery = onFirstUse(() => z.object({ campaign: z.uuid('err.invalidChoice') }));

async function campaignOf(c: Context<AppEnv>) {
  const q = campaignQuery.safeParse(c.req.query());
  if (!q.success) throw new AppError(400, 'invalid_query', 'err.page.badRequest', { campaign: c.get('t')('err.invalidChoice') });
  const row = await c
    .get('db')
    .select({ id: campaigns.id, name: campaigns.name, definition: formVersions.definition })
    .from(campaigns)
    .innerJoin(formVersions, eq(formVersions.id, campaigns.formVersionId))
    .where(eq(campaigns.id, q.data.campaign))
    .get();
  if (!row) throw notFound();
  return row;
}

exportRoutes.get('/responses.csv', async (c) => {
  const round = await campaignOf(c);
  const def = parseDefinitionJson(round.definition);
  if (!def.ok) throw notFound();
  await audit(c, { action: 'export', objectType: 'responses', objectId: round.id });
  const name = fileNames(`答卷明细_${round.name}`, `responses_${round.id.slice(0, 8)}`);
  return csvResponse(await responsesCsv(c.get('db'), round.id, def.definition), name.filename, name.fallback);
});

exportRoutes.get('/invitations.csv', async (c) => {
  const round = await campaignOf(c);
  await audit(c, { action: 'export', objectType: 'invitations', objectId: round.id });
  const name = fileNames(`调查邀请_${round.name}`, `invitations_${round.id.slice(0, 8)}`);
  return csvResponse(await invitationsCsv(c.get('db'), round.id), name.filename, name.fallback);
});

exportRoutes.get('/memos.csv', async (c) => {
  const f = await filtersOf(c);
  await audit(c, { action: 'export', objectType: 'memos', objectId: f.programme.id });
  const name = fileNames(`帮扶备忘录_${f.programme.name}`, 'memos', f.period.from, f.period.to);
  return csvResponse(await memosCsv(c.get('db'), f.programme.id, f.period), name.filename, name.fallback);
});

/** The ledger's own narrowing filters; an unknown value is ignored like the page filters are. */
const ledgerQuery = onFirstUse(() =>
  z.object({
    status: z.enum(PROBLEM_STATUSES).optional().catch(undefined),
    category: z.enum(PROBLEM_CATEGORIES).optional().catch(undefined),
    unit: z.uuid().optional().catch(undefined),
    officer: z.uuid().optional().catch(undefined),
  }),
);

exportRoutes.get('/problems.csv', async (c) => {
  const f = await filtersOf(c);
  const narrow = ledgerQuery.parse(c.req.query());
  await audit(c, { action: 'export', objectType: 'problems', objectId: f.programme.id, detail: narrow });
  const name = fileNames(`问题台账_${f.programme.name}`, 'problems', f.period.from, f.period.to);
  return csvResponse(
    await ledgerCsv(c.get('db'), { programmeId: f.programme.id, period: f.period, ...narrow }),
    name.filename,
    name.fallback,
  );
});

exportRoutes.get('/metrics/:file{[a-z]+\\.csv}', async (c) => {
  const table = c.req.param('file').replace(/\.csv$/, '') as MetricTable;
  if (!METRIC_TABLES.includes(table)) throw notFound();
  const f = await filtersOf(c);
  const { header, rows } = await metricTable(c.get('db'), scopeFrom(f), table, statsConfig(c.env));
  const name = fileNames(
    `统计_${c.get('t')(`export.metric.${table}`)}_${f.programme.name}`,
    `metrics_${table}`,
    f.period.from,
    f.period.to,
  );
  return csvResponse(await csvTable(header, rows), name.filename, name.fallback);
});
