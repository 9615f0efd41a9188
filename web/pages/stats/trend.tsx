// 月度趋势 (/admin/stats/trend): the months of the period in full, behind the overview's one chart (issue 19).
import { pct } from '../../../schema/rules/figures';
import type { Overview } from '../../../worker/stats/dashboard';
import { AdminShell } from '../../components/admin-shell';
import { ColumnChart } from '../../components/charts/column-chart';
import { LineChart } from '../../components/charts/line-chart';
import { TableScroll } from '../../components/data-table';
import { usePage } from '../../context';
import { type Filter, FilterForm, Section, StatsNav, satisfiedLabel } from './parts';
import { SatisfactionCell } from './tables';

export type DetailProps = { filter: Filter; query: string; data: Overview; k: number };

export function StatsTrendPage({ filter, query, data }: DetailProps) {
  const { t } = usePage();
  const sat = data.survey.overall;
  return (
    <AdminShell title={t('overview.tab.trend')}>
      <FilterForm filter={filter} />
      <StatsNav query={query} current="/admin/stats/trend" />
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
            const shown = s && !s.suppressed ? s.satisfied.value : null;
            return { label: m.month, value: shown, text: s ? (s.suppressed ? t('stats.suppressed') : pct(s.satisfied.value)) : '—' };
          })}
        />
        <TableScroll label={t('stats.trend')}>
          <table>
            <caption>{t('stats.trend')}</caption>
            <thead>
              <tr>
                {['stats.month', 'stats.contacts', 'stats.onsite', 'stats.raised', 'stats.closedInPeriod'].map((k) => (
                  <th scope="col">{t(k as 'stats.month')}</th>
                ))}
                <th scope="col">{satisfiedLabel(t, sat.scale)}</th>
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
    </AdminShell>
  );
}
