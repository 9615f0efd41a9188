// /admin/stats: the dashboards (DESIGN §6). Mounted inside adminRoutes, so admin-only, except the
// overview, which a leader (领导) reads as their own dashboard, narrowed to their scope (issue 19). Every page takes
// the same filters (programme, from, to) and reads aggregates only: rollups for the survey figures,
// GROUP BY queries for memos and problems.
import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import * as z from 'zod';
import { breakdownQuery, statsQuery } from '../../schema/inputs/stats';
import { onFirstUse } from '../../schema/on-first-use';
import { campaigns } from '../../schema/survey-tables';
import { units, users } from '../../schema/tables';
import { ConfirmPage } from '../../web/pages/admin/confirm';
import { StatsBreakdownPage } from '../../web/pages/stats/breakdown';
import { StatsLeaderPage } from '../../web/pages/stats/leader';
import { StatsOverviewPage } from '../../web/pages/stats/overview';
import { StatsOfficerPage, StatsUnitPage } from '../../web/pages/stats/people';
import { StatsProblemsPage } from '../../web/pages/stats/problems';
import { RecomputeProgress } from '../../web/pages/stats/recompute-progress';
import { StatsRoundPage } from '../../web/pages/stats/round';
import { StatsSatisfactionPage } from '../../web/pages/stats/satisfaction';
import { StatsTrendPage } from '../../web/pages/stats/trend';
import { leaderView } from '../admin/leaders.queries';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import { d1Of } from '../lib/db';
import { AppError, notFound } from '../lib/errors';
import { setFlash } from '../lib/flash';
import { render } from '../lib/render';
import { validateForm } from '../lib/validate';
import { activityBreakdown } from './activity.queries';
import { attention } from './attention';
import { statsConfig } from './config';
import { breakdown, breakdownSlice, comparedOverview, overview } from './dashboard';
import { keptFigures } from './figure-cache';
import { type Filters, resolveFilters, scopeFrom } from './filters';
import { overviewTiles } from './headlines';
import { leaderDashboard } from './leader';
import { officerView, unitView } from './people';
import { filterQuery } from './period';
import { latestRecompute, RUN_MS, roundRecomputeBatch, runRecompute, startRecompute, unfinishedRecompute } from './recompute-job';
import { roundView } from './round';

export const statsRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';

export const filterProps = (f: Filters) => ({
  programmes: f.programmes,
  programmeId: f.programme.id,
  from: f.period.from,
  to: f.period.to,
});
export const queryOf = (f: Filters) => filterQuery(f.programme.id, f.period);

/** The filters of the request, or the "no programme yet" page. */
export async function filtersOf(c: Context<AppEnv>) {
  const f = await resolveFilters(c.get('db'), statsQuery.parse(c.req.query()));
  if (!f) throw new AppError(404, 'no_programme', 'stats.noProgramme');
  return f;
}

statsRoutes.get('/', async (c) => {
  const f = await filtersOf(c);
  const cfg = statsConfig(c.env, f.programme);
  const user = c.get('user');
  if (user?.role === 'leader') {
    // The scope comes from the account, never from the query (issue 19); suppression applies.
    const view = await leaderView(c.get('db'), user.id);
    const scope = scopeFrom(f);
    const data = await keptFigures(c.get('db'), { page: 'leader', scope, cfg, extra: view }, () =>
      leaderDashboard(c.get('db'), scope, view, cfg),
    );
    return render(c, <StatsLeaderPage filter={filterProps(f)} data={data} scale={cfg.scale} />);
  }
  const db = c.get('db');
  const scope = scopeFrom(f);
  const [{ data, before, previous }, officers] = await keptFigures(db, { page: 'overview', scope, cfg, extra: f.programme.startsOn }, () =>
    Promise.all([
      comparedOverview(db, scope, cfg, f.programme.startsOn, { categories: false, satisfactionByMonth: false }),
      activityBreakdown(db, scope, 'officer'),
    ]),
  );
  return render(
    c,
    <StatsOverviewPage
      filter={filterProps(f)}
      query={queryOf(f)}
      data={data}
      tiles={overviewTiles(data, before, c.get('t'))}
      previous={previous}
      attention={attention(data, officers, f.now)}
      k={cfg.k}
    />,
  );
});

/** The detail pages behind the overview (issue 19): the tables it used to carry, one subject each, and what each reads. */
const DETAILS = {
  trend: [StatsTrendPage, { categories: false, satisfactionByMonth: true }],
  problems: [StatsProblemsPage, { categories: true, satisfactionByMonth: false }],
  satisfaction: [StatsSatisfactionPage, { categories: false, satisfactionByMonth: false }],
} as const;
for (const [path, [Page, parts]] of Object.entries(DETAILS)) {
  statsRoutes.get(`/${path}`, async (c) => {
    const f = await filtersOf(c);
    const cfg = statsConfig(c.env, f.programme);
    const scope = scopeFrom(f);
    const data = await keptFigures(c.get('db'), { page: path, scope, cfg }, () => overview(c.get('db'), scope, cfg, parts));
    return render(c, <Page filter={filterProps(f)} query={queryOf(f)} data={data} k={cfg.k} />);
  });
}

statsRoutes.get('/breakdown', async (c) => {
  const f = await filtersOf(c);
  const { by, page: asked } = breakdownQuery.parse(c.req.query());
  const cfg = statsConfig(c.env, f.programme);
  const scope = scopeFrom(f);
  // Each page keeps its own slice: reading back the whole breakdown by officer (0.6 MB of JSON for 200
  // officers) cost more than rendering the page.
  const { rows, claims, page, total, hasNext, claimRounds } = await keptFigures(
    c.get('db'),
    { page: 'breakdown', scope, cfg, extra: [by, asked] },
    async () => breakdownSlice(await breakdown(c.get('db'), scope, by, cfg), asked),
  );
  return render(
    c,
    <StatsBreakdownPage
      filter={filterProps(f)}
      query={queryOf(f)}
      by={by}
      rows={rows}
      scale={cfg.scale}
      claims={claims}
      claimRounds={claimRounds}
      pager={{ page, total, hasNext }}
      k={cfg.k}
    />,
  );
});

statsRoutes.get(`/rounds${ID}`, async (c) => {
  const db = c.get('db');
  const round = await db
    .select({ programmeId: campaigns.programmeId })
    .from(campaigns)
    .where(eq(campaigns.id, c.req.param('id')))
    .get();
  if (!round) throw notFound();
  const f = await resolveFilters(db, { ...statsQuery.parse(c.req.query()), programme: round.programmeId });
  if (!f) throw notFound();
  const cfg = statsConfig(c.env, f.programme);
  const view = await roundView(db, { ...scopeFrom(f), campaignId: c.req.param('id') }, cfg);
  if (!view) throw notFound();
  return render(c, <StatsRoundPage view={view} query={queryOf(f)} k={cfg.k} />);
});

statsRoutes.get(`/units${ID}`, async (c) => {
  const db = c.get('db');
  const unit = await db
    .select({ name: units.name })
    .from(units)
    .where(eq(units.id, c.req.param('id')))
    .get();
  if (!unit) throw notFound();
  const f = await filtersOf(c);
  const cfg = statsConfig(c.env, f.programme);
  const scope = scopeFrom(f, { unitId: c.req.param('id') });
  const view = await keptFigures(db, { page: 'unit', scope, cfg }, () => unitView(db, scope, cfg));
  return render(c, <StatsUnitPage name={unit.name} view={view} query={queryOf(f)} period={f.period} k={cfg.k} />);
});

statsRoutes.get(`/officers${ID}`, async (c) => {
  const db = c.get('db');
  const officer = await db
    .select({ name: users.name, role: users.role })
    .from(users)
    .where(eq(users.id, c.req.param('id')))
    .get();
  if (officer?.role !== 'officer') throw notFound();
  const f = await filtersOf(c);
  const cfg = statsConfig(c.env, f.programme);
  const scope = scopeFrom(f, { officerId: c.req.param('id') });
  const view = await keptFigures(db, { page: 'officer', scope, cfg }, () => officerView(db, scope, cfg, false));
  return render(c, <StatsOfficerPage name={officer.name} view={view} query={queryOf(f)} period={f.period} k={cfg.k} />);
});

const recomputeInput = onFirstUse(() => z.strictObject({ campaign: z.union([z.literal(''), z.uuid()]).default('') }));

/**
 * Rebuilds the rollups from the raw rows (worker/stats/recompute.ts), audited: one round in one batch;
 * all of them as the job of bounded steps (recompute-job.ts), started here — or, when one is unfinished,
 * gone on with — and run for RUN_MS, then shown on its page until it is done.
 */
statsRoutes.post('/recompute', async (c) => {
  const db = c.get('db');
  const input = await validateForm(c, recomputeInput);
  if (!input.ok) throw new AppError(422, 'invalid', 'form.invalid', input.state.errors);
  const campaignId = input.data.campaign || undefined;
  const d1 = d1Of(db);
  const audit = auditStatement(db, c, { action: 'recompute_rollups', objectType: 'campaign', objectId: campaignId ?? 'all' }).toSQL();
  const audited = d1.prepare(audit.sql).bind(...audit.params);
  if (campaignId) {
    // The audit row goes in the same atomic batch as the rebuild.
    await d1.batch([...roundRecomputeBatch(d1, campaignId), audited]);
    setFlash(c, 'flash.recomputed');
    return c.redirect(`/admin/stats/rounds/${campaignId}`, 303);
  }
  const jobId = (await unfinishedRecompute(db))?.id ?? (await startRecompute(db, c.get('user')?.id ?? null, [audited]));
  const ran = await runRecompute(db, jobId, { budgetMs: RUN_MS });
  if (ran && (await latestRecompute(db))?.finishedAt) {
    setFlash(c, 'flash.recomputed');
    return c.redirect('/admin/stats', 303);
  }
  setFlash(c, ran ? 'flash.recomputeGoesOn' : 'flash.recomputeBusy');
  return c.redirect('/admin/stats/recompute', 303);
});

/** 重算 asks first: what the rebuild does, then the POST form (the whole programme office's figures move). */
statsRoutes.get('/recompute', async (c) => {
  const t = c.get('t');
  const job = await latestRecompute(c.get('db'));
  const unfinished = job && !job.finishedAt;
  return render(
    c,
    <ConfirmPage
      title={t('stats.recompute')}
      effects={[t('stats.recomputeHelp'), t('confirm.recompute.safe')]}
      action="/admin/stats/recompute"
      confirmLabel={t(unfinished ? 'stats.recomputeGoOn' : 'stats.recompute')}
      back="/admin/stats"
    >
      {job && <RecomputeProgress job={job} />}
    </ConfirmPage>,
  );
});
