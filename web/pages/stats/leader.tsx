// The leader's (领导) dashboard (issue 19): read-only figures of the scope the admin set — tiles for the
// scope, and for the whole programme a table by chain. No link leads to a record: a leader opens no
// ledger, memo, enterprise file or answer. Satisfaction comes suppressed from worker/stats/leader.ts.
import type { LeaderDashboard, LeaderRow } from '../../../worker/stats/leader';
import { AdminShell } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';
import { ActivityTiles, type Filter, FilterForm, RateText, ScaleNote, Section, Suppressed, satisfiedLabel, Tile, Tiles } from './parts';
import { SatisfactionCell } from './tables';

type Props = { filter: Filter; data: LeaderDashboard; scale: 'top2' | 'top3' };

function Satisfied({ row }: { row: LeaderRow }) {
  if (row.satisfaction) return <SatisfactionCell sat={row.satisfaction} />;
  return row.responses > 0 ? <Suppressed n={row.responses} /> : <span class="muted">—</span>;
}

export function StatsLeaderPage({ filter, data, scale }: Props) {
  const { t } = usePage();
  const { total, scope } = data;
  const scopeText = scope.chainId
    ? t('leader.scopeChain', { name: scope.label ?? '' })
    : scope.region !== null
      ? t('leader.scopeRegion', { name: scope.label ?? '' })
      : t('leader.scopeAll');
  const query = new URLSearchParams({ programme: filter.programmeId, from: filter.from, to: filter.to }).toString();
  return (
    <AdminShell title={t('stats.title')}>
      <p class="notice" data-scope={scope.chainId ?? scope.region ?? 'all'}>
        {t('leader.viewing', { scope: scopeText })}
      </p>
      <FilterForm filter={filter} />
      <Tiles>
        <ActivityTiles activity={total.activity} contacted />
        <Tile label={t('stats.raised')}>
          <span data-figure="raised">{total.problems.raised}</span>
        </Tile>
        <Tile label={t('stats.closedInPeriod')}>{total.problems.closedInPeriod}</Tile>
        <Tile label={t('stats.closeRate')} note={t('stats.closeRateHelp')}>
          <RateText rate={total.rates.closeRate} />
        </Tile>
        <Tile label={t('stats.onTimeRate')}>
          <RateText rate={total.rates.onTimeRate} />
        </Tile>
        <Tile label={t('stats.overdue')}>
          <span data-figure="overdue">{total.problems.overdue}</span>
        </Tile>
        <Tile label={satisfiedLabel(t, scale)} note={<ScaleNote scale={scale} />}>
          <Satisfied row={total} />
        </Tile>
      </Tiles>
      {data.byChain.length > 0 && (
        <Section title={t('leader.byChain')} id="by-chain">
          <DataTable
            rows={data.byChain}
            caption={t('leader.byChain')}
            columns={[
              { label: t('stats.by.chain'), render: (r) => r.label || t('stats.unspecified') },
              { label: t('stats.paired'), render: (r) => r.activity.paired },
              { label: t('stats.onsite'), render: (r) => r.activity.onsite },
              { label: t('stats.raised'), render: (r) => r.problems.raised },
              { label: t('stats.closeRate'), render: (r) => <RateText rate={r.rates.closeRate} /> },
              { label: t('stats.overdue'), render: (r) => r.problems.overdue },
              { label: satisfiedLabel(t, scale), render: (r) => <Satisfied row={r} /> },
            ]}
          />
        </Section>
      )}
      <p>
        <a class="button" href={`/admin/report?${query}`}>
          {t('report.title')}
        </a>
      </p>
    </AdminShell>
  );
}
