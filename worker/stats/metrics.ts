// The formulas of DESIGN §6, pure: SQL hands over counts (rollups and GROUP BY aggregates), these turn
// counts into figures. No database and no clock here, so every formula is unit-tested against
// hand-computed fixtures (test/unit/metrics.test.ts).
import { LIKERT_VALUES, NOT_APPLICABLE } from '../../schema/form-definition';
import type { StatsConfig } from './config';
import { wilson } from './wilson';

/** A proportion with its n and Wilson 95 % interval; value and bounds are null when n is 0. */
export type Rate = { k: number; n: number; value: number | null; low: number | null; high: number | null };

export function rate(k: number, n: number): Rate {
  const ci = wilson(k, n);
  return { k, n, value: n > 0 ? k / n : null, low: ci?.low ?? null, high: ci?.high ?? null };
}

/** How many answers chose each option of one likert item: keys '5'..'1' and 'na' (option_counts rows). */
export type OptionCounts = Readonly<Record<string, number>>;

type ItemBase = { key: string; valid: number; na: number };
/** One item's figures, or only its n when it is suppressed (fewer than k valid answers, or a small group). */
export type ItemStats =
  | (ItemBase & { suppressed: true })
  | (ItemBase & {
      suppressed: false;
      /** Answers per scale point, 非常满意 (5) first. */
      dist: number[];
      top2: Rate; // 满意率
      good: Rate; // 好评率
      /** Mean points (0–100). */
      score: number;
    });

/**
 * 满意率 = (非常满意 + 满意) / valid, 好评率 = (非常满意 + 满意 + 基本满意) / valid, score = mean points,
 * where valid excludes 不了解/不适用 and blanks (a blank never reaches the rollup).
 */
export function itemStats(key: string, counts: OptionCounts, cfg: StatsConfig, groupSuppressed = false): ItemStats {
  const dist = LIKERT_VALUES.map((v) => counts[String(v)] ?? 0);
  const valid = dist.reduce((a, b) => a + b, 0);
  const na = counts[NOT_APPLICABLE] ?? 0;
  if (groupSuppressed || valid < cfg.k) return { key, valid, na, suppressed: true };
  const [n5 = 0, n4 = 0, n3 = 0] = dist;
  const points = dist.reduce((sum, n, i) => sum + n * (cfg.points[i] ?? 0), 0);
  return { key, valid, na, suppressed: false, dist, top2: rate(n5 + n4, valid), good: rate(n5 + n4 + n3, valid), score: points / valid };
}

export type Satisfaction = {
  /** Submitted responses in the group: the n the k-rule looks at first. */
  responses: number;
  suppressed: boolean;
  items: ItemStats[];
  /** 满意率 and 好评率 pooled over the shown items' valid answers. */
  top2: Rate;
  good: Rate;
  /** 综合满意度: the mean over items of each item's score (itself the average over enterprises). */
  composite: number | null;
};

/**
 * A group's satisfaction. Items under k are left out of the pooled rates and of 综合满意度 as well:
 * otherwise the hidden item's score could be worked back from the total and the items shown.
 */
export function satisfaction(responses: number, byItem: readonly [string, OptionCounts][], cfg: StatsConfig): Satisfaction {
  const suppressed = responses < cfg.k;
  const items = byItem.map(([key, counts]) => itemStats(key, counts, cfg, suppressed));
  const shown = items.filter((i): i is Extract<ItemStats, { suppressed: false }> => !i.suppressed);
  const sum = (f: (i: (typeof shown)[number]) => number) => shown.reduce((a, i) => a + f(i), 0);
  const valid = sum((i) => i.valid);
  return {
    responses,
    suppressed,
    items,
    top2: rate(
      sum((i) => i.top2.k),
      valid,
    ),
    good: rate(
      sum((i) => i.good.k),
      valid,
    ),
    composite: shown.length ? sum((i) => i.score) / shown.length : null,
  };
}

/** Response and opened rates of a round (campaign_counters). */
export const roundRates = (c: { invited: number; opened: number; submitted: number }) => ({
  responseRate: rate(c.submitted, c.invited),
  openedRate: rate(c.opened, c.invited),
});

/**
 * Problem counts of a scope and period (worker/stats/problems.queries.ts). The "due" set is the problems
 * whose deadline in force (the last 延期, else 办结时限, else the day raised) falls in the period up to
 * today; the other "due…" counts are subsets of it.
 */
export type ProblemCounts = {
  raised: number; // raised in the period
  closedInPeriod: number; // 已办结 with the closing date in the period
  due: number;
  dueClosed: number; // 已办结 (a problem reopened by a negative 回访 is not)
  dueOnTime: number; // closed on or before the deadline in force
  dueFollowedUp: number; // closed and 回访 recorded
  dueResolved: number; // closed and 回访 满意 or 基本满意
  overdue: number; // due, still open, deadline passed
  unresolvable: number; // due and 无法办理
};

export const ZERO_PROBLEMS: ProblemCounts = {
  raised: 0,
  closedInPeriod: 0,
  due: 0,
  dueClosed: 0,
  dueOnTime: 0,
  dueFollowedUp: 0,
  dueResolved: 0,
  overdue: 0,
  unresolvable: 0,
};

/** 办结率, 解决率, 按期办结率 and 回访率 (DESIGN §6). */
export const problemRates = (c: ProblemCounts) => ({
  closeRate: rate(c.dueClosed, c.due),
  resolveRate: rate(c.dueResolved, c.dueClosed),
  onTimeRate: rate(c.dueOnTime, c.due),
  followUpRate: rate(c.dueFollowedUp, c.dueClosed),
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
