import { describe, expect, it } from 'vitest';
import type { SamplingRule } from '../../schema/inputs/rounds';
import { allocate, type Candidate, type Drawn, drawSample as draw, eligibleCandidates, sampleSize } from '../../worker/surveys/sampling';

const NOW = Date.UTC(2026, 5, 1);
const DAY = 24 * 3600 * 1000;
const id = (n: number) => `e${String(n).padStart(3, '0')}`;
const list = (n: number, f: (i: number) => Partial<Candidate> = () => ({})): Candidate[] =>
  Array.from({ length: n }, (_, i) => ({ id: id(i), unitId: null, chainId: null, lastInvitedAt: null, ...f(i) }));
const rule = (r: Partial<SamplingRule>): SamplingRule => ({ mode: 'all', stratify: 'none', ...r });
const ids = (drawn: { id: string }[]) => drawn.map((d) => d.id);

/** The drawn list; fails the test when the draw was refused. */
async function drawSample(...args: Parameters<typeof draw>): Promise<Drawn[]> {
  const result = await draw(...args);
  if (!result.ok) throw new Error(`refused: only ${result.available} eligible`);
  return result.drawn;
}

describe('drawSample', () => {
  const pool = list(100);

  it('gives the same draw for the same seed, whatever order the candidates come in', async () => {
    const a = await drawSample(pool, rule({ mode: 'count', n: 10 }), 'seed-2026', NOW);
    const b = await drawSample([...pool].reverse(), rule({ mode: 'count', n: 10 }), 'seed-2026', NOW);
    expect(a).toHaveLength(10);
    expect(ids(a)).toEqual(ids(b));
    expect(new Set(ids(a)).size).toBe(10);
  });

  it('gives a different draw for a different seed', async () => {
    const a = await drawSample(pool, rule({ mode: 'count', n: 10 }), 'seed-a', NOW);
    const b = await drawSample(pool, rule({ mode: 'count', n: 10 }), 'seed-b', NOW);
    expect(ids(a)).not.toEqual(ids(b));
  });

  it('is not just the first n by id', async () => {
    const a = await drawSample(pool, rule({ mode: 'count', n: 10 }), 'x', NOW);
    expect(ids(a)).not.toEqual(ids(pool.slice(0, 10)));
  });

  it('refuses an n beyond the eligible list, saying how many are eligible, instead of taking everyone', async () => {
    expect(await draw(list(14), rule({ mode: 'count', n: 50 }), 's', NOW)).toEqual({ ok: false, available: 14 });
    // The exclusion window counts: 10 paired, 4 surveyed lately, so 6 are eligible.
    const recent = list(10, (i) => ({ lastInvitedAt: i < 4 ? NOW - DAY : null }));
    expect(await draw(recent, rule({ mode: 'count', n: 7, excludeDays: 30 }), 's', NOW)).toEqual({ ok: false, available: 6 });
    expect(await draw([], rule({ mode: 'all' }), 's', NOW)).toEqual({ ok: false, available: 0 });
    expect(ids(await drawSample(list(7), rule({ mode: 'count', n: 7 }), 's', NOW))).toEqual(ids(list(7)));
  });

  it('takes everyone for mode all', async () => {
    expect(await drawSample(list(7), rule({ mode: 'all' }), 's', NOW)).toHaveLength(7);
  });

  it('draws p% rounded up', async () => {
    expect(await drawSample(pool, rule({ mode: 'percent', percent: 15 }), 's', NOW)).toHaveLength(15);
    expect(await drawSample(list(10), rule({ mode: 'percent', percent: 1 }), 's', NOW)).toHaveLength(1);
    expect(sampleSize(7, rule({ mode: 'percent', percent: 50 }))).toBe(4);
  });

  it('allocates strata proportionally with largest remainders (hand-computed)', async () => {
    // units A:50, B:30, C:20 (100 eligible), n = 7 → quotas 3.5, 2.1, 1.4 → floors 3, 2, 1 (6);
    // the one left goes to the largest remainder, A (.5) → A 4, B 2, C 1.
    const strat = list(100, (i) => ({ unitId: i < 50 ? 'A' : i < 80 ? 'B' : 'C' }));
    const drawn = await drawSample(strat, rule({ mode: 'count', n: 7, stratify: 'unit' }), 'strata', NOW);
    const count = (s: string) => drawn.filter((d) => d.stratum === s).length;
    expect([count('A'), count('B'), count('C')]).toEqual([4, 2, 1]);
    const byId = new Map(strat.map((c) => [c.id, c.unitId]));
    for (const d of drawn) expect(byId.get(d.id)).toBe(d.stratum);
  });

  it('treats a missing chain as a stratum of its own and stores it as null', async () => {
    const strat = list(10, (i) => ({ chainId: i < 6 ? 'bio' : null }));
    const drawn = await drawSample(strat, rule({ mode: 'percent', percent: 50, stratify: 'chain' }), 's', NOW);
    expect(drawn.filter((d) => d.stratum === 'bio')).toHaveLength(3);
    expect(drawn.filter((d) => d.stratum === null)).toHaveLength(2);
  });

  it('excludes enterprises invited within the window, and only those', async () => {
    const recent = list(10, (i) => ({ lastInvitedAt: i < 3 ? NOW - 5 * DAY : i < 6 ? NOW - 40 * DAY : null }));
    const drawn = await drawSample(recent, rule({ excludeDays: 30 }), 's', NOW);
    expect(ids(drawn)).toEqual([id(3), id(4), id(5), id(6), id(7), id(8), id(9)]);
    expect(eligibleCandidates(recent, rule({}), NOW)).toHaveLength(10);
  });
});

describe('allocate', () => {
  it('sums to the total and breaks ties by stratum order', () => {
    expect(allocate([1, 1, 1], 2)).toEqual([1, 1, 0]);
    expect(allocate([3, 3, 4], 5)).toEqual([2, 1, 2]);
    expect(allocate([0, 5], 3)).toEqual([0, 3]);
    expect(allocate([], 0)).toEqual([]);
  });
});
