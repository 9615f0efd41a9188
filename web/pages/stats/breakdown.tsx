import { BREAKDOWNS, type Breakdown } from '../../../schema/inputs/stats';
import { monthEnd } from '../../../schema/rules/china-time';
import { pct, rate } from '../../../schema/rules/figures';
import type { SatisfactionScale } from '../../../schema/rules/satisfaction';
import type { BreakdownRow } from '../../../worker/stats/dashboard';
import { AdminShell } from '../../components/admin-shell';
import { BarChart } from '../../components/charts/bar-chart';
import { Pager, TableScroll } from '../../components/data-table';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';
import { ClaimsSection, type ClaimTable } from './claims';
import { type Filter, FilterForm, Section, StatsNav, satisfiedLabel } from './parts';
import { ActivityTable, categoryKey, noneKey, ProblemTable, SatisfactionCell } from './tables';

type Props = {
  filter: Filter;
  query: string;
  by: Breakdown;
  rows: BreakdownRow[];
  scale: SatisfactionScale;
  /** The claims cross-check, by unit and by officer only: the period's latest closed round. */
  claims: ClaimTable[];
  /** The closed rounds of the period that check claims, all of them on /admin/stats/claims. */
  claimRounds?: number;
  /** Which slice of the groups this page shows (BREAKDOWN_PAGE a page), when there are more. */
  pager?: { page: number; total: number; hasNext: boolean };
  k: number;
};

/** The ledger filter a group maps to (the ledger has no region or month filter: those link by period only). */
const LEDGER_FILTER: Partial<Record<Breakdown, string>> = { unit: 'unit', officer: 'officer', chain: 'chain', category: 'category' };

export function StatsBreakdownPage({ filter, query, by, rows, scale, claims, claimRounds = 0, pager, k }: Props) {
  const { t } = usePage();
  const labelOf = (r: BreakdownRow) => {
    if (by === 'category') return t(categoryKey(r.key));
    if (by === 'unit' && r.key) return <a href={`/admin/stats/units/${r.key}?${query}`}>{r.label}</a>;
    if (by === 'officer' && r.key) return <a href={`/admin/stats/officers/${r.key}?${query}`}>{r.label}</a>;
    return r.label || r.key || t(noneKey(by));
  };
  const plain = (r: BreakdownRow) => (by === 'category' ? t(categoryKey(r.key)) : r.label || r.key || t(noneKey(by)));
  const filterOf = (r: BreakdownRow) => {
    const name = LEDGER_FILTER[by];
    if (by === 'month' && r.key) return { from: `${r.key}-01`, to: monthEnd(r.key) };
    return name && r.key ? { [name]: r.key } : {};
  };
  const byLabel = t(`stats.by.${by}` as MessageKey);
  return (
    <AdminShell title={t('stats.breakdownTitle', { by: byLabel })}>
      <FilterForm filter={filter} hidden={{ by }} />
      <StatsNav query={query} current="/admin/stats/breakdown" />
      <nav class="actions" aria-label={t('stats.breakdowns')}>
        {BREAKDOWNS.map((b) => (
          <a href={`/admin/stats/breakdown?${query}&by=${b}`} aria-current={b === by ? 'page' : undefined}>
            {t(`stats.by.${b}` as MessageKey)}
          </a>
        ))}
      </nav>
      {/* The groups come BREAKDOWN_PAGE a page: the pager once, above the tables, when there is more than one. */}
      {pager && (pager.page > 1 || pager.hasNext) && (
        <Pager
          page={pager.page}
          hasNext={pager.hasNext}
          total={pager.total}
          query={{ ...Object.fromEntries(new URLSearchParams(query)), by }}
        />
      )}
      <Section title={t('stats.problemsBy', { by: byLabel })} id="problems">
        <BarChart
          id="breakdown-chart"
          title={t('stats.closeRateBy', { by: byLabel })}
          desc={t('stats.byCategoryDesc')}
          bars={rows
            .filter((r) => r.problems)
            .map((r) => {
              const r2 = rate(r.problems?.dueClosed ?? 0, r.problems?.due ?? 0);
              return { label: plain(r), value: r2.value, text: pct(r2.value) };
            })}
        />
        <ProblemTable period={filter} rows={rows.map((r) => ({ label: labelOf(r), group: r.problems, filters: filterOf(r) }))} />
      </Section>
      {by !== 'category' && (
        <Section title={t('stats.activityBy', { by: byLabel })} id="activity">
          <ActivityTable rows={rows.map((r) => ({ label: labelOf(r), group: r.activity, filters: {} }))} />
        </Section>
      )}
      {by !== 'category' && (
        <Section title={t('stats.satisfactionBy', { by: byLabel })} id="satisfaction">
          <TableScroll label={t('stats.satisfactionBy', { by: byLabel })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('stats.group')}</th>
                  <th scope="col">{satisfiedLabel(t, scale)}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <th scope="row">{labelOf(r)}</th>
                    <td>
                      <SatisfactionCell sat={r.satisfaction} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Section>
      )}
      {(by === 'unit' || by === 'officer') && (
        <ClaimsSection
          tables={claims}
          by={by}
          k={k}
          every={claimRounds > 1 ? { rounds: claimRounds, href: `/admin/stats/claims?${query}` } : undefined}
        />
      )}
    </AdminShell>
  );
}
