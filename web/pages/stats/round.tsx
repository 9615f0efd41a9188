import { inLang } from '../../../schema/form-definition';
import { one, pct } from '../../../schema/rules/figures';
import type { RoundView } from '../../../worker/stats/round';
import { AdminShell } from '../../components/admin-shell';
import { BarChart } from '../../components/charts/bar-chart';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';
import { RateText, ScaleNote, Section, Suppressed, satisfiedLabel, Tile, Tiles } from './parts';
import { ItemTable, SatisfactionCell } from './tables';

export function StatsRoundPage({ view, query, k }: { view: RoundView; query: string; k: number }) {
  const { t, lang } = usePage();
  const { round, items } = view;
  const sat = round.satisfaction;
  const title = new Map(items.map((i) => [i.key, inLang(i.title, lang)]));
  return (
    <AdminShell title={t('stats.roundTitle', { name: round.name })}>
      <p class="actions">
        <a href={`/admin/stats?${query}`}>{t('stats.overview')}</a>
        <a href={`/admin/rounds/${round.id}`}>{t('stats.roundAdmin')}</a>
        <a href={`/admin/exports/responses.csv?campaign=${round.id}`}>{t('export.responses')}</a>
        <a href={`/admin/exports/invitations.csv?campaign=${round.id}`}>{t('export.invitations')}</a>
      </p>
      <Tiles>
        <Tile label={t('stats.invited')}>{round.invited}</Tile>
        <Tile label={t('stats.submitted')}>{round.submitted}</Tile>
        <Tile label={t('stats.responseRate')}>
          <RateText rate={round.responseRate} />
        </Tile>
        <Tile label={t('stats.openedRate')}>
          <RateText rate={round.openedRate} />
        </Tile>
        <Tile label={t('stats.top2')} note={<ScaleNote scale={sat.scale} />}>
          <SatisfactionCell sat={sat} />
        </Tile>
        <Tile label={t('stats.composite')}>{sat.suppressed ? <Suppressed n={sat.responses} /> : one(sat.composite)}</Tile>
      </Tiles>
      <p class="muted">{t('stats.kNote', { k })}</p>
      <Section title={t('stats.byItem')} id="items">
        <BarChart
          id="round-items"
          title={t('stats.byItem')}
          desc={t('stats.byItemDesc')}
          bars={sat.items.map((i) => ({
            label: title.get(i.key) ?? i.key,
            value: i.suppressed ? null : i.satisfied.value,
            text: i.suppressed ? t('stats.suppressed') : pct(i.satisfied.value),
          }))}
        />
        <ItemTable items={items} sat={sat} caption={t('stats.byItem')} />
      </Section>
      {view.choices.map((c) => (
        <Section title={inLang(c.title, lang)} id={`q-${c.key}`}>
          <DataTable
            rows={c.rows}
            columns={[
              { label: t('stats.option'), render: (r) => inLang(r.label, lang) },
              { label: t('stats.count'), render: (r) => (r.count === null ? <Suppressed n={round.submitted} /> : r.count) },
            ]}
          />
        </Section>
      ))}
      <Section title={t('stats.roundByUnit')} id="units">
        <DataTable
          rows={view.byUnit}
          columns={[
            { label: t('stats.group'), render: (g) => g.label ?? t('stats.noUnit') },
            { label: t('stats.submitted'), render: (g) => g.satisfaction.responses },
            { label: satisfiedLabel(t, sat.scale), render: (g) => <SatisfactionCell sat={g.satisfaction} /> },
          ]}
        />
      </Section>
    </AdminShell>
  );
}
