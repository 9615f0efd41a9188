// 问题台账 (工作任务落实分解台账): every problem the reader may see, filtered with a GET form (works
// without JavaScript, bookmarkable), paged. Admins tick 待交办 rows and dispatch them together (批量交办):
// the checkboxes belong to the bulk form through their `form` attribute, so the table stays one table.
import { PROBLEM_CATEGORIES, PROBLEM_STATUSES } from '../../../schema/memo-tables';
import { deadlineInForce, isOverdue } from '../../../schema/rules/due-date';
import { DataTable, Pager } from '../../components/data-table';
import { type FormState, SelectField, TextField } from '../../components/fields';
import { usePage } from '../../context';
import { TextAreaField } from '../memos/controls';
import { categoryKey, Deadline, ProblemStatus, statusKey } from './labels';
import { LedgerShell } from './shell';

export type LedgerRowView = {
  id: string;
  code: string;
  category: (typeof PROBLEM_CATEGORIES)[number];
  description: string;
  raisedOn: string;
  status: (typeof PROBLEM_STATUSES)[number];
  deadline: string;
  deadlineProvisional: boolean;
  extendedDeadline: string | null;
  supervised: boolean;
  enterpriseName: string;
  officerName: string;
  leadUnitName: string | null;
};
type Option = { id: string; name: string };
type Props = {
  rows: LedgerRowView[];
  total: number;
  page: number;
  hasNext: boolean;
  today: string;
  /** A 待交办 problem raised on or before this day is 交办超时. */
  lateOn: string;
  /** The filters as given, to refill the form and keep them across pages. */
  query: Record<string, string>;
  options: { units: Option[]; chains: Option[]; enterprises: Option[]; officers: Option[] };
  /** The bulk 交办 form after a refusal. */
  bulk?: FormState;
};

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  const { t } = usePage();
  return (
    <label>
      {label}{' '}
      <select name={name}>
        <option value="">{t('problem.filter.all')}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function Flag({ name, label, on }: { name: string; label: string; on: boolean }) {
  return (
    <label>
      <input type="checkbox" name={name} value="1" checked={on} /> {label}
    </label>
  );
}

/** 批量交办: one lead unit for the ticked rows; each keeps its category's default deadline unless one is given. */
function BulkDispatch({ units, form }: { units: Option[]; form: FormState }) {
  const { t } = usePage();
  return (
    <form method="post" action="/problems/dispatch" id="bulk-dispatch" class="card" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{t('problem.bulk.title')}</h2>
      <p class="hint">{t('problem.bulk.intro')}</p>
      {form.errors.ids && (
        <p class="error" role="alert">
          {form.errors.ids}
        </p>
      )}
      <div class="grid2">
        <SelectField
          name="leadUnitId"
          label={t('problem.leadUnit')}
          form={form}
          required
          blank={t('problem.pickUnit')}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
        />
        <TextField name="deadline" label={t('problem.deadline')} form={form} type="date" hint={t('problem.keepDeadline')} />
      </div>
      <TextAreaField idPrefix="bulk-" name="note" label={t('problem.dispatchNote')} form={form} maxLength={500} rows={2} />
      <button type="submit" class="primary">
        {t('problem.bulk.apply')}
      </button>
    </form>
  );
}

export function LedgerPage({ rows, total, page, hasNext, today, lateOn, query, options, bulk }: Props) {
  const { t, user } = usePage();
  const q = (k: string) => query[k] ?? '';
  const ids = (list: Option[]) => list.map((o) => ({ value: o.id, label: o.name }));
  const admin = user?.role === 'admin';
  const picked = new Set([bulk?.values.ids ?? []].flat());
  const canBulk = admin && rows.some((r) => r.status === 'pending');
  // Folded away on a phone (issue 22) unless a filter is in force, so the list comes first.
  const filtered = Object.entries(query).some(([k, v]) => k !== 'page' && v !== '');
  return (
    <LedgerShell title={t('problem.ledger')}>
      <details class="filters" open={filtered}>
        <summary>{t('problem.filter.title')}</summary>
        <form method="get" class="search" aria-label={t('problem.filter.title')}>
          <Select
            name="status"
            label={t('problem.status')}
            value={q('status')}
            options={PROBLEM_STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))}
          />
          <Flag name="overdue" label={t('problem.overdueOnly')} on={q('overdue') === '1'} />
          {admin && <Flag name="late" label={t('problem.lateOnly')} on={q('late') === '1'} />}
          <Flag name="supervised" label={t('problem.supervisedOnly')} on={q('supervised') === '1'} />
          <Select
            name="category"
            label={t('problem.category')}
            value={q('category')}
            options={PROBLEM_CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) }))}
          />
          <Select name="unit" label={t('problem.leadUnit')} value={q('unit')} options={ids(options.units)} />
          {options.officers.length > 0 && (
            <Select name="officer" label={t('problem.officer')} value={q('officer')} options={ids(options.officers)} />
          )}
          <Select name="chain" label={t('problem.chain')} value={q('chain')} options={ids(options.chains)} />
          <Select name="enterprise" label={t('problem.enterprise')} value={q('enterprise')} options={ids(options.enterprises)} />
          <label>
            {t('problem.filter.from')} <input type="date" name="from" value={q('from')} />
          </label>
          <label>
            {t('problem.filter.to')} <input type="date" name="to" value={q('to')} />
          </label>
          <button type="submit">{t('problem.filter.apply')}</button>
          <a href="/problems">{t('problem.filter.reset')}</a>
        </form>
      </details>
      {canBulk && <BulkDispatch units={options.units} form={bulk ?? { values: {}, errors: {} }} />}
      <DataTable
        cards
        rows={rows}
        columns={[
          ...(canBulk
            ? [
                {
                  label: t('problem.bulk.title'),
                  render: (p: LedgerRowView) =>
                    p.status === 'pending' ? (
                      <input
                        type="checkbox"
                        name="ids"
                        value={p.id}
                        form="bulk-dispatch"
                        checked={picked.has(p.id)}
                        aria-label={t('problem.bulk.pick', { code: p.code })}
                      />
                    ) : (
                      ''
                    ),
                },
              ]
            : []),
          { label: t('problem.code'), render: (p) => <a href={`/problems/${p.id}`}>{p.code}</a> },
          { label: t('problem.enterprise'), render: (p) => p.enterpriseName },
          { label: t('problem.category'), render: (p) => t(categoryKey(p.category)) },
          {
            label: t('problem.description'),
            render: (p) => (p.description.length > 60 ? `${p.description.slice(0, 60)}…` : p.description),
          },
          { label: t('problem.raisedOn'), render: (p) => p.raisedOn },
          { label: t('problem.leadUnit'), render: (p) => p.leadUnitName ?? '' },
          { label: t('problem.officer'), render: (p) => p.officerName },
          { label: t('problem.deadline'), render: (p) => <Deadline due={deadlineInForce(p)} provisional={p.deadlineProvisional} /> },
          {
            label: t('problem.status'),
            render: (p) => (
              <>
                <ProblemStatus status={p.status} overdue={isOverdue(p, today)} supervised={p.supervised} />
                {admin && p.status === 'pending' && p.raisedOn <= lateOn && <strong class="error"> {t('problem.late')}</strong>}
              </>
            ),
          },
        ]}
      />
      <Pager page={page} total={total} hasNext={hasNext} query={query} />
    </LedgerShell>
  );
}
