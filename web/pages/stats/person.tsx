// The figures of one officer: shared by the admin's drill-down and the officer's own page.

import { one, pct } from '../../../schema/rules/figures';
import type { SatisfactionScale } from '../../../schema/rules/satisfaction';
import type { OwnRound } from '../../../worker/stats/own-rounds';
import type { OfficerView } from '../../../worker/stats/people';
import { BarChart } from '../../components/charts/bar-chart';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';
import { ledgerHref } from './links';
import { OwnRoundsSection } from './own-rounds';
import { ActivityTiles, RateText, Section, Tile, Tiles } from './parts';
import { ActivityTable, categoryKey, ItemTable, ProblemTable, SatisfactionCell } from './tables';

/** `own`: the officer's own page, whose survey figures are the frozen ones of closed rounds (own-rounds.tsx). */
export function OfficerFigures({
  view,
  period,
  own,
  k,
}: {
  view: OfficerView;
  period: { from: string; to: string };
  own?: { rounds: OwnRound[]; scale: SatisfactionScale };
  k: number;
}) {
  const { t } = usePage();
  const { activity, problems, rates } = view;
  return (
    <>
      <Tiles>
        <ActivityTiles activity={activity} />
        <Tile label={t('stats.raised')}>{problems.raised}</Tile>
        <Tile label={t('stats.closeRate')}>
          <RateText rate={rates.closeRate} />
        </Tile>
        <Tile label={t('stats.onTimeRate')}>
          <RateText rate={rates.onTimeRate} />
        </Tile>
        <Tile label={t('stats.resolveRate')}>
          <RateText rate={rates.resolveRate} />
        </Tile>
        <Tile label={t('stats.overdue')}>{own ? <a href={ledgerHref({ overdue: '1' })}>{problems.overdue}</a> : problems.overdue}</Tile>
        <Tile label={t('stats.medianDays')}>{one(problems.medianDays)}</Tile>
        {view.overall && (
          <Tile label={t('stats.top2')}>
            <SatisfactionCell sat={view.overall} />
          </Tile>
        )}
      </Tiles>
      <Section title={t('stats.threeOnesByMonth')} id="months">
        <BarChart
          id="officer-months"
          title={t('stats.threeOnesByMonth')}
          desc={t('stats.threeOnesDesc')}
          bars={view.months.map((m) => ({
            label: m.key ?? '',
            value: m.pairs ? m.met / m.pairs : null,
            text: m.pairs ? pct(m.met / m.pairs) : '—',
          }))}
        />
        <ActivityTable rows={view.months.map((m) => ({ label: m.key, group: m, filters: {} }))} />
      </Section>
      <Section title={t('stats.byCategory')} id="categories">
        <ProblemTable
          period={period}
          rows={view.byCategory.map((g) => ({ label: t(categoryKey(g.key)), group: g, filters: { category: g.key } }))}
        />
      </Section>
      {own ? (
        <OwnRoundsSection rounds={own.rounds} scale={own.scale} k={k} />
      ) : (
        <Section title={t('stats.satisfactionByRound')} id="rounds">
          <p class="muted">{t('stats.kNote', { k })}</p>
          <DataTable
            rows={view.rounds}
            columns={[
              { label: t('stats.round'), render: (r) => r.label },
              { label: t('stats.top2'), render: (r) => <SatisfactionCell sat={r.satisfaction} /> },
            ]}
          />
          {view.rounds
            .filter((r) => !r.satisfaction.suppressed)
            .map((r) => (
              <ItemTable items={view.items} sat={r.satisfaction} caption={`${r.label ?? ''} · ${t('stats.byItem')}`} />
            ))}
          <p class="muted">{view.items.length ? '' : t('stats.noItems')}</p>
        </Section>
      )}
    </>
  );
}
