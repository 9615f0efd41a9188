// Coverage (enterprises contacted, visits 家次, on-site visits) and 三个一 达标率, read from the rollups
// that triggers keep in the same transaction as every write (activity-triggers.ts; schema/memo-tables.ts:
// activity_counts, activity_reach, activity_pair_months), so a dashboard reads a few rows per group and
// month instead of every memo (DESIGN §8); the one statement is built in activity-sql.ts. The 三个一
// rule is the officer home page's (schema/rules/three-ones.ts): per officer × enterprise × month, ≥ 1
// memo, ≥ 1 上门走访, and ≥ 1 problem the officer closed that month or a memo recording 企业无诉求.
// test/integration/activity-rollup.test.ts checks every figure against the same GROUP BY over the raw
// rows (test/fixtures/activity-reference.ts).
import type { Db } from '../app-env';
import { activitySql } from './activity-sql';
import { monthsOf, type Scope, upToToday } from './period';
import { readAll } from './sql';

export const ACTIVITY_DIMENSIONS = ['unit', 'officer', 'chain', 'region'] as const;
export type ActivityDimension = (typeof ACTIVITY_DIMENSIONS)[number] | 'total' | 'month';

/** The whole months the period touches, up to today's: 三个一 is a monthly rule. */
export function threeOnesMonths(scope: Scope): string[] {
  return monthsOf(upToToday(scope.period, scope.today), 1200).filter((m) => `${m}-01` <= scope.today);
}

export type ActivityGroup = {
  key: string | null;
  label: string | null;
  /** Distinct enterprises with at least one memo (走访企业). */
  enterprises: number;
  /** Memos of every mode (走访 家次). */
  contacts: number;
  onsite: number;
  /** Paired enterprises (帮扶企业). */
  paired: number;
  /** Officer × enterprise × month pairs assigned, and those meeting 三个一. */
  pairs: number;
  met: number;
};

type Row = Omit<ActivityGroup, 'key'> & { grp: string | null };

const noActivity = (key: string | null, label: string | null): ActivityGroup => ({
  key,
  label,
  enterprises: 0,
  contacts: 0,
  onsite: 0,
  paired: 0,
  pairs: 0,
  met: 0,
});

/** Coverage and 三个一 of a scope, grouped by one dimension. */
export async function activityBreakdown(db: Db, scope: Scope, by: ActivityDimension): Promise<ActivityGroup[]> {
  const months = threeOnesMonths(scope);
  const [rows] = await readAll<[Row]>(db, [activitySql(scope, by, months)]);
  // Groups in the order they always came: those visited, then those only meeting 三个一, then the rest.
  const tier = (r: Row) => (r.contacts > 0 ? 0 : r.met > 0 ? 1 : 2);
  const out = new Map<string | null, ActivityGroup>();
  for (const r of rows.sort((a, b) => tier(a) - tier(b))) {
    const { grp, ...figures } = r;
    out.set(grp, { ...figures, key: grp });
  }
  // Every month of the period has its row, pairs in force or not.
  if (by === 'month') for (const m of months) if (!out.has(m)) out.set(m, noActivity(m, m));
  return [...out.values()].sort((a, b) => b.contacts - a.contacts || b.pairs - a.pairs);
}

export async function activityTotals(db: Db, scope: Scope): Promise<ActivityGroup> {
  const [row] = await activityBreakdown(db, scope, 'total');
  return row ?? noActivity('all', '');
}
