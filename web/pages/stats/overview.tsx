// /admin/stats: the overview a director reads in ten seconds (issue 19) — at most 8 headline tiles with
// 环比, one trend chart, 需要关注; the detailed tables are on the tabs behind it (trend, problems,
// satisfaction, breakdowns). Its size does not grow with units, officers or items: the lists are capped.

import type { Attention } from '../../../worker/stats/attention';
import type { Overview } from '../../../worker/stats/dashboard';
import type { Headline } from '../../../worker/stats/headlines';
import type { Period } from '../../../worker/stats/period';
import { AdminShell } from '../../components/admin-shell';
import { ColumnChart } from '../../components/charts/column-chart';
import { usePage } from '../../context';
import { AttentionSection } from './attention';
import { type Filter, FilterForm, ScaleNote, Section, StatsNav } from './parts';

type Props = {
  filter: Filter;
  query: string;
  data: Overview;
  /** The headline figures by tile, with 环比 (worker/reports/headlines.ts: overviewTiles). */
  tiles: Headline[][];
  previous: Period | null;
  attention: Attention;
  k: number;
};

const ARROW = { up: '↑', down: '↓', flat: '→' } as const;

/** A rate as the report writes it, "83.3% (5/6)", split so the tile shows the percentage large and k/n under it. */
const RATE_PARTS = /^(.*) (\(\d+\/\d+\))$/;

export function StatsOverviewPage({ filter, query, data, tiles, previous, attention, k }: Props) {
  const { t } = usePage();
  const months = data.months;
  const series = [
    { name: t('stats.contacts'), values: months.map((m) => m.activity?.contacts ?? 0) },
    { name: t('stats.raised'), values: months.map((m) => m.problems?.raised ?? 0) },
    { name: t('stats.closedInPeriod'), values: months.map((m) => m.problems?.closedInPeriod ?? 0) },
  ];
  return (
    <AdminShell title={t('stats.title')}>
      <FilterForm filter={filter} />
      <StatsNav query={query} current="/admin/stats" />
      <section aria-labelledby="tiles">
        <h2 id="tiles" class="sr">
          {t('overview.tiles')}
        </h2>
        <ul class="tiles headline">
          {tiles.map((figures) => (
            <li class="card">
              {figures.map((h) => {
                return (
                  <div class="headline-figure" data-figure={h.key}>
                    <div class="muted">{h.label}</div>
                    <strong class="figure">{RATE_PARTS.exec(h.now)?.[1] ?? h.now}</strong>
                    {RATE_PARTS.test(h.now) && <small class="muted">{RATE_PARTS.exec(h.now)?.[2]}</small>}
                    {h.trend && (
                      <small class="delta" data-trend={h.trend}>
                        <span aria-hidden="true">{ARROW[h.trend]}</span>
                        <span class="sr">{t(`overview.trend.${h.trend}`)}</span>{' '}
                        {h.change && h.trend !== 'flat'
                          ? t('overview.beforeChange', { before: h.before ?? '', change: h.change })
                          : t('overview.before', { before: h.before ?? '' })}
                      </small>
                    )}
                    {h.key === 'satisfied' && <ScaleNote scale={data.survey.overall.scale} />}
                  </div>
                );
              })}
            </li>
          ))}
        </ul>
        <p class="muted">
          {previous ? t('overview.compared', { from: previous.from, to: previous.to }) : t('overview.noPrevious')} {t('stats.kNote', { k })}
        </p>
      </section>
      <Section title={t('stats.trend')} id="trend">
        <figure class="trend">
          <ColumnChart
            id="trend-counts"
            title={t('stats.trend')}
            desc={t('stats.trendDesc')}
            categories={months.map((m) => m.month)}
            series={series}
          />
          <figcaption>
            {t('overview.trendCaption')} <a href={`/admin/stats/trend?${query}`}>{t('overview.trendMore')}</a>
          </figcaption>
          {/* The wrapper clips: a table will not shrink to the 1 px of .sr, and would widen a phone's page. */}
          <div class="sr">
            <table>
              <caption>{t('stats.trend')}</caption>
              <tr>
                <th scope="col">{t('stats.month')}</th>
                {series.map((s) => (
                  <th scope="col">{s.name}</th>
                ))}
              </tr>
              {months.map((m, i) => (
                <tr>
                  <th scope="row">{m.month}</th>
                  {series.map((s) => (
                    <td>{s.values[i]}</td>
                  ))}
                </tr>
              ))}
            </table>
          </div>
        </figure>
      </Section>
      <AttentionSection attention={attention} data={data} query={query} />
    </AdminShell>
  );
}
