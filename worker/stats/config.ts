// Statistics settings (DESIGN §6). Defaults are the programme texts' usual ones; a deployment may
// override them with the optional vars declared in worker/env-stats.d.ts, read per request (no state).

import {
  DEFAULT_POINTS,
  DEFAULT_SUPPRESSION_K,
  type Points,
  type SatisfactionScale,
  type StatsConfig,
} from '../../schema/rules/satisfaction';

export type { StatsConfig };

type StatsEnv = { SUPPRESSION_K?: string; LIKERT_POINTS?: string };

/**
 * The settings in force for a programme (its 满意率 口径, issue 14; 两档 when none is given); a malformed
 * override falls back to the default rather than failing pages.
 */
export function statsConfig(
  env: StatsEnv = {},
  programme: { satisfactionScale: SatisfactionScale } = { satisfactionScale: 'top2' },
): StatsConfig {
  const k = Number(env.SUPPRESSION_K);
  const points = (env.LIKERT_POINTS ?? '').split(',').map((s) => Number(s.trim()));
  const pointsOk = points.length === 5 && points.every((p) => Number.isFinite(p) && p >= 0 && p <= 100);
  return {
    k: Number.isInteger(k) && k >= 1 ? k : DEFAULT_SUPPRESSION_K,
    points: pointsOk ? (points as unknown as Points) : DEFAULT_POINTS,
    scale: programme.satisfactionScale,
  };
}
