// The figures of DESIGN §6, pure: SQL hands over counts (rollups and GROUP BY aggregates), these turn
// counts into rates with their n and Wilson interval, and every page, CSV and report writes a figure
// through the formatters here, so a figure reads the same everywhere. No database and no clock, so
// every formula is unit-tested against hand-computed fixtures (test/unit/metrics.test.ts). The
// satisfaction formulas (满意率, 好评率, scores) are in satisfaction.ts.
import { wilson } from './wilson';

/** A proportion with its n and Wilson 95 % interval; value and bounds are null when n is 0. */
export type Rate = { k: number; n: number; value: number | null; low: number | null; high: number | null };

export function rate(k: number, n: number): Rate {
  const ci = wilson(k, n);
  return { k, n, value: n > 0 ? k / n : null, low: ci?.low ?? null, high: ci?.high ?? null };
}

/** Response and opened rates of a round (campaign_counters). */
export const roundRates = (c: { invited: number; opened: number; submitted: number }) => ({
  responseRate: rate(c.submitted, c.invited),
  openedRate: rate(c.opened, c.invited),
});

/**
 * Problem counts of a scope and period (worker/stats/problems.queries.ts). The "due" set is the problems
 * whose deadline in force (the last approved 延期, else the 办结时限, provisional while 待交办:
 * schema/rules/due-date.ts) falls in the period up to today; the other "due…" counts are subsets of it.
 * Closed is 办结 as problem-status.ts groups it: 已办结, 已销号 and 确认无法办理 (closed, not resolved).
 */
export type ProblemCounts = {
  raised: number; // raised in the period
  closedInPeriod: number; // 已办结 with the closing date in the period
  due: number;
  dueClosed: number; // closed (a problem reopened by a negative 回访 is not)
  dueOnTime: number; // closed on or before the deadline in force
  dueFollowedUp: number; // closed and 回访 recorded
  dueResolved: number; // 已办结 or 已销号 and 回访 满意 or 基本满意
  dueConfirmed: number; // closed and the 回访 given by the enterprise itself (企业确认, issue 16)
  dueResolvedConfirmed: number; // dueResolved with the enterprise's own 满意 or 基本满意
  overdue: number; // due, still open, deadline passed
  unresolved: number; // due and 确认无法办理
  supervised: number; // 督办 in the period (problems, by the day of their last 督办)
};

export const ZERO_PROBLEMS: ProblemCounts = {
  raised: 0,
  closedInPeriod: 0,
  due: 0,
  dueClosed: 0,
  dueOnTime: 0,
  dueFollowedUp: 0,
  dueResolved: 0,
  dueConfirmed: 0,
  dueResolvedConfirmed: 0,
  overdue: 0,
  unresolved: 0,
  supervised: 0,
};

/**
 * 办结率, 解决率, 按期办结率 and 回访率 (DESIGN §6); who gave the 回访 — the enterprise (企业确认) or the
 * officer (干部回访) — as shares of the 回访; and 解决率 counting the enterprise's own confirmations only,
 * over the same closed problems, so it never exceeds 解决率 (issue 16).
 */
export const problemRates = (c: ProblemCounts) => ({
  closeRate: rate(c.dueClosed, c.due),
  resolveRate: rate(c.dueResolved, c.dueClosed),
  onTimeRate: rate(c.dueOnTime, c.due),
  followUpRate: rate(c.dueFollowedUp, c.dueClosed),
  confirmedShare: rate(c.dueConfirmed, c.dueFollowedUp),
  officerShare: rate(c.dueFollowedUp - c.dueConfirmed, c.dueFollowedUp),
  resolveRateConfirmed: rate(c.dueResolvedConfirmed, c.dueClosed),
});
export type ProblemRates = ReturnType<typeof problemRates>;

/** The median of a list (mean of the two middle values for an even count), null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** 三个一 达标率: pairs (officer × enterprise × month) meeting all three out of pairs assigned. */
export const threeOnesRate = (met: number, pairs: number) => rate(met, pairs);

/** A rate as a percentage to one decimal place ('—' when there is nothing to divide by). */
export const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/** "75.0% (3/4)": a rate with its k/n, as the work report's tables and the overview's lists print it. */
export const rateText = (r: Rate): string => (r.n > 0 ? `${pct(r.value)} (${r.k}/${r.n})` : pct(r.value));

/** Scores and days to one decimal place. */
export const one = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v.toFixed(1));

/** "82.1–97.7%": the Wilson 95 % interval of a rate. */
export const interval = (r: Rate): string =>
  r.low === null || r.high === null ? '' : `${(r.low * 100).toFixed(1)}–${(r.high * 100).toFixed(1)}%`;
