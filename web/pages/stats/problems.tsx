// 问题办理 (/admin/stats/problems): problems by category and by unit, and 三个一 by unit, behind the
// overview (issue 19). Every count links to the ledger rows behind it.
import { one, pct } from '../../../schema/rules/figures';
import { AdminShell } from '../../components/admin-shell';
import { BarChart } from '../../components/charts/bar-chart';
import { usePage } from '../../context';
import { ledgerHref } from './links';
import { ActivityTiles, FilterForm, RateText, Section, StatsNav, Tile, Tiles } from './parts';
import { ActivityTable, categoryKey, ProblemTable } from './tables';
import type { DetailProps } from './trend';

export function StatsProblemsPage({ filter, query, data }: DetailProps) {
  const { t } = usePage();
  const { activity, problems, rates } = data;
  const period = { from: filter.from, to: filter.to };
  const unitHref = (key: string) => `/admin/stats/units/${key}?${query}`;
  return (
    <AdminShell title={t('overview.problemsTitle')}>
      <FilterForm filter={filter} />
      <StatsNav query={query} current="/admin/stats/problems" />
      <Tiles>
        <ActivityTiles activity={activity} contacted />
        <Tile label={t('stats.raised')}>
          <a href={ledgerHref(period)}>{problems.raised}</a>
        </Tile>
        <Tile label={t('stats.closedInPeriod')}>{problems.closedInPeriod}</Tile>
        <Tile label={t('stats.closeRate')} note={t('stats.closeRateHelp')}>
          <RateText rate={rates.closeRate} href={ledgerHref({ status: 'closed' })} />
        </Tile>
        <Tile label={t('stats.onTimeRate')}>
          <RateText rate={rates.onTimeRate} />
        </Tile>
        <Tile label={t('stats.resolveRate')}>
          <RateText rate={rates.resolveRate} />
        </Tile>
        <Tile label={t('stats.followUpRate')}>
          <RateText rate={rates.followUpRate} />
        </Tile>
        <Tile label={t('stats.overdue')}>
          <a href={ledgerHref({ overdue: '1' })}>{problems.overdue}</a>
        </Tile>
        <Tile label={t('stats.medianDays')}>{one(problems.medianDays)}</Tile>
      </Tiles>
      <Section title={t('stats.byCategory')} id="categories">
        <BarChart
          id="category-chart"
          title={t('stats.byCategory')}
          desc={t('stats.byCategoryDesc')}
          bars={data.byCategory.map((g) => ({
            label: t(categoryKey(g.key)),
            value: g.due ? g.dueClosed / g.due : null,
            text: g.due ? pct(g.dueClosed / g.due) : '—',
            href: ledgerHref({ category: g.key }),
          }))}
        />
        <ProblemTable
          caption={t('stats.byCategory')}
          period={period}
          rows={data.byCategory.map((g) => ({ label: t(categoryKey(g.key)), group: g, filters: { category: g.key } }))}
        />
      </Section>
      <Section title={t('stats.byUnit')} id="units">
        <ProblemTable
          caption={t('stats.resolutionByUnit')}
          period={period}
          rows={data.byUnit.map((g) => ({
            label: g.key ? <a href={unitHref(g.key)}>{g.label}</a> : t('stats.noUnit'),
            group: g,
            filters: { unit: g.key },
          }))}
        />
        <BarChart
          id="three-ones-chart"
          title={t('stats.threeOnesByUnit')}
          desc={t('stats.threeOnesDesc')}
          bars={data.activityByUnit.map((g) => ({
            label: g.label ?? t('stats.noUnit'),
            value: g.pairs ? g.met / g.pairs : null,
            text: g.pairs ? pct(g.met / g.pairs) : '—',
            href: g.key ? unitHref(g.key) : undefined,
          }))}
        />
        <ActivityTable
          caption={t('stats.threeOnesByUnit')}
          rows={data.activityByUnit.map((g) => ({
            label: g.key ? <a href={unitHref(g.key)}>{g.label}</a> : t('stats.noUnit'),
            group: g,
            filters: {},
          }))}
        />
      </Section>
    </AdminShell>
  );
}
