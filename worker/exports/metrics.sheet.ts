// The metric tables of the dashboards as CSV and .xlsx (DESIGN §7): satisfaction by item, rounds, and
// every breakdown (by unit, officer, chain, region, category, month). Small aggregate tables, computed
// like the pages; a rate is its value (a number in .xlsx, a percentage in CSV) and its Wilson 95 %
// interval, a suppressed figure 样本不足, a figure with nothing to divide by —.
import { inLang } from '../../schema/form-definition';
import type { Breakdown } from '../../schema/inputs/stats';
import { interval, problemRates, type Rate, rate } from '../../schema/rules/figures';
import { type Satisfaction, type SatisfactionScale, showsGood } from '../../schema/rules/satisfaction';
import type { MessageKey } from '../../web/i18n';
import { noneKey } from '../../web/pages/stats/tables';
import type { Db } from '../app-env';
import { type Cell, type Column, type ColumnType, type Sheet, sheetOf } from '../lib/sheet';
import type { StatsConfig } from '../stats/config';
import { breakdown, surveySummary } from '../stats/dashboard';
import type { Scope } from '../stats/period';
import { about, periodNote } from './about';
import { zh } from './format';

export const METRIC_TABLES = ['items', 'rounds', 'unit', 'officer', 'chain', 'region', 'category', 'month'] as const;
export type MetricTable = (typeof METRIC_TABLES)[number];

const NONE = '—';
const SUPPRESSED = () => zh('stats.suppressed');
/** A figure column headed by its stats.* label and explained by export.about.<aboutKey>. */
const col = (label: MessageKey, type: ColumnType, aboutKey: string): Column => ({ header: zh(label), type, about: about(aboutKey) });
/** A rate and its interval: two columns. */
const RATE = (label: MessageKey, aboutKey: string): Column[] => [
  col(label, 'rate', aboutKey),
  { header: `${zh(label)} ${zh('export.ci')}`, type: 'text', about: about('ci', { rate: zh(label) }) },
];
const rateCells = (r: Rate): Cell[] => [r.value ?? NONE, interval(r)];
/** 满意率 headed with its 口径 (满意率（两档）), as every page and the report print it (issue 14). */
const satisfiedHeader = (scale: SatisfactionScale) => zh('stats.satisfiedBy', { scale: zh(`stats.scaleShort.${scale}`) });
const SATISFIED = (scale: SatisfactionScale): Column[] => [
  { header: satisfiedHeader(scale), type: 'rate', about: about('top2') },
  { header: `${satisfiedHeader(scale)} ${zh('export.ci')}`, type: 'text', about: about('ci', { rate: satisfiedHeader(scale) }) },
];
/** Under 三档 满意率 is 好评率: no second column of the same rate. */
const SAT_COLUMNS = (scale: SatisfactionScale): Column[] => [
  col('stats.submitted', 'number', 'submitted'),
  ...SATISFIED(scale),
  col('stats.composite', 'decimal', 'composite'),
  ...(showsGood(scale) ? [col('stats.good', 'rate', 'good')] : []),
];
const satCells = (s: Satisfaction | null, scale: SatisfactionScale): Cell[] => {
  const good = showsGood(scale);
  if (!s) return Array<Cell>(good ? 5 : 4).fill('');
  if (s.suppressed) return [s.responses, SUPPRESSED(), '', SUPPRESSED(), ...(good ? [SUPPRESSED()] : [])];
  return [s.responses, ...rateCells(s.satisfied), s.composite ?? NONE, ...(good ? [s.good.value ?? NONE] : [])];
};

/** Which 口径 the figures use: the scope, the programme's 满意率 口径, valid answers, k, the points and the rounds counted. */
function notes(programme: string, scope: Scope, cfg: StatsConfig): string[] {
  return [
    periodNote(programme, scope.period, 'export.note.byPeriod'),
    zh('export.note.scale', { scale: zh(`stats.scale.${cfg.scale}`) }),
    zh(showsGood(cfg.scale) ? 'export.note.good' : 'export.note.goodSame'),
    zh('export.note.opened'),
    zh('export.note.valid'),
    zh('stats.kNote', { k: cfg.k }),
    zh('export.note.points', { points: cfg.points.join(' / ') }),
    zh('export.note.ledgerRates'),
  ];
}

export async function metricSheet(db: Db, scope: Scope, programme: string, table: MetricTable, cfg: StatsConfig): Promise<Sheet<never>> {
  const note = notes(programme, scope, cfg);
  if (table === 'items' || table === 'rounds') {
    const { summary: survey } = await surveySummary(db, scope, cfg);
    if (table === 'rounds') {
      const columns = [
        col('stats.round', 'text', 'round'),
        col('stats.invited', 'number', 'invited'),
        col('stats.opened', 'number', 'opened'),
        col('stats.submitted', 'number', 'submitted'),
        ...RATE('stats.responseRate', 'responseRate'),
        ...RATE('stats.openedRate', 'openedRate'),
        ...SAT_COLUMNS(cfg.scale),
      ];
      const rows = survey.rounds.map((r): Cell[] => [
        r.name,
        r.invited,
        r.opened,
        r.submitted,
        ...rateCells(r.responseRate),
        ...rateCells(r.openedRate),
        ...satCells(r.satisfaction, cfg.scale),
      ]);
      return sheetOf(columns, note, rows);
    }
    const title = new Map(survey.items.map((i) => [i.key, inLang(i.title, 'zh')]));
    const good = showsGood(cfg.scale);
    const likert = ['stats.likert.5', 'stats.likert.4', 'stats.likert.3', 'stats.likert.2', 'stats.likert.1'] as const;
    const columns = [
      col('stats.item', 'text', 'item'),
      ...likert.map((k) => col(k, 'number', 'likert')),
      col('stats.likert.na', 'number', 'na'),
      col('stats.valid', 'number', 'valid'),
      ...SATISFIED(cfg.scale),
      ...(good ? RATE('stats.good', 'good') : []),
      col('stats.score', 'decimal', 'score'),
    ];
    const rows = survey.overall.items.map((i): Cell[] =>
      i.suppressed
        ? [
            title.get(i.key) ?? i.key,
            '',
            '',
            '',
            '',
            '',
            i.na,
            i.valid,
            SUPPRESSED(),
            '',
            ...(good ? [SUPPRESSED(), ''] : []),
            SUPPRESSED(),
          ]
        : [
            title.get(i.key) ?? i.key,
            ...i.dist,
            i.na,
            i.valid,
            ...rateCells(i.satisfied),
            ...(good ? rateCells(i.good) : []),
            i.score ?? NONE,
          ],
    );
    return sheetOf(columns, note, rows);
  }
  const { rows } = await breakdown(db, scope, table as Breakdown, cfg);
  const columns = [
    col('stats.group', 'text', 'group'),
    col('stats.raised', 'number', 'raised'),
    col('stats.due', 'number', 'due'),
    col('stats.closed', 'number', 'closed'),
    ...RATE('stats.closeRate', 'closeRate'),
    ...RATE('stats.onTimeRate', 'onTimeRate'),
    ...RATE('stats.resolveRate', 'resolveRate'),
    ...RATE('stats.followUpRate', 'followUpRate'),
    col('stats.overdue', 'number', 'overdue'),
    col('stats.unresolved', 'number', 'unresolved'),
    col('stats.medianDays', 'decimal', 'medianDays'),
    col('stats.supervised', 'number', 'supervised'),
    col('stats.medianDispatchDays', 'decimal', 'medianDispatchDays'),
    col('stats.medianAcceptDays', 'decimal', 'medianAcceptDays'),
    col('stats.medianHandlingDays', 'decimal', 'medianHandlingDays'),
    col('stats.paired', 'number', 'paired'),
    col('stats.contacted', 'number', 'contacted'),
    col('stats.contacts', 'number', 'contacts'),
    col('stats.onsite', 'number', 'onsite'),
    ...RATE('stats.threeOnes', 'threeOnes'),
    ...SAT_COLUMNS(cfg.scale),
  ];
  const body = rows.map((r): Cell[] => {
    const p = r.problems;
    const rates = p ? problemRates(p) : null;
    const a = r.activity;
    const name = table === 'category' ? zh(`stats.cat.${r.key ?? 'other'}` as 'stats.cat.other') : r.label || r.key || zh(noneKey(table));
    return [
      name,
      ...(p && rates
        ? [
            p.raised,
            p.due,
            p.dueClosed,
            ...rateCells(rates.closeRate),
            ...rateCells(rates.onTimeRate),
            ...rateCells(rates.resolveRate),
            ...rateCells(rates.followUpRate),
            p.overdue,
            p.unresolved,
            p.medianDays ?? NONE,
            p.supervised,
            p.medianDispatchDays ?? NONE,
            p.medianAcceptDays ?? NONE,
            p.medianHandlingDays ?? NONE,
          ]
        : Array<Cell>(18).fill('')),
      ...(a ? [a.paired, a.enterprises, a.contacts, a.onsite, ...rateCells(rate(a.met, a.pairs))] : Array<Cell>(6).fill('')),
      ...satCells(r.satisfaction, cfg.scale),
    ];
  });
  return sheetOf(columns, note, body);
}
