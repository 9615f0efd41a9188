import { one, rate } from '../../../schema/rules/figures';
import type { SatisfactionScale } from '../../../schema/rules/satisfaction';
import type { OwnRound } from '../../../worker/stats/own-rounds';
import type { OfficerView, UnitView } from '../../../worker/stats/people';
import { AdminShell } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';
import { Layout } from '../../layout';
import { ClaimsSection } from './claims';
import { ActivityTiles, type Filter, FilterForm, RateText, ScaleNote, Section, StatsNav, satisfiedLabel, Tile, Tiles } from './parts';
import { OfficerFigures } from './person';
import { categoryKey, ItemTable, ProblemTable, SatisfactionCell } from './tables';

type Period = { from: string; to: string };

/** /admin/stats/units/:id — a unit's officers, the problems it leads, its enterprises' ratings. */
export function StatsUnitPage({
  name,
  view,
  query,
  period,
  k,
}: {
  name: string;
  view: UnitView;
  query: string;
  period: Period;
  k: number;
}) {
  const { t } = usePage();
  const { activity, problems, rates } = view;
  return (
    <AdminShell title={t('stats.unitTitle', { name })}>
      <StatsNav query={query} />
      <Tiles>
        <ActivityTiles activity={activity} />
        <Tile label={t('stats.raisedLed')}>{problems.raised}</Tile>
        <Tile label={t('stats.closeRate')}>
          <RateText rate={rates.closeRate} />
        </Tile>
        <Tile label={t('stats.overdue')}>{problems.overdue}</Tile>
        <Tile label={t('stats.medianDays')}>{one(problems.medianDays)}</Tile>
        <Tile label={t('stats.top2')} note={<ScaleNote scale={view.scale} />}>
          <SatisfactionCell sat={view.satisfaction} />
        </Tile>
      </Tiles>
      <p class="muted">{t('stats.kNote', { k })}</p>
      <Section title={t('stats.officers')} id="officers">
        <DataTable
          rows={view.officers}
          columns={[
            {
              label: t('stats.officer'),
              render: (o) => (o.key ? <a href={`/admin/stats/officers/${o.key}?${query}`}>{o.label}</a> : o.label),
            },
            { label: t('stats.contacts'), render: (o) => o.activity?.contacts ?? 0 },
            { label: t('stats.onsite'), render: (o) => o.activity?.onsite ?? 0 },
            { label: t('stats.threeOnes'), render: (o) => <RateText rate={rate(o.activity?.met ?? 0, o.activity?.pairs ?? 0)} /> },
            { label: t('stats.raised'), render: (o) => o.problems?.raised ?? 0 },
            { label: t('stats.closeRate'), render: (o) => <RateText rate={rate(o.problems?.dueClosed ?? 0, o.problems?.due ?? 0)} /> },
            { label: satisfiedLabel(t, view.scale), render: (o) => <SatisfactionCell sat={o.satisfaction} /> },
          ]}
        />
      </Section>
      <Section title={t('stats.byCategory')} id="categories">
        <ProblemTable
          period={period}
          rows={view.byCategory.map((g) => ({ label: t(categoryKey(g.key)), group: g, filters: { category: g.key } }))}
        />
      </Section>
      {view.satisfaction && !view.satisfaction.suppressed && (
        <Section title={t('stats.byItem')} id="items">
          <ItemTable items={view.items} sat={view.satisfaction} />
        </Section>
      )}
      <ClaimsSection tables={view.claims} by="officer" k={k} />
    </AdminShell>
  );
}

/** /admin/stats/officers/:id */
export function StatsOfficerPage({
  name,
  view,
  query,
  period,
  k,
}: {
  name: string;
  view: OfficerView;
  query: string;
  period: Period;
  k: number;
}) {
  const { t } = usePage();
  return (
    <AdminShell title={t('stats.officerTitle', { name })}>
      <StatsNav query={query} />
      <OfficerFigures view={view} period={period} k={k} />
    </AdminShell>
  );
}

/** /stats/mine — an officer's own figures only (DESIGN §2, §6); survey figures frozen per closed round (issue 14). */
export function StatsMinePage({
  view,
  rounds,
  scale,
  filter,
  programme,
  k,
}: {
  view: OfficerView;
  rounds: OwnRound[];
  scale: SatisfactionScale;
  filter: Filter;
  programme: string;
  k: number;
}) {
  const { t } = usePage();
  const period = { from: filter.from, to: filter.to };
  return (
    <Layout title={t('stats.mine')}>
      <h1>{t('stats.mine')}</h1>
      <FilterForm filter={filter} />
      <p class="muted">{t('stats.mineIntro', { programme, from: period.from, to: period.to })}</p>
      <OfficerFigures view={view} period={period} own={{ rounds, scale }} k={k} />
    </Layout>
  );
}
