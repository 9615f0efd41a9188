// What each statistics page shows, assembled from the aggregate queries (run in parallel, each one
// round trip) and the pure formulas. Nothing here loops over raw rows: the inputs are groups.

import { BREAKDOWN_PAGE, type Breakdown } from '../../schema/inputs/stats';
import { type ProblemRates, problemRates } from '../../schema/rules/figures';
import type { Satisfaction } from '../../schema/rules/satisfaction';
import type { ClaimTable } from '../../web/pages/stats/claims';
import type { Db } from '../app-env';
import { type ActivityDimension, type ActivityGroup, activityBreakdown, activityTotals } from './activity.queries';
import { claimRounds } from './claims.queries';
import type { StatsConfig } from './config';
import { claimTables } from './people';
import { comparedPeriod, monthsOf, type Period, type Scope, upToToday } from './period';
import { type ProblemDimension, type ProblemGroup, problemBreakdown, problemTotals, problemTrend } from './problems.queries';
import {
  type GroupSatisfaction,
  groupSatisfaction,
  type ItemDef,
  likertItems,
  overallSatisfaction,
  type RoundFigures,
  roundFigures,
} from './satisfaction';
import { type SatisfactionDimension, type SurveyRollups, satisfactionGroups, surveyRollups } from './survey.queries';

export type SurveySummary = {
  items: ItemDef[];
  rounds: RoundFigures[];
  overall: Satisfaction;
  invited: number;
  opened: number;
  submitted: number;
  /** Seeds drawn over the rounds (one each, plus every re-seed): the work report says it (issue 17). */
  seeds: number;
};

export type MonthRow = { month: string; activity: ActivityGroup | null; problems: ProblemGroup | null; satisfaction: Satisfaction | null };

export type Overview = {
  activity: ActivityGroup;
  problems: ProblemGroup;
  rates: ProblemRates;
  survey: SurveySummary;
  months: MonthRow[];
  byCategory: ProblemGroup[];
  byUnit: ProblemGroup[];
  activityByUnit: ActivityGroup[];
};

/**
 * Satisfaction per month, each answer in the month it was given (issue 14): group_counts' 'month' groups,
 * kept in the submission batch, so the trend reads a few rows per month and item, never the answers.
 */
async function satisfactionByMonth(db: Db, scope: Scope, data: SurveyRollups, cfg: StatsConfig): Promise<Map<string, Satisfaction>> {
  const items = likertItems(data.programmeVersions);
  const groups = await satisfactionGroups(
    db,
    scope,
    'month',
    items.map((i) => i.key),
  );
  return new Map(groupSatisfaction(groups, items, cfg).map((g) => [g.key ?? '', g.satisfaction]));
}

/** Survey figures of a scope from its rollups, overall and per round. */
function summaryOf(data: SurveyRollups, cfg: StatsConfig): SurveySummary {
  const items = likertItems(data.versions);
  const sum = (f: (r: (typeof data.rounds)[number]) => number) => data.rounds.reduce((n, r) => n + f(r), 0);
  return {
    items,
    rounds: roundFigures(data, items, cfg),
    overall: overallSatisfaction(data, items, cfg),
    invited: sum((r) => r.invited),
    opened: sum((r) => r.opened),
    submitted: sum((r) => r.submitted),
    seeds: sum((r) => r.seedCount),
  };
}

/** Survey figures of a scope from the rollups, overall, per round and (when asked) per month. */
export async function surveySummary(db: Db, scope: Scope, cfg: StatsConfig, byMonth = true) {
  const data = await surveyRollups(db, scope);
  return {
    summary: summaryOf(data, cfg),
    byMonth: byMonth ? await satisfactionByMonth(db, scope, data, cfg) : new Map<string, Satisfaction>(),
  };
}

/** What the headline figures are computed from: the overview's totals, without its months and groups. */
export type Headlines = Pick<Overview, 'activity' | 'problems' | 'rates' | 'survey'>;

/**
 * The headline figures alone, for the previous period of 环比: the same queries and formulas as
 * overview()'s totals (so both columns are counted alike), three round trips instead of its nine.
 */
export async function headlineFigures(db: Db, scope: Scope, cfg: StatsConfig): Promise<Headlines> {
  const [data, problems, activity] = await Promise.all([surveyRollups(db, scope), problemTotals(db, scope), activityTotals(db, scope)]);
  return { activity, problems, rates: problemRates(problems), survey: summaryOf(data, cfg) };
}

/**
 * The parts a page reads beyond the totals, months and units: the problems by category, and satisfaction
 * per month (the trend's 满意率 row). Each is a query the page that does not show it should not wait for
 * (issue 20: D1 runs a page's queries one after another): the overview shows neither, the work report no
 * satisfaction by month.
 */
export type OverviewParts = { categories: boolean; satisfactionByMonth: boolean };
const EVERY_PART: OverviewParts = { categories: true, satisfactionByMonth: true };

/** The admin overview: headline figures, months, items, categories and units (the parts not asked for are left empty). */
export async function overview(db: Db, scope: Scope, cfg: StatsConfig, parts: OverviewParts = EVERY_PART): Promise<Overview> {
  const [survey, problems, trend, byCategory, byUnit, activity, activityByMonth, activityByUnit] = await Promise.all([
    surveySummary(db, scope, cfg, parts.satisfactionByMonth),
    problemTotals(db, scope),
    problemTrend(db, scope),
    parts.categories ? problemBreakdown(db, scope, 'category') : Promise.resolve([]),
    problemBreakdown(db, scope, 'unit'),
    activityTotals(db, scope),
    activityBreakdown(db, scope, 'month'),
    activityBreakdown(db, scope, 'unit'),
  ]);
  const months = monthsOf(upToToday(scope.period, scope.today)).map((month) => ({
    month,
    activity: activityByMonth.find((a) => a.key === month) ?? null,
    problems: trend.get(month) ?? null,
    satisfaction: survey.byMonth.get(month) ?? null,
  }));
  return { activity, problems, rates: problemRates(problems), survey: survey.summary, months, byCategory, byUnit, activityByUnit };
}

/**
 * The overview of a scope and the headline figures of the previous period of the same length (环比,
 * issue 19); `before` is null when that period ends before the programme began. The work report's
 * headline table and the overview's tiles read this.
 */
export async function comparedOverview(
  db: Db,
  scope: Scope,
  cfg: StatsConfig,
  startsOn: string,
  parts: OverviewParts = EVERY_PART,
): Promise<{ data: Overview; before: Headlines | null; previous: Period | null }> {
  const previous = comparedPeriod(scope.period, startsOn);
  const [data, before] = await Promise.all([
    overview(db, scope, cfg, parts),
    previous ? headlineFigures(db, { ...scope, period: previous }, cfg) : null,
  ]);
  return { data, before, previous };
}

export type BreakdownRow = {
  key: string | null;
  label: string | null;
  activity: ActivityGroup | null;
  problems: ProblemGroup | null;
  satisfaction: Satisfaction | null;
};

/** One dimension, every figure that exists for it (no 三个一 by category, no satisfaction by category). */
export async function breakdown(
  db: Db,
  scope: Scope,
  by: Breakdown,
  cfg: StatsConfig,
): Promise<{ rows: BreakdownRow[]; items: ItemDef[]; claims: ClaimTable[]; claimRounds: number }> {
  const withActivity = by !== 'category';
  const withSatisfaction = by !== 'category' && by !== 'month';
  const [rollups, problems, activity, claims] = await Promise.all([
    surveyRollups(db, scope),
    by === 'month' ? problemTrend(db, scope).then((m) => [...m.values()]) : problemBreakdown(db, scope, by as ProblemDimension),
    withActivity ? activityBreakdown(db, scope, by as ActivityDimension) : Promise.resolve([]),
    // The claims cross-check by unit and by officer (issue 14 §4): the period's latest closed round only,
    // every round being on /admin/stats/claims (issue 20: by officer, all 28 rounds of the bench's million
    // answers made a 1.6 MB page, 200 officers a table).
    by === 'unit' || by === 'officer'
      ? claimRounds(db, scope).then(async (rounds) => ({
          tables: await claimTables(db, scope, by, undefined, rounds.slice(-1)),
          count: rounds.length,
        }))
      : Promise.resolve({ tables: [], count: 0 }),
  ]);
  const items = likertItems(rollups.versions);
  let sat: GroupSatisfaction[] = [];
  if (withSatisfaction) {
    sat = groupSatisfaction(
      await satisfactionGroups(
        db,
        scope,
        by as SatisfactionDimension,
        items.map((i) => i.key),
      ),
      items,
      cfg,
    );
  }
  const byMonth = by === 'month' ? await satisfactionByMonth(db, scope, rollups, cfg) : null;
  const keys =
    by === 'month' ? monthsOf(upToToday(scope.period, scope.today)).map((m) => ({ key: m, label: m })) : [...problems, ...activity, ...sat];
  const rows = new Map<string | null, BreakdownRow>();
  for (const k of keys) {
    if (rows.has(k.key)) continue;
    rows.set(k.key, {
      key: k.key,
      label: k.label,
      activity: activity.find((a) => a.key === k.key) ?? null,
      problems: problems.find((p) => p.key === k.key) ?? null,
      satisfaction: byMonth ? (byMonth.get(k.key ?? '') ?? null) : (sat.find((s) => s.key === k.key)?.satisfaction ?? null),
    });
  }
  return { rows: [...rows.values()], items, claims: claims.tables, claimRounds: claims.count };
}

/**
 * One page of a breakdown's groups (BREAKDOWN_PAGE at a time, issue 20), with the claims of those groups
 * only; a page past the last shows the last.
 */
export function breakdownSlice(data: { rows: BreakdownRow[]; claims: ClaimTable[]; claimRounds: number }, asked: number) {
  const total = data.rows.length;
  const page = Math.min(asked, Math.max(1, Math.ceil(total / BREAKDOWN_PAGE)));
  const rows = data.rows.slice((page - 1) * BREAKDOWN_PAGE, page * BREAKDOWN_PAGE);
  const shown = new Set(rows.map((r) => r.key));
  const claims =
    total <= BREAKDOWN_PAGE ? data.claims : data.claims.map((t) => ({ ...t, groups: t.groups.filter((g) => shown.has(g.key)) }));
  return { rows, claims, page, total, hasNext: page * BREAKDOWN_PAGE < total, claimRounds: data.claimRounds };
}
