import { chinaDateTime } from '../../../schema/rules/china-time';
import { pct, rate } from '../../../schema/rules/figures';
import type { DayRow } from '../../../worker/surveys/reminders.queries';
import type { LoadedRound } from '../../../worker/surveys/round-load';
import type { InvitationRow } from '../../../worker/surveys/rounds.queries';
import { AdminShell } from '../../components/admin-shell';
import { ColumnChart } from '../../components/charts/column-chart';
import { DataTable } from '../../components/data-table';
import type { FormState } from '../../components/fields';
import { usePage } from '../../context';
import { progressText, StateBadge } from './rounds';

type Props = { round: LoadedRound; rows: InvitationRow[]; days: DayRow[]; form: FormState; canRemind: boolean };

/** Answers and reminders per day as columns (an SVG with its own title and text), and the same as a table. */
function DailyChart({ round, days }: { round: LoadedRound; days: DayRow[] }) {
  const { t } = usePage();
  if (days.length === 0) return <p class="empty">{t('remind.noDays')}</p>;
  let total = 0;
  const cumulative = days.map((d) => {
    total += d.submitted;
    return total;
  });
  return (
    <>
      <div class="daily-chart">
        <ColumnChart
          id="daily-responses"
          title={t('remind.chartTitle', { name: round.name })}
          desc={t('remind.chartDesc')}
          categories={days.map((d) => d.day)}
          series={[
            { name: t('remind.series.submitted'), values: days.map((d) => d.submitted) },
            { name: t('remind.series.reminded'), values: days.map((d) => d.reminded) },
          ]}
        />
      </div>
      <DataTable
        rows={days.map((d, i) => ({ ...d, cumulative: cumulative[i] ?? 0 }))}
        columns={[
          { label: t('remind.day'), render: (d) => d.day },
          { label: t('remind.series.submitted'), render: (d) => d.submitted },
          { label: t('remind.series.reminded'), render: (d) => d.reminded },
          { label: t('remind.cumulativeRate'), render: (d) => pct(rate(d.cumulative, round.invited).value) },
        ]}
      />
    </>
  );
}

/**
 * 催答: the enterprises of a round that have not answered, to call or message, with when each was last
 * reminded and how often. One form marks a single row (its own button), the ticked rows, or all; it
 * works without JavaScript. The product sends nothing itself: marking records the office's own reminder.
 */
export function RemindersPage({ round, rows, days, form, canRemind }: Props) {
  const { t } = usePage();
  const base = `/admin/rounds/${round.id}`;
  const error = form.errors.ids;
  return (
    <AdminShell title={t('remind.pageTitle', { name: round.name })}>
      <p class="state-line">
        <StateBadge state={round.state} /> <a href={base}>{round.name}</a> · {progressText(round, t)}
      </p>
      <ul class="downloads">
        <li>
          <a href={`${base}/reminders/sheet`}>{t('remind.sheet')}</a>
        </li>
        <li>
          <a href={`${base}/reminders.csv`} download>
            {t('remind.csv')}
          </a>
        </li>
      </ul>
      <h2>{t('remind.daily')}</h2>
      <DailyChart round={round} days={days} />
      <h2>{t('remind.pending', { n: rows.length })}</h2>
      {error && (
        <p class="alert" role="alert">
          {error}
        </p>
      )}
      <form method="post" action={`${base}/reminders`}>
        <DataTable
          rows={rows}
          columns={[
            ...(canRemind
              ? [
                  {
                    label: t('remind.select'),
                    render: (r: InvitationRow) => (
                      <input type="checkbox" name="ids" value={r.id} aria-label={t('remind.selectOne', { name: r.enterprise })} />
                    ),
                  },
                ]
              : []),
            { label: t('round.enterprise'), render: (r) => r.enterprise },
            { label: t('round.contact'), render: (r) => r.contactName },
            { label: t('round.phone'), render: (r) => (r.contactPhone ? <a href={`tel:${r.contactPhone}`}>{r.contactPhone}</a> : '') },
            {
              label: t('round.inviteStatus'),
              render: (r) => t(r.openedAt ? 'round.inviteStatus.openedShort' : 'round.inviteStatus.created'),
            },
            { label: t('remind.lastAt'), render: (r) => (r.remindedAt ? chinaDateTime(r.remindedAt) : t('remind.never')) },
            { label: t('remind.times'), render: (r) => r.reminded },
            ...(canRemind
              ? [
                  {
                    label: t('list.actions'),
                    render: (r: InvitationRow) => (
                      <button type="submit" class="link" name="only" value={r.id}>
                        {t('remind.mark')}
                        <span class="sr">（{r.enterprise}）</span>
                      </button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {canRemind && rows.length > 0 && (
          <div class="actions">
            <button type="submit" name="bulk" value="selected">
              {t('remind.markSelected')}
            </button>
            <button type="submit" name="bulk" value="all">
              {t('remind.markAll', { n: rows.length })}
            </button>
          </div>
        )}
      </form>
    </AdminShell>
  );
}
