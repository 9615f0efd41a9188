import type { TodoList, UnitLoad } from '../../../worker/problems/todo-list.queries';
import { ADMIN_SECTIONS, AdminShell } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';
import { TodoPanel } from '../todos';

type Alerts = { lateDispatch: number; failedDeliveries: number; calendarMissing: string | null };

/** The programme office's landing page: its 待办, what needs attention, overdue problems per unit, the sections. */
export function AdminHomePage({ todos, loads, alerts }: { todos: TodoList; loads: UnitLoad[]; alerts: Alerts }) {
  const { t } = usePage();
  return (
    <AdminShell title={t('admin.title')}>
      {alerts.calendarMissing && (
        <p class="alert" data-calendar-missing>
          {t('ledgerHome.calendarMissing', { year: alerts.calendarMissing })}{' '}
          <a href={`/admin/calendar?year=${alerts.calendarMissing}`}>{t('ledgerHome.enterCalendar')}</a>
        </p>
      )}
      {alerts.lateDispatch > 0 && (
        <p class="alert">
          <a href="/problems?late=1">{t('ledgerHome.lateDispatch', { n: alerts.lateDispatch })}</a>
        </p>
      )}
      {alerts.failedDeliveries > 0 && (
        <p class="alert">
          <a href="/admin/notifications">{t('ledgerHome.failedDeliveries', { n: alerts.failedDeliveries })}</a>
        </p>
      )}
      <TodoPanel todos={todos} />
      <section aria-labelledby="loads-title">
        <h2 id="loads-title">{t('ledgerHome.overdueByUnit')}</h2>
        {loads.every((l) => l.overdue === 0) && <p class="muted">{t('ledgerHome.noOverdue')}</p>}
        <DataTable
          rows={loads}
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
      </section>
      <p>{t('admin.intro')}</p>
      <ul class="tiles">
        {ADMIN_SECTIONS.map((s) => (
          <li>
            <a href={s.href}>{t(s.label)}</a>
          </li>
        ))}
      </ul>
    </AdminShell>
  );
}
