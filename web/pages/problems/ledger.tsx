// 问题台账 (工作任务落实分解台账): every problem the reader may see, filtered with a GET form (works
// without JavaScript, bookmarkable), paged.
import { PROBLEM_CATEGORIES, PROBLEM_STATUSES } from '../../../schema/memo-tables';
import { DataTable, Pager } from '../../components/data-table';
import { usePage } from '../../context';
import { categoryKey, ProblemStatus, statusKey } from './labels';
import { LedgerShell } from './shell';

type Row = {
  id: string;
  code: string;
  category: (typeof PROBLEM_CATEGORIES)[number];
  description: string;
  raisedOn: string;
  status: (typeof PROBLEM_STATUSES)[number];
  due: string | null;
  overdue: boolean;
  struckOff: boolean;
  enterpriseName: string;
  officerName: string;
  leadUnitName: string | null;
};
type Option = { id: string; name: string };
type Props = {
  rows: Row[];
  total: number;
  page: number;
  hasNext: boolean;
  /** The filters as given, to refill the form and keep them across pages. */
  query: Record<string, string>;
  options: { units: Option[]; chains: Option[]; enterprises: Option[]; officers: Option[] };
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

export function LedgerPage({ rows, total, page, hasNext, query, options }: Props) {
  const { t } = usePage();
  const q = (k: string) => query[k] ?? '';
  const ids = (list: Option[]) => list.map((o) => ({ value: o.id, label: o.name }));
  return (
    <LedgerShell title={t('problem.ledger')}>
      <form method="get" class="search" aria-label={t('problem.filter.title')}>
        <Select
          name="status"
          label={t('problem.status')}
          value={q('status')}
          options={PROBLEM_STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))}
        />
        <label>
          <input type="checkbox" name="overdue" value="1" checked={q('overdue') === '1'} /> {t('problem.overdueOnly')}
        </label>
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
      <DataTable
        rows={rows}
        columns={[
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
          { label: t('problem.deadline'), render: (p) => p.due ?? '' },
          { label: t('problem.status'), render: (p) => <ProblemStatus status={p.status} struckOff={p.struckOff} overdue={p.overdue} /> },
        ]}
      />
      <Pager page={page} total={total} hasNext={hasNext} query={query} />
    </LedgerShell>
  );
}
