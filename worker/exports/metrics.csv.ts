// The metric tables of the dashboards as CSV (DESIGN §7): satisfaction by item, rounds, and every
// breakdown (by unit, officer, chain, region, category, month). Small aggregate tables, computed like
// the pages; a rate is written as its value and its Wilson 95 % interval, a suppressed figure as 样本不足.
import { inLang } from '../../schema/form-definition';
import type { Breakdown } from '../../schema/inputs/stats';
import { interval, one, pct, problemRates, type Rate, rate } from '../../schema/rules/figures';
import type { Satisfaction } from '../../schema/rules/satisfaction';
import type { Db } from '../app-env';
import type { StatsConfig } from '../stats/config';
import { breakdown, surveySummary } from '../stats/dashboard';
import type { Scope } from '../stats/period';
import { zh } from './format';

export const METRIC_TABLES = ['items', 'rounds', 'unit', 'officer', 'chain', 'region', 'category', 'month'] as const;
export type MetricTable = (typeof METRIC_TABLES)[number];

const SUPPRESSED = () => zh('stats.suppressed');
const rateCells = (r: Rate) => [pct(r.value), interval(r)];
const satCells = (s: Satisfaction | null) =>
  !s
    ? ['', '', '', '', '']
    : s.suppressed
      ? [String(s.responses), SUPPRESSED(), '', SUPPRESSED(), SUPPRESSED()]
      : [String(s.responses), ...rateCells(s.top2), one(s.composite), pct(s.good.value)];
const RATE = (k: string) => [zh(k as 'stats.top2'), `${zh(k as 'stats.top2')} ${zh('export.ci')}`];
const SAT_HEADER = () => [zh('stats.submitted'), ...RATE('stats.top2'), zh('stats.composite'), zh('stats.good')];

export async function metricTable(
  db: Db,
  scope: Scope,
  table: MetricTable,
  cfg: StatsConfig,
): Promise<{ header: string[]; rows: string[][] }> {
  if (table === 'items' || table === 'rounds') {
    const { summary: survey } = await surveySummary(db, scope, cfg);
    if (table === 'rounds') {
      return {
        header: [
          zh('stats.round'),
          zh('stats.invited'),
          zh('stats.opened'),
          zh('stats.submitted'),
          ...RATE('stats.responseRate'),
          ...RATE('stats.openedRate'),
          ...SAT_HEADER(),
        ],
        rows: survey.rounds.map((r) => [
          r.name,
          String(r.invited),
          String(r.opened),
          String(r.submitted),
          ...rateCells(r.responseRate),
          ...rateCells(r.openedRate),
          ...satCells(r.satisfaction),
        ]),
      };
    }
    const title = new Map(survey.items.map((i) => [i.key, inLang(i.title, 'zh')]));
    const likert = ['stats.likert.5', 'stats.likert.4', 'stats.likert.3', 'stats.likert.2', 'stats.likert.1', 'stats.likert.na'] as const;
    return {
      header: [
        zh('stats.item'),
        ...likert.map((k) => zh(k)),
        zh('stats.valid'),
        ...RATE('stats.top2'),
        ...RATE('stats.good'),
        zh('stats.score'),
      ],
      rows: survey.overall.items.map((i) =>
        i.suppressed
          ? [title.get(i.key) ?? i.key, '', '', '', '', '', String(i.na), String(i.valid), SUPPRESSED(), '', SUPPRESSED(), '', SUPPRESSED()]
          : [
              title.get(i.key) ?? i.key,
              ...i.dist.map(String),
              String(i.na),
              String(i.valid),
              ...rateCells(i.top2),
              ...rateCells(i.good),
              one(i.score),
            ],
      ),
    };
  }
  const { rows } = await breakdown(db, scope, table as Breakdown, cfg);
  const header = [
    zh('stats.group'),
    zh('stats.raised'),
    zh('stats.due'),
    zh('stats.closed'),
    ...RATE('stats.closeRate'),
    ...RATE('stats.onTimeRate'),
    ...RATE('stats.resolveRate'),
    ...RATE('stats.followUpRate'),
    zh('stats.overdue'),
    zh('stats.unresolved'),
    zh('stats.medianDays'),
    zh('stats.supervised'),
    zh('stats.medianDispatchDays'),
    zh('stats.medianAcceptDays'),
    zh('stats.medianHandlingDays'),
    zh('stats.paired'),
    zh('stats.contacted'),
    zh('stats.contacts'),
    zh('stats.onsite'),
    ...RATE('stats.threeOnes'),
    ...SAT_HEADER(),
  ];
  return {
    header,
    rows: rows.map((r) => {
      const p = r.problems;
      const rates = p ? problemRates(p) : null;
      const a = r.activity;
      const name = table === 'category' ? zh(`stats.cat.${r.key ?? 'other'}` as 'stats.cat.other') : (r.label ?? r.key ?? '');
      return [
        name,
        ...(p && rates
          ? [
              String(p.raised),
              String(p.due),
              String(p.dueClosed),
              ...rateCells(rates.closeRate),
              ...rateCells(rates.onTimeRate),
              ...rateCells(rates.resolveRate),
              ...rateCells(rates.followUpRate),
              String(p.overdue),
              String(p.unresolved),
              one(p.medianDays),
              String(p.supervised),
              one(p.medianDispatchDays),
              one(p.medianAcceptDays),
              one(p.medianHandlingDays),
            ]
          : Array(18).fill('')),
        ...(a
          ? [String(a.paired), String(a.enterprises), String(a.contacts), String(a.onsite), ...rateCells(rate(a.met, a.pairs))]
          : Array(6).fill('')),
        ...satCells(r.satisfaction),
      ];
    }),
  };
}
