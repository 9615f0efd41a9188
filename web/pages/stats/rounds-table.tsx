import { one } from '../../../schema/rules/figures';
import type { SatisfactionScale } from '../../../schema/rules/satisfaction';
import type { RoundFigures } from '../../../worker/stats/satisfaction';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';
import { RateText, Suppressed, satisfiedLabel } from './parts';
import { SatisfactionCell } from './tables';

/** Rounds with response rates and satisfaction; each links to its statistics and to its admin page. */
export function RoundsTable({ rounds, query, scale }: { rounds: RoundFigures[]; query: string; scale: SatisfactionScale }) {
  const { t } = usePage();
  return (
    <DataTable
      caption={t('stats.rounds')}
      rows={rounds}
      columns={[
        {
          label: t('stats.round'),
          render: (r) => (
            <>
              <a href={`/admin/stats/rounds/${r.id}?${query}`}>{r.name}</a>{' '}
              <small>
                (<a href={`/admin/rounds/${r.id}`}>{t('stats.roundAdmin')}</a>)
              </small>
            </>
          ),
        },
        { label: t('stats.invited'), render: (r) => r.invited },
        { label: t('stats.submitted'), render: (r) => r.submitted },
        { label: t('stats.responseRate'), render: (r) => <RateText rate={r.responseRate} /> },
        { label: t('stats.openedRate'), render: (r) => <RateText rate={r.openedRate} /> },
        { label: satisfiedLabel(t, scale), render: (r) => <SatisfactionCell sat={r.satisfaction} /> },
        {
          label: t('stats.composite'),
          render: (r) => (r.satisfaction.suppressed ? <Suppressed n={r.submitted} /> : one(r.satisfaction.composite)),
        },
      ]}
    />
  );
}
