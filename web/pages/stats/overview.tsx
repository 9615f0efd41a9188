import { inLang } from '../../../schema/form-definition';
import { one, pct, rate } from '../../../schema/rules/figures';
import type { Overview } from '../../../worker/stats/dashboard';
import { AdminShell } from '../../components/admin-shell';
import { BarChart } from '../../components/charts/bar-chart';
import { ColumnChart } from '../../components/charts/column-chart';
import { LineChart } from '../../components/charts/line-chart';
import { TableScroll } from '../../components/data-table';
import { usePage } from '../../context';
import { ledgerHref } from './links';
import { ActivityTiles, type Filter, FilterForm, RateText, Section, StatsNav, Suppressed, Tile, Tiles } from './parts';
import { RoundsTable } from './rounds-table';
import { ActivityTable, categoryKey, ItemTable, ProblemTable, SatisfactionCell } from './tables';

type Props = { filter: Filter; query: string; data: Overview; k: number };

export function StatsOverviewPage({ filter, query, data, k }: Props) {
  const { t, lang } = usePage();
  const { activity, problems, rates, survey } = data;
  const sat = survey.overall;
  const period = { from: filter.from, to: filter.to };
  const itemTitle = new Map(survey.items.map((i) => [i.key, inLang(i.title, lang)]));
  return (
    <AdminShell title={t('stats.title')}>
      <FilterForm filter={filter} />
      <StatsNav query={query} />
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
        <Tile label={t('stats.responseRate')} note={t('stats.responsesOf', { submitted: survey.submitted, invited: survey.invited })}>
          <RateText rate={rate(survey.submitted, survey.invited)} />
        </Tile>
        <Tile label={t('stats.openedRate')}>
          <RateText rate={rate(survey.opened, survey.invited)} />
        </Tile>
        <Tile label={t('stats.top2')}>
          <SatisfactionCell sat={sat} />
        </Tile>
        <Tile label={t('stats.good')}>{sat.suppressed ? <Suppressed n={sat.responses} /> : <RateText rate={sat.good} />}</Tile>
        <Tile label={t('stats.composite')}>{sat.suppressed ? <Suppressed n={sat.responses} /> : one(sat.composite)}</Tile>
      </Tiles>
      <p class="muted">{t('stats.kNote', { k })}</p>

      <Section title={t('stats.trend')} id="trend">
        <ColumnChart
          id="trend-counts"
          title={t('stats.trend')}
          desc={t('stats.trendDesc')}
          categories={data.months.map((m) => m.month)}
          series={[
            { name: t('stats.contacts'), values: data.months.map((m) => m.activity?.contacts ?? 0) },
            { name: t('stats.raised'), values: data.months.map((m) => m.problems?.raised ?? 0) },
            { name: t('stats.closedInPeriod'), values: data.months.map((m) => m.problems?.closedInPeriod ?? 0) },
          ]}
        />
        <LineChart
          id="trend-sat"
          title={t('stats.top2ByMonth')}
          desc={t('stats.top2ByMonthDesc')}
          points={data.months.map((m) => {
            const s = m.satisfaction;
            const shown = s && !s.suppressed ? s.top2.value : null;
            return { label: m.month, value: shown, text: s ? (s.suppressed ? t('stats.suppressed') : pct(s.top2.value)) : '—' };
          })}
        />
        <TableScroll label={t('stats.trend')}>
          <table>
            <caption>{t('stats.trend')}</caption>
            <thead>
              <tr>
                {['stats.month', 'stats.contacts', 'stats.onsite', 'stats.raised', 'stats.closedInPeriod', 'stats.top2'].map((k) => (
                  <th scope="col">{t(k as 'stats.month')}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.months.map((m) => (
                <tr>
                  <th scope="row">{m.month}</th>
                  <td>{m.activity?.contacts ?? 0}</td>
                  <td>{m.activity?.onsite ?? 0}</td>
                  <td>{m.problems?.raised ?? 0}</td>
                  <td>{m.problems?.closedInPeriod ?? 0}</td>
                  <td>
                    <SatisfactionCell sat={m.satisfaction} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>

      <Section title={t('stats.byItem')} id="items">
        <BarChart
          id="items-chart"
          title={t('stats.byItem')}
          desc={t('stats.byItemDesc')}
          bars={sat.items.map((i) => ({
            label: itemTitle.get(i.key) ?? i.key,
            value: i.suppressed ? null : i.top2.value,
            text: i.suppressed ? t('stats.suppressed') : pct(i.top2.value),
          }))}
        />
        <ItemTable items={survey.items} sat={sat} caption={t('stats.byItem')} />
      </Section>

      <Section title={t('stats.rounds')} id="rounds">
        <RoundsTable rounds={survey.rounds} query={query} />
      </Section>

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
            label: g.key ? <a href={`/admin/stats/units/${g.key}?${query}`}>{g.label}</a> : t('stats.noUnit'),
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
            href: g.key ? `/admin/stats/units/${g.key}?${query}` : undefined,
          }))}
        />
        <ActivityTable
          caption={t('stats.threeOnesByUnit')}
          rows={data.activityByUnit.map((g) => ({
            label: g.key ? <a href={`/admin/stats/units/${g.key}?${query}`}>{g.label}</a> : t('stats.noUnit'),
            group: g,
            filters: {},
          }))}
        />
      </Section>
    </AdminShell>
  );
}
