import { chinaDateTime } from '../../../schema/rules/china-time';
import { pct, rate } from '../../../schema/rules/figures';
import type { AdminNumbers } from '../../../worker/admin/home.queries';
import type { TodoList, UnitLoad } from '../../../worker/problems/todo-list.queries';
import { AdminShell } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';
import { TodoPanel } from '../todos';

type Alerts = { lateDispatch: number; failedDeliveries: number; calendarMissing: string | null };
type Ledger = { todos: TodoList; loads: UnitLoad[]; alerts: Alerts };

/**
 * The programme office's landing page (issue 17): the rounds open now with their response rates, and
 * the ledger's queues — live numbers, each linking to the list behind it — instead of tiles that
 * repeat the menu; and the supervised ledger's (issue 15): the office's 待办, what needs attention (交办超时,
 * failed notifications, a year without its working-day calendar) and the overdue problems per unit.
 */
export function AdminHomePage({ numbers: n, ledger }: { numbers: AdminNumbers; ledger: Ledger }) {
  const { t } = usePage();
  const queues = [
    { label: t('home.admin.pending'), value: n.pending, href: '/problems?status=pending' },
    { label: t('home.admin.strikeOff'), value: n.awaitingStrikeOff, href: '/problems?status=closed' },
    { label: t('home.admin.overdue'), value: n.overdue, href: '/problems?overdue=1' },
  ];
  return (
    <AdminShell title={t('admin.title')}>
      {ledger.alerts.calendarMissing && (
        <p class="alert" data-calendar-missing>
          {t('ledgerHome.calendarMissing', { year: ledger.alerts.calendarMissing })}{' '}
          <a href={`/admin/calendar?year=${ledger.alerts.calendarMissing}`}>{t('ledgerHome.enterCalendar')}</a>
        </p>
      )}
      {ledger.alerts.lateDispatch > 0 && (
        <p class="alert">
          <a href="/problems?late=1">{t('ledgerHome.lateDispatch', { n: ledger.alerts.lateDispatch })}</a>
        </p>
      )}
      {ledger.alerts.failedDeliveries > 0 && (
        <p class="alert">
          <a href="/admin/notifications">{t('ledgerHome.failedDeliveries', { n: ledger.alerts.failedDeliveries })}</a>
        </p>
      )}
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
      <TodoPanel todos={ledger.todos} />
      <section aria-labelledby="loads-title">
        <h2 id="loads-title">{t('ledgerHome.overdueByUnit')}</h2>
        {ledger.loads.every((l) => l.overdue === 0) && <p class="muted">{t('ledgerHome.noOverdue')}</p>}
        {ledger.loads.length > 0 && (
          <DataTable
            rows={ledger.loads}
            columns={[
              { label: t('ledgerHome.unit'), render: (l) => <a href={`/problems?unit=${l.unitId}`}>{l.unitName}</a> },
              { label: t('ledgerHome.open'), render: (l) => l.open },
              {
                label: t('ledgerHome.overdue'),
                render: (l) =>
                  l.overdue > 0 ? (
                    <a href={`/problems?unit=${l.unitId}&overdue=1`} class="error">
                      {l.overdue}
                    </a>
                  ) : (
                    0
                  ),
              },
              { label: t('ledgerHome.supervised'), render: (l) => l.supervised },
              { label: t('ledgerHome.notice'), render: (l) => <a href={`/admin/notice/${l.unitId}`}>{t('ledgerHome.notice')}</a> },
            ]}
          />
        )}
      </section>
    </AdminShell>
  );
}
