// What a leader (领导, issue 19) reads on the dashboard: the figures of their scope only — the whole
// programme, one chain or one region, as the admin set it on the account (never from the query string).
// A chain or a region is its row of the breakdown by that dimension (the same rollups and GROUP BY
// queries the admin's breakdown pages read, so the figures agree exactly); the whole programme adds a
// table by chain. Satisfaction leaves the office here, so complementary suppression applies
// (schema/rules/suppression.ts): a group under k, and whatever would let it be derived, shows 样本不足.
import { type ProblemRates, problemRates, ZERO_PROBLEMS } from '../../schema/rules/figures';
import type { Satisfaction } from '../../schema/rules/satisfaction';
import { suppress } from '../../schema/rules/suppression';
import type { LeaderView } from '../admin/leaders.queries';
import type { Db } from '../app-env';
import type { ActivityGroup } from './activity.queries';
import type { StatsConfig } from './config';
import { type BreakdownRow, breakdown, headlineFigures } from './dashboard';
import type { Scope } from './period';
import { NO_MEDIANS } from './problem-counts.queries';
import type { ProblemGroup } from './problems.queries';

export type LeaderRow = {
  key: string | null;
  label: string | null;
  activity: ActivityGroup;
  problems: ProblemGroup;
  rates: ProblemRates;
  /** Null when suppressed for a leader (under k, or hidden to protect a group under k). */
  satisfaction: Satisfaction | null;
  responses: number;
};

export type LeaderDashboard = { scope: LeaderView; total: LeaderRow; byChain: LeaderRow[] };

const NO_ACTIVITY = { enterprises: 0, contacts: 0, onsite: 0, paired: 0, pairs: 0, met: 0 };

function rowOf(
  key: string | null,
  label: string | null,
  activity: ActivityGroup | undefined,
  problems: ProblemGroup | undefined,
  satisfaction: Satisfaction | undefined,
  hidden: boolean,
): LeaderRow {
  const p = problems ?? { ...ZERO_PROBLEMS, key, label, ...NO_MEDIANS };
  const responses = satisfaction?.responses ?? 0;
  return {
    key,
    label,
    activity: activity ?? { key, label, ...NO_ACTIVITY },
    problems: p,
    rates: problemRates(p),
    satisfaction: satisfaction && !hidden && !satisfaction.suppressed ? satisfaction : null,
    responses,
  };
}

export async function leaderDashboard(db: Db, scope: Scope, view: LeaderView, cfg: StatsConfig): Promise<LeaderDashboard> {
  const by = view.chainId === null && view.region !== null ? 'region' : 'chain';
  const scoped = view.chainId ?? view.region;
  // The admin's breakdown by the same dimension (dashboard.ts), so the figures agree exactly; the whole
  // programme's totals are the headline figures of the overview.
  const [{ rows }, totals] = await Promise.all([breakdown(db, scope, by, cfg), scoped === null ? headlineFigures(db, scope, cfg) : null]);
  const figures = (r: BreakdownRow | undefined) =>
    [r?.activity ?? undefined, r?.problems ?? undefined, r?.satisfaction ?? undefined] as const;
  if (totals === null) {
    // One group shown and no total: it is hidden only when under k itself.
    const row = rows.find((r) => r.key === scoped);
    const hidden = suppress([{ n: row?.satisfaction?.responses ?? 0 }], cfg.k, false).hidden[0] ?? false;
    return { scope: view, total: rowOf(scoped, view.label, ...figures(row), hidden), byChain: [] };
  }
  // The chains partition the answers and the programme's figure is shown beside them (DESIGN §6).
  const s = suppress(
    rows.map((r) => ({ n: r.satisfaction?.responses ?? 0 })),
    cfg.k,
    true,
  );
  const byChain = rows.map((r, i) => rowOf(r.key, r.label, ...figures(r), s.hidden[i] ?? false));
  const total = rowOf('all', null, totals.activity, totals.problems, totals.survey.overall, !s.total);
  return { scope: view, total, byChain };
}
