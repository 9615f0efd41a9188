// A unit handler's list of the problems dispatched to the unit (主办 or 协办), phone-first: one card per
// problem with the enterprise's name and contact, the deadline and the state; supervised problems come
// first and in red (issue 15). No memo, no officer, no figure: nothing else is the handler's.
import { PROBLEM_STATUSES } from '../../../schema/memo-tables';
import { deadlineInForce, isOverdue } from '../../../schema/rules/due-date';
import { Pager } from '../../components/data-table';
import { usePage } from '../../context';
import { Layout } from '../../layout';
import { categoryKey, Deadline, ProblemStatus, statusKey } from './labels';
import type { LedgerRowView } from './ledger';

export type QueueRow = LedgerRowView & {
  contactName: string;
  contactPhone: string;
  superviseBy: string | null;
  requestedDeadline: string | null;
};

/** The cards of a unit's problems; the home page shows the open ones, the ledger all of them. */
export function QueueCards({ rows, today }: { rows: QueueRow[]; today: string }) {
  const { t } = usePage();
  if (rows.length === 0) return <p class="empty">{t('list.empty')}</p>;
  return (
    <ul class="cards">
      {rows.map((p) => (
        <li class={p.supervised ? 'card supervised' : 'card'} data-problem={p.id} data-supervised={p.supervised ? '1' : undefined}>
          <h3>
            <a href={`/problems/${p.id}`}>{p.code}</a> · {t(categoryKey(p.category))}
          </h3>
          <p>
            <strong>{p.enterpriseName}</strong>
            {(p.contactName || p.contactPhone) && (
              <span class="muted">
                {' '}
                · {p.contactName} {p.contactPhone && <a href={`tel:${p.contactPhone}`}>{p.contactPhone}</a>}
              </span>
            )}
          </p>
          <p>{p.description.length > 80 ? `${p.description.slice(0, 80)}…` : p.description}</p>
          <p>
            <ProblemStatus status={p.status} overdue={isOverdue(p, today)} supervised={p.supervised} /> · {t('problem.deadline')}{' '}
            <Deadline due={deadlineInForce(p)} provisional={p.deadlineProvisional} />
            {p.supervised && p.superviseBy && <strong class="error"> · {t('problem.respondByShort', { date: p.superviseBy })}</strong>}
          </p>
        </li>
      ))}
    </ul>
  );
}

type Props = { rows: QueueRow[]; total: number; page: number; hasNext: boolean; today: string; query: Record<string, string> };

export function UnitQueuePage({ rows, total, page, hasNext, today, query }: Props) {
  const { t } = usePage();
  return (
    <Layout title={t('problem.queue')}>
      <h1>{t('problem.queue')}</h1>
      <p class="muted">{t('problem.queueIntro')}</p>
      <form method="get" class="search" aria-label={t('problem.filter.title')}>
        <label>
          {t('problem.status')}{' '}
          <select name="status">
            <option value="">{t('problem.filter.all')}</option>
            {PROBLEM_STATUSES.filter((s) => s !== 'pending').map((s) => (
              <option value={s} selected={query.status === s}>
                {t(statusKey(s))}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" name="overdue" value="1" checked={query.overdue === '1'} /> {t('problem.overdueOnly')}
        </label>
        <button type="submit">{t('problem.filter.apply')}</button>
      </form>
      <QueueCards rows={rows} today={today} />
      <Pager page={page} total={total} hasNext={hasNext} query={query} />
    </Layout>
  );
}
