// 工作日历: the year's 法定节假日 and 调休 working days, a date per line, or a CSV of dates. Works without JavaScript.
import type { CalendarIssue } from '../../../schema/inputs/calendar';
import { AdminShell } from '../../components/admin-shell';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';

type Row = { date: string; kind: 'holiday' | 'workday'; note: string };
type Props = { year: number; rows: Row[]; values: Record<string, string>; issues: CalendarIssue[]; saved: boolean };

const reasonKey = (r: CalendarIssue['reason']): MessageKey => `calendar.err.${r}`;

export function CalendarPage({ year, rows, values, issues, saved }: Props) {
  const { t } = usePage();
  const where = (line: number) =>
    line === 0 ? '' : line > 0 ? t('calendar.lineHoliday', { line }) : t('calendar.lineWorkday', { line: -line });
  return (
    <AdminShell title={t('calendar.title', { year })}>
      <nav class="actions" aria-label={t('calendar.years')}>
        <a href={`/admin/calendar?year=${year - 1}`}>{t('calendar.year', { year: year - 1 })}</a>
        <strong>{t('calendar.year', { year })}</strong>
        <a href={`/admin/calendar?year=${year + 1}`}>{t('calendar.year', { year: year + 1 })}</a>
      </nav>
      <p>{t('calendar.intro')}</p>
      {rows.length === 0 && <p class="alert">{t('ledgerHome.calendarMissing', { year })}</p>}
      {saved && <p class="notice">{t('calendar.saved', { n: rows.length })}</p>}
      {issues.length > 0 && (
        <div class="alert" role="alert">
          <p>{t('calendar.refused')}</p>
          <ul class="errors">
            {issues.map((i) => (
              <li>
                {where(i.line)}
                {t(reasonKey(i.reason), { year, text: i.text })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action={`/admin/calendar?year=${year}`} class="card">
        <div class="grid2">
          <div class="field">
            <label for="holidays">{t('calendar.holidays')}</label>
            <textarea id="holidays" name="holidays" rows={12} maxLength={4000} value={values.holidays ?? ''} />
            <small class="hint">{t('calendar.linesHint')}</small>
          </div>
          <div class="field">
            <label for="workdays">{t('calendar.workdays')}</label>
            <textarea id="workdays" name="workdays" rows={12} maxLength={4000} value={values.workdays ?? ''} />
            <small class="hint">{t('calendar.workdaysHint')}</small>
          </div>
        </div>
        <button type="submit" class="primary">
          {t('action.save')}
        </button>
      </form>
      <form method="post" action={`/admin/calendar/import?year=${year}`} enctype="multipart/form-data" class="card">
        <div class="field">
          <label for="calendar-file">{t('calendar.import')}</label>
          <input id="calendar-file" type="file" name="file" accept=".csv,text/csv" required />
          <small class="hint">{t('calendar.importHint')}</small>
        </div>
        <button type="submit">{t('calendar.importButton')}</button>
      </form>
    </AdminShell>
  );
}
