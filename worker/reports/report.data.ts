// The work report's figures: the overview's, plus one table per unit joining the unit's officers'
// activity (by the officer's unit) and the problems it leads (主办单位).
import { inLang } from '../../schema/form-definition';
import type { Lang, Translate } from '../../web/i18n';
import { categoryKey } from '../../web/pages/stats/tables';
import type { Db } from '../app-env';
import type { ActivityGroup } from '../stats/activity.queries';
import type { StatsConfig } from '../stats/config';
import { type Overview, overview } from '../stats/dashboard';
import type { Scope } from '../stats/period';
import type { ProblemGroup } from '../stats/problems.queries';
import { draftSummary } from './summary';

export type UnitRow = { key: string | null; label: string | null; activity: ActivityGroup | null; problems: ProblemGroup | null };

export type Report = { data: Overview; units: UnitRow[]; categories: { label: string; group: ProblemGroup }[]; summary: string[] };

export async function buildReport(
  db: Db,
  scope: Scope,
  cfg: StatsConfig,
  meta: { programme: string; t: Translate; lang: Lang },
): Promise<Report> {
  const data = await overview(db, scope, cfg);
  const units = new Map<string | null, UnitRow>();
  for (const g of [...data.activityByUnit, ...data.byUnit]) {
    if (!units.has(g.key)) units.set(g.key, { key: g.key, label: g.label, activity: null, problems: null });
  }
  for (const a of data.activityByUnit) Object.assign(units.get(a.key) ?? {}, { activity: a });
  for (const p of data.byUnit) Object.assign(units.get(p.key) ?? {}, { problems: p });
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
  return { data, units: [...units.values()], categories, summary };
}
