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
import { type ActivityGroup, activityBreakdown, activityTotals } from './activity.queries';
import type { StatsConfig } from './config';
import type { Scope } from './period';
import { NO_MEDIANS } from './problem-counts.queries';
import { type ProblemGroup, problemBreakdown, problemTotals } from './problems.queries';
import { groupSatisfaction, likertItems, overallSatisfaction } from './satisfaction';
import { satisfactionGroups, surveyRollups } from './survey.queries';

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
  const by = view.chainId ? 'chain' : view.region !== null ? 'region' : 'chain';
  const rollups = await surveyRollups(db, scope);
  const items = likertItems(rollups.versions);
  const [problems, activity, groups] = await Promise.all([
    problemBreakdown(db, scope, by),
    activityBreakdown(db, scope, by),
    satisfactionGroups(
      db,
      scope,
      by,
      items.map((i) => i.key),
    ).then((g) => groupSatisfaction(g, items, cfg)),
  ]);
  const scoped = view.chainId ?? view.region;
  if (scoped !== null) {
    // One group shown and no total: it is hidden only when under k itself.
    const sat = groups.find((g) => g.key === scoped)?.satisfaction;
    const hidden = suppress([{ n: sat?.responses ?? 0 }], cfg.k, false).hidden[0] ?? false;
    const total = rowOf(
      scoped,
      view.label,
      activity.find((a) => a.key === scoped),
      problems.find((p) => p.key === scoped),
      sat,
      hidden,
    );
    return { scope: view, total, byChain: [] };
  }
  const [activityAll, problemsAll] = await Promise.all([activityTotals(db, scope), problemTotals(db, scope)]);
  const overall = overallSatisfaction(rollups, items, cfg);
  const keys = [...new Set([...problems, ...activity, ...groups].map((g) => g.key))];
  const sats = keys.map((k) => groups.find((g) => g.key === k)?.satisfaction);
  // The chains partition the answers and the programme's figure is shown beside them (DESIGN §6).
  const s = suppress(
    sats.map((x) => ({ n: x?.responses ?? 0 })),
    cfg.k,
    true,
  );
  const label = (k: string | null) =>
    problems.find((p) => p.key === k)?.label ?? activity.find((a) => a.key === k)?.label ?? groups.find((g) => g.key === k)?.label ?? null;
  const byChain = keys.map((k, i) =>
    rowOf(
      k,
      label(k),
      activity.find((a) => a.key === k),
      problems.find((p) => p.key === k),
      sats[i],
      s.hidden[i] ?? false,
    ),
  );
  const total = rowOf('all', null, activityAll, problemsAll, overall, !s.total);
  return { scope: view, total, byChain };
}
