// 满意率, 好评率 and the satisfaction scores of DESIGN §6, pure, from the option counts the rollups keep.
// The settings (k for small-group suppression, the points per scale step) have their defaults here;
// a deployment overrides them through worker/stats/config.ts.
import { LIKERT_VALUES, NOT_APPLICABLE } from '../form-definition';
import { type Rate, rate } from './figures';

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

export type StatsConfig = { k: number; points: Points };

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
