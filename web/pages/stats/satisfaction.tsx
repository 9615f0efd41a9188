// 满意度 (/admin/stats/satisfaction): every survey item and every round, behind the overview (issue 19).
import { inLang } from '../../../schema/form-definition';
import { one, pct, rate } from '../../../schema/rules/figures';
import { showsGood } from '../../../schema/rules/satisfaction';
import { AdminShell } from '../../components/admin-shell';
import { BarChart } from '../../components/charts/bar-chart';
import { usePage } from '../../context';
import { FilterForm, RateText, ScaleNote, Section, StatsNav, Suppressed, Tile, Tiles } from './parts';
import { RoundsTable } from './rounds-table';
import { ItemTable, SatisfactionCell } from './tables';
import type { DetailProps } from './trend';

export function StatsSatisfactionPage({ filter, query, data, k }: DetailProps) {
  const { t, lang } = usePage();
  const { survey } = data;
  const sat = survey.overall;
  const itemTitle = new Map(survey.items.map((i) => [i.key, inLang(i.title, lang)]));
  return (
    <AdminShell title={t('overview.satisfactionTitle')}>
      <FilterForm filter={filter} />
      <StatsNav query={query} current="/admin/stats/satisfaction" />
      <Tiles>
        <Tile label={t('stats.responseRate')} note={t('stats.responsesOf', { submitted: survey.submitted, invited: survey.invited })}>
          <RateText rate={rate(survey.submitted, survey.invited)} />
        </Tile>
        <Tile label={t('stats.openedRate')}>
          <RateText rate={rate(survey.opened, survey.invited)} />
        </Tile>
        <Tile label={t('stats.top2')} note={<ScaleNote scale={sat.scale} />}>
          <SatisfactionCell sat={sat} />
        </Tile>
        {showsGood(sat.scale) && (
          <Tile label={t('stats.good')}>{sat.suppressed ? <Suppressed n={sat.responses} /> : <RateText rate={sat.good} />}</Tile>
        )}
        <Tile label={t('stats.composite')}>{sat.suppressed ? <Suppressed n={sat.responses} /> : one(sat.composite)}</Tile>
      </Tiles>
      <p class="muted">{t('stats.kNote', { k })}</p>
      <Section title={t('stats.byItem')} id="items">
        <BarChart
          id="items-chart"
          title={t('stats.byItem')}
          desc={t('stats.byItemDesc')}
          bars={sat.items.map((i) => ({
            label: itemTitle.get(i.key) ?? i.key,
            value: i.suppressed ? null : i.satisfied.value,
            text: i.suppressed ? t('stats.suppressed') : pct(i.satisfied.value),
          }))}
        />
        <ItemTable items={survey.items} sat={sat} caption={t('stats.byItem')} />
      </Section>
      <Section title={t('stats.rounds')} id="rounds">
        <RoundsTable rounds={survey.rounds} query={query} scale={sat.scale} />
      </Section>
    </AdminShell>
  );
}
