import type { RoundRow } from '../../../worker/stats/survey.queries';
import { AdminShell } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';
import { type Filter, FilterForm, Section, StatsNav } from './parts';

const METRICS = ['items', 'rounds', 'unit', 'officer', 'chain', 'region', 'category', 'month'] as const;

/** /admin/exports: every CSV with the current filters; files open in Excel as UTF-8 (BOM). */
export function ExportsPage({ filter, rounds }: { filter: Filter; rounds: RoundRow[] }) {
  const { t } = usePage();
  const q = new URLSearchParams({ programme: filter.programmeId, from: filter.from, to: filter.to }).toString();
  return (
    <AdminShell title={t('export.title')}>
      <FilterForm filter={filter} />
      <StatsNav query={q} />
      <p class="muted">{t('export.intro')}</p>
      <Section title={t('export.records')} id="records">
        <ul>
          <li>
            <a href={`/admin/exports/problems.csv?${q}`}>{t('export.problems')}</a>
          </li>
          <li>
            <a href={`/admin/exports/memos.csv?${q}`}>{t('export.memos')}</a>
          </li>
        </ul>
      </Section>
      <Section title={t('export.rounds')} id="rounds">
        <DataTable
          rows={rounds}
          columns={[
            { label: t('stats.round'), render: (r) => r.name },
            { label: t('stats.submitted'), render: (r) => r.submitted },
            {
              label: t('export.files'),
              render: (r) => (
                <>
                  <a href={`/admin/exports/responses.csv?campaign=${r.id}`}>{t('export.responses')}</a>{' '}
                  <a href={`/admin/exports/invitations.csv?campaign=${r.id}`}>{t('export.invitations')}</a>
                </>
              ),
            },
          ]}
        />
      </Section>
      <Section title={t('export.metrics')} id="metrics">
        <ul>
          {METRICS.map((m) => (
            <li>
              <a href={`/admin/exports/metrics/${m}.csv?${q}`}>{t(`export.metric.${m}` as MessageKey)}</a>
            </li>
          ))}
        </ul>
      </Section>
    </AdminShell>
  );
}
