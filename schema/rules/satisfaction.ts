// 满意率, 好评率 and the satisfaction scores of DESIGN §6, pure, from the option counts the rollups keep.
// The settings (k for small-group suppression, the points per scale step) have their defaults here;
// a deployment overrides them through worker/stats/config.ts. The 口径 of 满意率 is the programme's
// (issue 14: programmes.satisfaction_scale): 两档 counts 非常满意 + 满意, 三档 also 基本满意, so under
// 三档 满意率 is 好评率 and pages do not show 好评率 beside it.
import { LIKERT_VALUES, NOT_APPLICABLE } from '../form-definition';
import type { SatisfactionScale } from '../tables';
import { type Rate, rate } from './figures';

export type { SatisfactionScale };

/** How many steps of the scale, from 非常满意 down, 满意率 counts under each 口径. */
export const SCALE_STEPS: Record<SatisfactionScale, number> = { top2: 2, top3: 3 };

/** 满意率's numerator: the answers on the steps the 口径 counts (dist: 非常满意 first). */
export const satisfiedCount = (dist: readonly number[], scale: SatisfactionScale): number =>
  dist.slice(0, SCALE_STEPS[scale]).reduce((a, b) => a + b, 0);

/** Whether 好评率 says anything 满意率 does not: under 三档 they are the same rate. */
export const showsGood = (scale: SatisfactionScale): boolean => SCALE_STEPS[scale] < 3;

/**
 * Small-group suppression: a satisfaction figure over fewer than k responses is shown as 样本不足, so
 * that nobody can work back from a figure to one enterprise's answers. 5 is the usual floor for
 * survey tables published by statistics offices.
 */
export const DEFAULT_SUPPRESSION_K = 5;

/** Points indexed like LIKERT_VALUES: [5, 4, 3, 2, 1]. */
export type Points = readonly [number, number, number, number, number];

/** Points of 非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意 (likert 5..1) for the 0–100 score. */
export const DEFAULT_POINTS: Points = [100, 80, 60, 30, 0];

export type StatsConfig = { k: number; points: Points; scale: SatisfactionScale };

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
      satisfied: Rate; // 满意率, by the programme's 口径
      good: Rate; // 好评率
      /** Mean points (0–100). */
      score: number;
    });

/**
 * 满意率 = (非常满意 + 满意) / valid under 两档, (非常满意 + 满意 + 基本满意) / valid under 三档;
 * 好评率 = (非常满意 + 满意 + 基本满意) / valid; score = mean points; valid excludes 不了解/不适用 and
 * blanks (a blank never reaches the rollup).
 */
export function itemStats(key: string, counts: OptionCounts, cfg: StatsConfig, groupSuppressed = false): ItemStats {
  const dist = LIKERT_VALUES.map((v) => counts[String(v)] ?? 0);
  const valid = dist.reduce((a, b) => a + b, 0);
  const na = counts[NOT_APPLICABLE] ?? 0;
  if (groupSuppressed || valid < cfg.k) return { key, valid, na, suppressed: true };
  const points = dist.reduce((sum, n, i) => sum + n * (cfg.points[i] ?? 0), 0);
  return {
    key,
    valid,
    na,
    suppressed: false,
    dist,
    satisfied: rate(satisfiedCount(dist, cfg.scale), valid),
    good: rate(satisfiedCount(dist, 'top3'), valid),
    score: points / valid,
  };
}

export type Satisfaction = {
  /** The 口径 满意率 is counted by, printed under it. */
  scale: SatisfactionScale;
  /** Submitted responses in the group: the n the k-rule looks at first. */
  responses: number;
  suppressed: boolean;
  items: ItemStats[];
  /** 满意率 and 好评率 pooled over the shown items' valid answers. */
  satisfied: Rate;
  good: Rate;
  /** 综合满意度: the mean over items of each item's score (itself the average over enterprises). */
  composite: number | null;
};

/**
 * A group's satisfaction. Items under k are left out of the pooled rates and of 综合满意度 as well:
 * otherwise the hidden item's score could be worked back from the total and the items shown. Groups of
 * one table pool over the same items — those the table's total shows (`pooled`) — so that the groups'
 * pooled counts add up to the total's and no item a group leaves out is the difference.
 */
export function satisfaction(
  responses: number,
  byItem: readonly [string, OptionCounts][],
  cfg: StatsConfig,
  pooled?: ReadonlySet<string>,
): Satisfaction {
  const suppressed = responses < cfg.k;
  const items = byItem.map(([key, counts]) => itemStats(key, counts, cfg, suppressed));
  const over = pooled ?? new Set(items.filter((i) => !i.suppressed).map((i) => i.key));
  // The pooled figures from the counts themselves: an item a group holds under k still adds to them when
  // its table pools over it (its own row stays hidden).
  const counted = suppressed
    ? []
    : byItem.filter(([key]) => over.has(key)).map(([key, counts]) => itemStats(key, counts, { ...cfg, k: 1 }));
  const shown = counted.filter((i): i is Extract<ItemStats, { suppressed: false }> => !i.suppressed);
  const sum = (f: (i: (typeof shown)[number]) => number) => shown.reduce((a, i) => a + f(i), 0);
  const valid = sum((i) => i.valid);
  return {
    scale: cfg.scale,
    responses,
    suppressed,
    items,
    satisfied: rate(
      sum((i) => i.satisfied.k),
      valid,
    ),
    good: rate(
      sum((i) => i.good.k),
      valid,
    ),
    composite: shown.length ? sum((i) => i.score) / shown.length : null,
  };
}
