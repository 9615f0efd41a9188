import { chinaDateTime } from '../../../schema/rules/china-time';
import { pct, rate } from '../../../schema/rules/figures';
import type { AdminNumbers } from '../../../worker/admin/home.queries';
import { AdminShell } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';

/**
 * The programme office's landing page (issue 17): the rounds open now with their response rates, and
 * the ledger's queues — live numbers, each linking to the list behind it — instead of tiles that
 * repeat the menu.
 */
export function AdminHomePage({ numbers: n }: { numbers: AdminNumbers }) {
  const { t } = usePage();
  const queues = [
    { label: t('home.admin.pending'), value: n.pending, href: '/problems?status=pending' },
    { label: t('home.admin.strikeOff'), value: n.awaitingStrikeOff, href: '/problems?status=closed' },
    { label: t('home.admin.overdue'), value: n.overdue, href: '/problems?overdue=1' },
  ];
  return (
    <AdminShell title={t('admin.title')}>
      <section aria-labelledby="open-rounds">
        <h2 id="open-rounds">{t('home.admin.openRounds', { n: n.open.length })}</h2>
        {n.open.length > 0 && (
          <DataTable
            rows={n.open}
            columns={[
              { label: t('round.name'), render: (r) => <a href={`/admin/rounds/${r.id}`}>{r.name}</a> },
              { label: t('round.programme'), render: (r) => r.programme },
              { label: t('round.closesAt'), render: (r) => chinaDateTime(r.closesAt) },
              {
                label: t('round.progress'),
                render: (r) => t('round.counts', { invited: r.invited, opened: r.opened, submitted: r.submitted }),
              },
              { label: t('home.admin.responseRate'), render: (r) => <strong>{pct(rate(r.submitted, r.invited).value)}</strong> },
              { label: t('list.actions'), render: (r) => <a href={`/admin/rounds/${r.id}/reminders`}>{t('remind.title')}</a> },
            ]}
          />
        )}
        <p>
          <a href="/admin/rounds">{t('home.admin.otherRounds', { drafts: n.drafts, scheduled: n.scheduled })}</a>
        </p>
      </section>
      <section aria-labelledby="queues">
        <h2 id="queues">{t('home.admin.queues')}</h2>
        <ul class="tiles figures">
          {queues.map((q) => (
            <li>
              <a href={q.href}>
                <strong>{q.value}</strong> {q.label}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </AdminShell>
  );
}
