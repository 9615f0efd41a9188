// Timing helpers for single requests at loopback: what a dashboard or a download costs the Worker,
// measured from the client side (so it includes one loopback round trip, ~0.1 ms).
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) / 2 : Number.NaN;
};
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};

/**
 * GETs `url` `times` times in a row (after `warm` untimed requests), or fewer (at least 3) when that
 * would take over `budgetMs` — a slow page must not stall the whole run. Fails on any status but 200.
 */
export async function timeGets(url: string, headers: Record<string, string>, times: number, warm = 2, budgetMs = 30_000) {
  const ms: number[] = [];
  const until = performance.now() + budgetMs;
  for (let i = 0; i < warm + times && (ms.length < 3 || performance.now() < until); i++) {
    const t = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
    if (i >= warm) ms.push(performance.now() - t);
  }
  return { median: median(ms), p95: percentile(ms, 95), n: ms.length };
}

/**
 * GETs each of `urls` in turn, `warm` untimed rounds then `times` timed ones, so the pages compared
 * (a dashboard and the floor) are timed under the same load of this noisy machine rather than minutes apart.
 */
export async function timeInTurn<K extends string>(urls: Record<K, string>, headers: Record<string, string>, times: number, warm = 2) {
  const ms = Object.fromEntries(Object.keys(urls).map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < warm + times; i++) {
    for (const [name, url] of Object.entries(urls) as [K, string][]) {
      const t = performance.now();
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
      if (i >= warm) ms[name].push(performance.now() - t);
    }
  }
  return Object.fromEntries(
    Object.entries(ms).map(([k, v]) => [k, { median: median(v as number[]), p95: percentile(v as number[], 95) }]),
  ) as Record<K, { median: number; p95: number }>;
}
