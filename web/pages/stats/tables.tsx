// The tables every statistics page shares. Each chart on a page has one of these beside it: the same
// figures as text, with links to the rows behind them.
import type { ComponentChildren } from 'preact';
import { inLang } from '../../../schema/form-definition';
import { one, problemRates, rate } from '../../../schema/rules/figures';
import { type Satisfaction, showsGood } from '../../../schema/rules/satisfaction';
import type { ActivityGroup } from '../../../worker/stats/activity.queries';
import type { ProblemGroup } from '../../../worker/stats/problems.queries';
import type { ItemDef } from '../../../worker/stats/satisfaction';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';
import { ledgerHref } from './links';
import { RateText, Suppressed, satisfiedLabel } from './parts';

export const LIKERT_KEYS = ['stats.likert.5', 'stats.likert.4', 'stats.likert.3', 'stats.likert.2', 'stats.likert.1'] as const;

/** Satisfaction by item: the distribution, valid n, 满意率 (by the 口径), 好评率 (two levels only) and the 0–100 score. */
export function ItemTable({ items, sat, caption }: { items: ItemDef[]; sat: Satisfaction; caption?: string }) {
  const { t, lang } = usePage();
  const title = new Map(items.map((i) => [i.key, inLang(i.title, lang)]));
  const good = showsGood(sat.scale)
    ? [{ label: t('stats.good'), render: (i: Satisfaction['items'][number]) => (i.suppressed ? '' : <RateText rate={i.good} />) }]
    : [];
  return (
    <DataTable
      caption={caption}
      rows={sat.items}
      columns={[
        { label: t('stats.item'), render: (i) => title.get(i.key) ?? i.key },
        ...LIKERT_KEYS.map((k, n) => ({ label: t(k), render: (i: Satisfaction['items'][number]) => (i.suppressed ? '' : i.dist[n]) })),
        { label: t('stats.likert.na'), render: (i) => i.na },
        { label: t('stats.valid'), render: (i) => i.valid },
        {
          label: satisfiedLabel(t, sat.scale),
          render: (i) => (i.suppressed ? <Suppressed n={i.valid} /> : <RateText rate={i.satisfied} />),
        },
        ...good,
        { label: t('stats.score'), render: (i) => (i.suppressed ? '' : one(i.score)) },
      ]}
    />
  );
}

/** 满意率 of a group with its composite score, or 样本不足. */
export function SatisfactionCell({ sat }: { sat: Satisfaction | null }) {
  const { t } = usePage();
  if (!sat) return <span class="muted">—</span>;
  if (sat.suppressed || sat.satisfied.value === null) return <Suppressed n={sat.responses} />;
  return (
    <span>
      <RateText rate={sat.satisfied} />
      <br />
      <small>{t('stats.compositeShort', { score: one(sat.composite), n: sat.responses })}</small>
    </span>
  );
}

type Row<R> = { label: ComponentChildren; group: R | null; filters: Record<string, string | null | undefined> };

/** Problem figures per group; counts link to the ledger filtered to the group. */
export function ProblemTable({
  rows,
  caption,
  period,
}: {
  rows: Row<ProblemGroup>[];
  caption?: string;
  period: { from: string; to: string };
}) {
  const { t } = usePage();
  const cell = (r: Row<ProblemGroup>, f: (g: ProblemGroup) => ComponentChildren) => (r.group ? f(r.group) : '—');
  return (
    <DataTable
      caption={caption}
      rows={rows}
      columns={[
        { label: t('stats.group'), render: (r) => r.label },
        {
          label: t('stats.raised'),
          render: (r) => cell(r, (g) => <a href={ledgerHref({ ...r.filters, from: period.from, to: period.to })}>{g.raised}</a>),
        },
        { label: t('stats.due'), render: (r) => cell(r, (g) => g.due) },
        {
          label: t('stats.closeRate'),
          render: (r) =>
            cell(r, (g) => <RateText rate={problemRates(g).closeRate} href={ledgerHref({ ...r.filters, status: 'closed' })} />),
        },
        { label: t('stats.onTimeRate'), render: (r) => cell(r, (g) => <RateText rate={problemRates(g).onTimeRate} />) },
        { label: t('stats.resolveRate'), render: (r) => cell(r, (g) => <RateText rate={problemRates(g).resolveRate} />) },
        { label: t('stats.followUpRate'), render: (r) => cell(r, (g) => <RateText rate={problemRates(g).followUpRate} />) },
        {
          label: t('stats.overdue'),
          render: (r) => cell(r, (g) => <a href={ledgerHref({ ...r.filters, overdue: '1' })}>{g.overdue}</a>),
        },
        {
          label: t('stats.unresolved'),
          render: (r) => cell(r, (g) => <a href={ledgerHref({ ...r.filters, status: 'unresolved' })}>{g.unresolved}</a>),
        },
        { label: t('stats.medianDays'), render: (r) => cell(r, (g) => one(g.medianDays)) },
        // The supervision figures of issue 15, in working days.
        { label: t('stats.medianDispatchDays'), render: (r) => cell(r, (g) => one(g.medianDispatchDays)) },
        { label: t('stats.medianAcceptDays'), render: (r) => cell(r, (g) => one(g.medianAcceptDays)) },
        { label: t('stats.medianHandlingDays'), render: (r) => cell(r, (g) => one(g.medianHandlingDays)) },
        {
          label: t('stats.supervised'),
          render: (r) => cell(r, (g) => <a href={ledgerHref({ ...r.filters, supervised: '1' })}>{g.supervised}</a>),
        },
      ]}
    />
  );
}

/** Coverage and 三个一 per group. */
export function ActivityTable({ rows, caption }: { rows: Row<ActivityGroup>[]; caption?: string }) {
  const { t } = usePage();
  const cell = (r: Row<ActivityGroup>, f: (g: ActivityGroup) => ComponentChildren) => (r.group ? f(r.group) : '—');
  return (
    <DataTable
      caption={caption}
      rows={rows}
      columns={[
        { label: t('stats.group'), render: (r) => r.label },
        { label: t('stats.paired'), render: (r) => cell(r, (g) => g.paired) },
        { label: t('stats.contacted'), render: (r) => cell(r, (g) => g.enterprises) },
        { label: t('stats.contacts'), render: (r) => cell(r, (g) => g.contacts) },
        { label: t('stats.onsite'), render: (r) => cell(r, (g) => g.onsite) },
        { label: t('stats.threeOnes'), render: (r) => cell(r, (g) => <RateText rate={rate(g.met, g.pairs)} />) },
      ]}
    />
  );
}

/**
 * What a group with no key is called: 未指定单位 for the unit dimension — problems with no lead unit, answers
 * with no lead officer in force, officers with no unit — on every page, file and report (issue 14: one
 * label); 未填写 for a chain or region an enterprise left blank.
 */
export const noneKey = (by: string): MessageKey => (by === 'unit' ? 'stats.noUnit' : 'stats.unspecified');

/** The label of a problem category code. */
export const categoryKey = (code: string | null) => `stats.cat.${code ?? 'other'}` as MessageKey;
