// The drill-down pages of one unit and one officer, and the officer's own page (/stats/mine), which
// shows only the officer's aggregates and only satisfaction figures over at least k responses.

import { type ProblemRates, problemRates } from '../../schema/rules/figures';
import type { Satisfaction, SatisfactionScale } from '../../schema/rules/satisfaction';
import type { ClaimTable } from '../../web/pages/stats/claims';
import type { Db } from '../app-env';
import { type ActivityGroup, activityBreakdown, activityTotals } from './activity.queries';
import { type ClaimRound, claimChecks, claimGroups, claimRounds } from './claims.queries';
import type { StatsConfig } from './config';
import type { Scope } from './period';
import { type ProblemGroup, problemBreakdown, problemTotals } from './problems.queries';
import { type GroupSatisfaction, groupSatisfaction, type ItemDef, likertItems } from './satisfaction';
import { satisfactionGroups, surveyRollups } from './survey.queries';

export type PersonRow = {
  key: string | null;
  label: string | null;
  activity: ActivityGroup | null;
  problems: ProblemGroup | null;
  satisfaction: Satisfaction | null;
};

export type UnitView = {
  scale: SatisfactionScale;
  activity: ActivityGroup;
  problems: ProblemGroup;
  rates: ProblemRates;
  items: ItemDef[];
  satisfaction: Satisfaction | null;
  officers: PersonRow[];
  byCategory: ProblemGroup[];
  /** The claims cross-check of the unit's officers, per closed round: each officer and the unit. */
  claims: ClaimTable[];
};

/** A unit: its officers' activity, the problems it leads (主办), its lead-paired enterprises' ratings. */
export async function unitView(db: Db, scope: Scope, cfg: StatsConfig): Promise<UnitView> {
  const [rollups, activity, officerActivity, problems, officerProblems, byCategory] = await Promise.all([
    surveyRollups(db, { ...scope, unitId: undefined }),
    activityTotals(db, scope),
    activityBreakdown(db, scope, 'officer'),
    problemTotals(db, scope),
    // Each officer's own problems, whoever leads them: the same count as the breakdown by officer (issue 14).
    problemBreakdown(db, { ...scope, unitId: undefined, officerUnitId: scope.unitId }, 'officer'),
    problemBreakdown(db, scope, 'category'),
  ]);
  const items = likertItems(rollups.versions);
  const keys = items.map((i) => i.key);
  const [unitSat, officerSat, claims] = await Promise.all([
    satisfactionGroups(db, scope, 'unit', keys).then((g) => groupSatisfaction(g, items, cfg)),
    satisfactionGroups(db, scope, 'officer', keys).then((g) => groupSatisfaction(g, items, cfg)),
    claimTables(db, scope, 'officer', scope.unitId),
  ]);
  const officers = new Map<string | null, PersonRow>();
  for (const g of [...officerActivity, ...officerProblems, ...officerSat]) {
    if (officers.has(g.key)) continue;
    officers.set(g.key, {
      key: g.key,
      label: g.label,
      activity: officerActivity.find((a) => a.key === g.key) ?? null,
      problems: officerProblems.find((p) => p.key === g.key) ?? null,
      satisfaction: officerSat.find((s) => s.key === g.key)?.satisfaction ?? null,
    });
  }
  return {
    scale: cfg.scale,
    activity,
    problems,
    rates: problemRates(problems),
    items,
    satisfaction: unitSat[0]?.satisfaction ?? null,
    officers: [...officers.values()],
    byCategory,
    claims,
  };
}

export type OfficerView = {
  activity: ActivityGroup;
  months: ActivityGroup[];
  problems: ProblemGroup;
  rates: ProblemRates;
  byCategory: ProblemGroup[];
  items: ItemDef[];
  /** Per round, over the responses of the officer's paired enterprises. */
  rounds: GroupSatisfaction[];
  /** All rounds together; null on the officer's own page (see below). */
  overall: Satisfaction | null;
};

/**
 * One officer's figures. `own` is the officer's own page, which reads no live survey figure at all: its
 * rounds come from the frozen snapshots (own-rounds.ts), so `rounds` is empty and there is no total.
 */
export async function officerView(db: Db, scope: Scope, cfg: StatsConfig, own: boolean): Promise<OfficerView> {
  const [rollups, activity, months, problems, byCategory] = await Promise.all([
    own ? Promise.resolve({ versions: [], rounds: [] }) : surveyRollups(db, { ...scope, officerId: undefined }),
    activityTotals(db, scope),
    activityBreakdown(db, scope, 'month'),
    problemTotals(db, scope),
    problemBreakdown(db, scope, 'category'),
  ]);
  const items = likertItems(rollups.versions);
  const keys = items.map((i) => i.key);
  const [rounds, overall] = own
    ? [[], []]
    : await Promise.all([
        satisfactionGroups(db, scope, 'round', keys).then((g) => groupSatisfaction(g, items, cfg)),
        satisfactionGroups(db, scope, 'officer', keys).then((g) => groupSatisfaction(g, items, cfg)),
      ]);
  const order = new Map(rollups.rounds.map((r, i) => [r.id, i]));
  return {
    activity,
    months: months.sort((a, b) => String(a.key).localeCompare(String(b.key))),
    problems,
    rates: problemRates(problems),
    byCategory,
    items,
    rounds: rounds.sort((a, b) => (order.get(a.key ?? '') ?? 0) - (order.get(b.key ?? '') ?? 0)),
    overall: own ? null : (overall[0]?.satisfaction ?? null),
  };
}

/**
 * The claims cross-check of a scope's closed rounds (claims.queries.ts), or of the `rounds` given, per
 * officer or unit; narrowed to one unit's officers, each round also has the unit's own row.
 */
export async function claimTables(
  db: Db,
  scope: Scope,
  by: 'officer' | 'unit',
  unitId?: string,
  given?: ClaimRound[],
): Promise<ClaimTable[]> {
  const rounds = given ?? (await claimRounds(db, scope));
  const rows = await claimChecks(
    db,
    rounds.map((r) => r.id),
    { unitId, place: scope.place },
  );
  return rounds.map((round) => {
    const groups = claimGroups(rows, round.id, by);
    if (!unitId) return { round, groups };
    const [total] = claimGroups(rows, round.id, 'unit');
    return { round, groups, ...(total ? { total } : {}) };
  });
}
