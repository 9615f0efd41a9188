// Statistics settings (DESIGN §6). Defaults are the programme texts' usual ones; a deployment may
// override them with the optional vars declared in worker/env-stats.d.ts, read per request (no state).

/**
 * Small-group suppression: a satisfaction figure over fewer than k responses is shown as 样本不足, so
 * that nobody can work back from a figure to one enterprise's answers. 5 is the usual floor for
 * survey tables published by statistics offices.
 */
export const DEFAULT_SUPPRESSION_K = 5;

/** Points of 非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意 (likert 5..1) for the 0–100 score. */
export const DEFAULT_POINTS: Points = [100, 80, 60, 30, 0];

/** Points indexed like LIKERT_VALUES: [5, 4, 3, 2, 1]. */
export type Points = readonly [number, number, number, number, number];

export type StatsConfig = { k: number; points: Points };

type StatsEnv = { SUPPRESSION_K?: string; LIKERT_POINTS?: string };

/** The settings in force; a malformed override falls back to the default rather than failing pages. */
export function statsConfig(env: StatsEnv = {}): StatsConfig {
  const k = Number(env.SUPPRESSION_K);
  const points = (env.LIKERT_POINTS ?? '').split(',').map((s) => Number(s.trim()));
  const pointsOk = points.length === 5 && points.every((p) => Number.isFinite(p) && p >= 0 && p <= 100);
  return {
    k: Number.isInteger(k) && k >= 1 ? k : DEFAULT_SUPPRESSION_K,
    points: pointsOk ? (points as unknown as Points) : DEFAULT_POINTS,
  };
}
