import type { SamplingRule } from '../../../schema/inputs/rounds';
import { chinaDateTime } from '../../../schema/rules/china-time';
import { AdminShell } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';
import { describeRule, type RoundSummary, roundStatus } from './rounds';

export type RoundDetail = RoundSummary & { seed: string; rule: SamplingRule; createdAt: number };
export type DrawnRow = {
  id: string;
  enterprise: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  stratum: string | null;
  openedAt: number | null;
  submittedAt: number | null;
};

/**
 * One round: how it was drawn (seed and rule, so the draw can be re-run and checked), its progress, the
 * drawn list or only the not-yet-answered (with contacts, for reminders), and the link downloads.
 */
export function RoundPage({ round, rows, pending, now }: { round: RoundDetail; rows: DrawnRow[]; pending: boolean; now: number }) {
  const { t } = usePage();
  const base = `/admin/rounds/${round.id}`;
  return (
    <AdminShell title={round.name}>
      <dl class="card facts">
        <dt>{t('round.programme')}</dt>
        <dd>{round.programme}</dd>
        <dt>{t('round.form')}</dt>
        <dd>{t('round.formVersion', { name: round.form, version: round.version })}</dd>
        <dt>{t('round.status')}</dt>
        <dd>
          {t(roundStatus(round, now))} · {t('round.window', { from: chinaDateTime(round.opensAt), to: chinaDateTime(round.closesAt) })}
        </dd>
        <dt>{t('round.rule')}</dt>
        <dd>{describeRule(round.rule, t)}</dd>
        <dt>{t('round.seed')}</dt>
        <dd>
          <code>{round.seed}</code>
        </dd>
        <dt>{t('round.progress')}</dt>
        <dd>{t('round.counts', { invited: round.invited, opened: round.opened, submitted: round.submitted })}</dd>
      </dl>
      <h2>{t('round.downloads')}</h2>
      <ul class="downloads">
        <li>
          <a href={`${base}/links.xlsx`} download>
            {t('round.linksXlsx')}
          </a>{' '}
          ·{' '}
          <a href={`${base}/links.csv`} download>
            {t('round.linksCsv')}
          </a>
        </li>
        <li>
          <a href={`${base}/links.xlsx?pending=1`} download>
            {t('round.pendingXlsx')}
          </a>{' '}
          ·{' '}
          <a href={`${base}/links.csv?pending=1`} download>
            {t('round.pendingCsv')}
          </a>
        </li>
        <li>
          <a href={`${base}/sheet`}>{t('round.sheet')}</a>
        </li>
      </ul>
      <div class="heading">
        <h2>{t(pending ? 'round.pending' : 'round.drawn')}</h2>
        <a href={pending ? base : `${base}?pending=1`}>{t(pending ? 'round.showAll' : 'round.showPending')}</a>
      </div>
      <DataTable
        rows={rows}
        columns={[
          { label: t('round.enterprise'), render: (r) => r.enterprise },
          { label: t('round.stratum'), render: (r) => r.stratum ?? '—' },
          {
            label: t('round.inviteStatus'),
            render: (r) =>
              r.submittedAt
                ? t('round.inviteStatus.submitted', { at: chinaDateTime(r.submittedAt) })
                : r.openedAt
                  ? t('round.inviteStatus.opened', { at: chinaDateTime(r.openedAt) })
                  : t('round.inviteStatus.created'),
          },
          { label: t('round.contact'), render: (r) => r.contactName },
          { label: t('round.phone'), render: (r) => r.contactPhone },
        ]}
      />
    </AdminShell>
  );
}
