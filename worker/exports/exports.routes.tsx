// /admin/exports: CSV and .xlsx downloads (DESIGN §7, issue 21). Mounted inside adminRoutes, so every
// file here — above all the responses, which hold each enterprise's answers — is admin-only: an officer
// gets 403 and the refusal is audited by requireRole. Each download is audited too. Every file is one
// sheet definition (lib/sheet.ts) written in the format its extension asks for.
import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import * as z from 'zod';
import { parseDefinitionJson } from '../../schema/form-json';
import { statsQuery } from '../../schema/inputs/stats';
import { PROBLEM_CATEGORIES, PROBLEM_STATUSES } from '../../schema/memo-tables';
import { onFirstUse } from '../../schema/on-first-use';
import { campaigns, formVersions } from '../../schema/survey-tables';
import { ExportsPage } from '../../web/pages/stats/exports';
import type { AppEnv } from '../app-env';
import { audit } from '../lib/audit';
import { download, FORMATS } from '../lib/download';
import { AppError, notFound } from '../lib/errors';
import { roundFileNames } from '../lib/filename';
import { render } from '../lib/render';
import { statsConfig } from '../stats/config';
import { resolveFilters, scopeFrom } from '../stats/filters';
import { surveyRollups } from '../stats/survey.queries';
import { fileNames } from './format';
import { ledgerSheet } from './ledger.sheet';
import { invitationsSheet, memosSheet } from './lists.sheet';
import { METRIC_TABLES, type MetricTable, metricSheet } from './metrics.sheet';
import { responsesSheet } from './responses.sheet';

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
    .select({ id: campaigns.id, name: campaigns.name, opensAt: campaigns.opensAt, definition: formVersions.definition })
    .from(campaigns)
    .innerJoin(formVersions, eq(formVersions.id, campaigns.formVersionId))
    .where(eq(campaigns.id, q.data.campaign))
    .get();
  if (!row) throw notFound();
  return row;
}

for (const format of FORMATS) {
  exportRoutes.get(`/responses.${format}`, async (c) => {
    const round = await campaignOf(c);
    const def = parseDefinitionJson(round.definition);
    if (!def.ok) throw notFound();
    await audit(c, { action: 'export', objectType: 'responses', objectId: round.id, detail: { format } });
    const name = roundFileNames('答卷明细', 'responses', round);
    return download(responsesSheet(c.get('db'), round, def.definition), format, name);
  });

  exportRoutes.get(`/invitations.${format}`, async (c) => {
    const round = await campaignOf(c);
    await audit(c, { action: 'export', objectType: 'invitations', objectId: round.id, detail: { format } });
    const name = roundFileNames('调查邀请', 'invitations', round);
    return download(invitationsSheet(c.get('db'), round), format, name);
  });

  exportRoutes.get(`/memos.${format}`, async (c) => {
    const f = await filtersOf(c);
    await audit(c, { action: 'export', objectType: 'memos', objectId: f.programme.id, detail: { format } });
    const name = fileNames(`帮扶备忘录_${f.programme.name}`, 'memos', f.period.from, f.period.to);
    return download(memosSheet(c.get('db'), f.programme, f.period), format, name);
  });
}

/** The ledger's own narrowing filters; an unknown value is ignored like the page filters are. */
const ledgerQuery = onFirstUse(() =>
  z.object({
    status: z.enum(PROBLEM_STATUSES).optional().catch(undefined),
    category: z.enum(PROBLEM_CATEGORIES).optional().catch(undefined),
    unit: z.uuid().optional().catch(undefined),
    officer: z.uuid().optional().catch(undefined),
  }),
);

for (const format of FORMATS) {
  exportRoutes.get(`/problems.${format}`, async (c) => {
    const f = await filtersOf(c);
    const narrow = ledgerQuery.parse(c.req.query());
    await audit(c, { action: 'export', objectType: 'problems', objectId: f.programme.id, detail: { ...narrow, format } });
    const name = fileNames(`问题台账_${f.programme.name}`, 'problems', f.period.from, f.period.to);
    const sheet = await ledgerSheet(c.get('db'), {
      programmeId: f.programme.id,
      programmeName: f.programme.name,
      period: f.period,
      ...narrow,
    });
    return download(sheet, format, name);
  });

  exportRoutes.get(`/metrics/:file{[a-z]+\\.${format}}`, async (c) => {
    const table = c.req.param('file').slice(0, -format.length - 1) as MetricTable;
    if (!METRIC_TABLES.includes(table)) throw notFound();
    const f = await filtersOf(c);
    const sheet = await metricSheet(c.get('db'), scopeFrom(f), f.programme.name, table, statsConfig(c.env));
    const name = fileNames(
      `统计_${c.get('t')(`export.metric.${table}`)}_${f.programme.name}`,
      `metrics_${table}`,
      f.period.from,
      f.period.to,
    );
    return download(sheet, format, name);
  });
}
