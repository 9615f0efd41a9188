// The random draw of a survey round (DESIGN §4: "sent at random", reproducible). Pure: the caller
// passes the candidates; the same seed over the same eligible list always yields the same draw, so
// anyone holding the stored seed and rule can re-run it and check the list was not hand-picked.
import type { SamplingRule } from '../../schema/inputs/rounds';

export type { SamplingRule };

/** An enterprise paired in the programme, with what stratification and exclusion need. */
export type Candidate = { id: string; unitId: string | null; chainId: string | null; lastInvitedAt: number | null };
export type Drawn = { id: string; stratum: string | null };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Candidates not invited within the last `excludeDays` days, sorted by id (the draw's fixed order). */
export function eligibleCandidates(candidates: readonly Candidate[], rule: SamplingRule, now: number): Candidate[] {
  const cutoff = rule.excludeDays ? now - rule.excludeDays * DAY_MS : null;
  return candidates
    .filter((c) => cutoff === null || c.lastInvitedAt === null || c.lastInvitedAt < cutoff)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * How many to draw from `size` eligible: all, n, or p% rounded up so 1% of 10 is 1. An n above `size`
 * is returned as asked: the draw refuses it rather than shrink it (DESIGN §4, issue 17).
 */
export function sampleSize(size: number, rule: SamplingRule): number {
  if (rule.mode === 'count') return rule.n ?? 0;
  if (rule.mode === 'percent') return Math.min(size, Math.ceil((size * (rule.percent ?? 0)) / 100));
  return size;
}

/** A draw, or how many could have been drawn when the rule asks for more (or none are eligible). */
export type Draw = { ok: true; drawn: Drawn[] } | { ok: false; available: number };

/**
 * Proportional allocation of `total` over strata of the given sizes with largest-remainder (Hamilton)
 * rounding; ties go to the earlier stratum. Integer arithmetic only, so the result is exact.
 */
export function allocate(sizes: readonly number[], total: number): number[] {
  const all = sizes.reduce((a, b) => a + b, 0);
  if (all === 0) return sizes.map(() => 0);
  const quotas = sizes.map((s) => Math.floor((total * s) / all));
  const order = sizes.map((s, i) => ({ i, rem: (total * s) % all })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  let left = total - quotas.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left <= 0) break;
    quotas[i] = (quotas[i] ?? 0) + 1;
    left--;
  }
  return quotas;
}

/** sfc32 (PractRand-tested, 128-bit state) seeded from SHA-256(seed): a stable stream for any seed text. */
async function prng(seed: string): Promise<() => number> {
  const digest = new DataView(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(seed)));
  let [a, b, c, d] = [0, 4, 8, 12].map((at) => digest.getUint32(at)) as [number, number, number, number];
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // discard the first outputs, as sfc32's author recommends
  return next;
}

/** The first k of a seeded partial Fisher–Yates shuffle, returned in id order for readable lists. */
function pick<T extends { id: string }>(items: readonly T[], k: number, random: () => number): T[] {
  const pool = [...items];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, k).sort((a, b) => (a.id < b.id ? -1 : 1));
}

const stratumOf = (c: Candidate, rule: SamplingRule) =>
  rule.stratify === 'unit' ? c.unitId : rule.stratify === 'chain' ? c.chainId : null;

/**
 * Draws the sample, or says how many are eligible when the rule asks for more. Strata (unit of the lead officer, or chain; null is a stratum of its own) are
 * visited in key order and all share one PRNG stream, so the draw depends only on seed, rule and list.
 */
export async function drawSample(candidates: readonly Candidate[], rule: SamplingRule, seed: string, now: number): Promise<Draw> {
  const eligible = eligibleCandidates(candidates, rule, now);
  const total = sampleSize(eligible.length, rule);
  if (total > eligible.length || eligible.length === 0) return { ok: false, available: eligible.length };
  return { ok: true, drawn: await drawn(eligible, rule, seed, total) };
}

async function drawn(eligible: Candidate[], rule: SamplingRule, seed: string, total: number): Promise<Drawn[]> {
  const random = await prng(seed);
  if (rule.stratify === 'none') return pick(eligible, total, random).map((c) => ({ id: c.id, stratum: null }));
  const groups = new Map<string, Candidate[]>();
  for (const c of eligible) {
    const key = stratumOf(c, rule) ?? '';
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const keys = [...groups.keys()].sort();
  const quotas = allocate(
    keys.map((k) => groups.get(k)?.length ?? 0),
    total,
  );
  return keys.flatMap((key, i) => pick(groups.get(key) ?? [], quotas[i] ?? 0, random).map((c) => ({ id: c.id, stratum: key || null })));
}
