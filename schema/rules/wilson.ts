// Wilson score interval for a binomial proportion (E. B. Wilson, JASA 22 (1927) 209–212). Chosen over
// the textbook p ± z·√(p(1−p)/n) because that one collapses to [1, 1] at 100 % and misbehaves for the
// small groups a unit or an officer has; Wilson stays inside [0, 1] and is sane at n = 1.

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

export type Interval = { low: number; high: number };

/** The 95 % interval of `successes` out of `n`, or null when n is 0 (no data, no interval). */
export function wilson(successes: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  if (successes < 0 || successes > n) throw new RangeError(`wilson: ${successes} of ${n}`);
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // Clamp the rounding crumbs: at p = 0 or 1 the bound is exactly 0 or 1.
  return { low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === n ? 1 : Math.min(1, centre + half) };
}
