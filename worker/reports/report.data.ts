// The work report's figures: the overview's, one table per unit joining the unit's officers' activity (by
// the officer's unit), the problems it leads (主办单位) and its enterprises' 满意率 (the unit of their lead
// officer), and an appendix of the claims cross-check per unit. The report leaves the programme office, so
// every table of figures drawn from answers goes through complementary suppression
// (schema/rules/suppression.ts): a unit under k is 样本不足 and so is whatever unit its figures could be
// worked out from with the total; the units' 满意率 pool over the items the total shows, so they add up.
import { inLang } from '../../schema/form-definition';
import { type Satisfaction, satisfaction } from '../../schema/rules/satisfaction';
import { suppressTable } from '../../schema/rules/suppression';
import type { Lang, Translate } from '../../web/i18n';
import { categoryKey } from '../../web/pages/stats/tables';
import type { Db } from '../app-env';
import type { ActivityGroup } from '../stats/activity.queries';
import type { ClaimGroup, ClaimRound } from '../stats/claims.queries';
import type { StatsConfig } from '../stats/config';
import { comparedOverview, type Overview } from '../stats/dashboard';
import { type Headline, headlines } from '../stats/headlines';
import { claimTables } from '../stats/people';
import type { Period, Scope } from '../stats/period';
import type { ProblemGroup } from '../stats/problems.queries';
import { sumByItem } from '../stats/satisfaction';
import { satisfactionGroups } from '../stats/survey.queries';
import { draftSummary } from './summary';

/** A unit's satisfaction in the report: its figures, or hidden (`small`: under k itself; else to protect another). */
export type UnitSatisfaction = { satisfaction: Satisfaction; hidden: boolean; small: boolean };

export type UnitRow = {
  key: string | null;
  label: string | null;
  activity: ActivityGroup | null;
  problems: ProblemGroup | null;
  satisfaction: UnitSatisfaction | null;
};

export type ReportClaims = { round: ClaimRound; groups: (ClaimGroup & { hidden: boolean })[]; total: ClaimGroup | null };

export type Report = {
  data: Overview;
  period: Period;
  /**
   * The period of the same length just before, and the headline figures of both side by side (环比); null
   * when that period ends before the programme began: there is nothing to compare with, and zeros would mislead.
   */
  previous: Period | null;
  headlines: Headline[];
  units: UnitRow[];
  categories: { label: string; group: ProblemGroup }[];
  summary: string[];
  claims: ReportClaims[];
};

/** The units' 满意率 from group_counts, pooled over the items the total shows, with complementary suppression. */
async function unitSatisfaction(
  db: Db,
  scope: Scope,
  data: Overview,
  cfg: StatsConfig,
): Promise<Map<string | null, UnitSatisfaction & { label: string | null }>> {
  const { items } = data.survey;
  const pooled = new Set(data.survey.overall.items.filter((i) => !i.suppressed).map((i) => i.key));
  const groups = await satisfactionGroups(
    db,
    scope,
    'unit',
    items.map((i) => i.key),
  );
  const units = groups.responses.map((g) => ({
    key: g.grp,
    label: g.label,
    n: g.responses,
    satisfaction: satisfaction(
      g.responses,
      sumByItem(
        items,
        groups.options.filter((o) => o.grp === g.grp).map((o) => ({ ...o, count: o.n })),
      ),
      cfg,
      pooled,
    ),
  }));
  const table = suppressTable(units, cfg.k);
  return new Map(table.groups.map((u) => [u.key, { label: u.label, satisfaction: u.satisfaction, hidden: u.hidden, small: u.small }]));
}

/** The claims appendix: per closed round, the units (each officer's own unit) with complementary suppression. */
async function reportClaims(db: Db, scope: Scope, k: number): Promise<ReportClaims[]> {
  const tables = await claimTables(db, scope, 'unit');
  return tables.map(({ round, groups }) => {
    const table = suppressTable(
      groups.map((g) => ({ ...g, n: g.checked })),
      k,
    );
    const sum = (f: (g: ClaimGroup) => number) => groups.reduce((a, g) => a + f(g), 0);
    const total = { key: 'all', label: null, checked: sum((g) => g.checked), contradicted: sum((g) => g.contradicted) };
    return { round, groups: table.groups, total: table.total ? total : null };
  });
}

export async function buildReport(
  db: Db,
  scope: Scope,
  cfg: StatsConfig,
  meta: { programme: string; startsOn: string; t: Translate; lang: Lang },
): Promise<Report> {
  // The report has no monthly table: satisfaction by month is not read (for a leader's place it is a read of the place's answers).
  const { data, before, previous } = await comparedOverview(db, scope, cfg, meta.startsOn, {
    categories: true,
    satisfactionByMonth: false,
  });
  const [bySatisfaction, claims] = await Promise.all([unitSatisfaction(db, scope, data, cfg), reportClaims(db, scope, cfg.k)]);
  const units = new Map<string | null, UnitRow>();
  for (const g of [...data.activityByUnit, ...data.byUnit, ...[...bySatisfaction].map(([key, s]) => ({ key, label: s.label }))]) {
    if (!units.has(g.key)) units.set(g.key, { key: g.key, label: g.label, activity: null, problems: null, satisfaction: null });
  }
  for (const a of data.activityByUnit) Object.assign(units.get(a.key) ?? {}, { activity: a });
  for (const p of data.byUnit) Object.assign(units.get(p.key) ?? {}, { problems: p });
  for (const [key, { label: _, ...s }] of bySatisfaction) Object.assign(units.get(key) ?? {}, { satisfaction: s });
  const categories = [...data.byCategory].sort((a, b) => b.raised - a.raised).map((g) => ({ label: meta.t(categoryKey(g.key)), group: g }));
  const title = new Map(data.survey.items.map((i) => [i.key, inLang(i.title, meta.lang)]));
  const summary = draftSummary(
    {
      programme: meta.programme,
      from: scope.period.from,
      to: scope.period.to,
      activity: data.activity,
      problems: data.problems,
      topCategories: categories.map((c) => ({ label: c.label, raised: c.group.raised })),
      survey: data.survey,
      itemTitle: (k) => title.get(k) ?? k,
      k: cfg.k,
    },
    meta.t,
  );
  return {
    data,
    period: scope.period,
    previous,
    headlines: headlines(data, before, meta.t),
    units: [...units.values()],
    categories,
    summary,
    claims,
  };
}
