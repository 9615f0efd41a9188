import type { RoundRow } from '../../../worker/stats/survey.queries';
import { AdminShell } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';
import { type Filter, FilterForm, Section, StatsNav } from './parts';

const METRICS = ['items', 'rounds', 'unit', 'officer', 'chain', 'region', 'category', 'month'] as const;

/** One file in both formats: the .xlsx first (what Excel and WPS should open), then the CSV. */
function Files({ label, path, query }: { label: string; path: string; query: string }) {
  const { t } = usePage();
  const href = (ext: string) => `${path}.${ext}${query ? `?${query}` : ''}`;
  return (
    <>
      <a href={href('xlsx')}>
        {label}（{t('export.xlsx')}）
      </a>{' '}
      ·{' '}
      <a href={href('csv')}>
        {t('export.csv')}
        <span class="sr">（{label}）</span>
      </a>
    </>
  );
}

/** /admin/exports: every file with the current filters, as .xlsx and as CSV (UTF-8 with BOM). */
export function ExportsPage({ filter, rounds }: { filter: Filter; rounds: RoundRow[] }) {
  const { t } = usePage();
  const q = new URLSearchParams({ programme: filter.programmeId, from: filter.from, to: filter.to }).toString();
  return (
    <AdminShell title={t('export.title')}>
      <FilterForm filter={filter} />
      <StatsNav query={q} current="/admin/exports" />
      <p class="muted">{t('export.intro')}</p>
      <Section title={t('export.records')} id="records">
        <ul>
          <li>
            <Files label={t('export.problems')} path="/admin/exports/problems" query={q} />
          </li>
          <li>
            <Files label={t('export.memos')} path="/admin/exports/memos" query={q} />
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
                <ul class="downloads">
                  <li>
                    <Files label={t('export.responses')} path="/admin/exports/responses" query={`campaign=${r.id}`} />
                  </li>
                  <li>
                    <Files label={t('export.invitations')} path="/admin/exports/invitations" query={`campaign=${r.id}`} />
                  </li>
                </ul>
              ),
            },
          ]}
        />
      </Section>
      <Section title={t('export.metrics')} id="metrics">
        <ul>
          {METRICS.map((m) => (
            <li>
              <Files label={t(`export.metric.${m}` as MessageKey)} path={`/admin/exports/metrics/${m}`} query={q} />
            </li>
          ))}
        </ul>
      </Section>
    </AdminShell>
  );
}
