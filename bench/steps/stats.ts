// Statistics (DESIGN §8, issue 20): dashboards read rollups, so their server time must not grow with the
// number of answers, and each stays within 3× the floor page; the full rollup recompute (a job of one
// batch per round or programme, worker/stats/recompute-job.ts, route POST /admin/stats/recompute) must
// find the generator's rollups right; no D1 statement or batch may take over 5 s (the app runs with its
// D1 binding timed: bench/timed-d1-worker.js).
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Manifest } from '../gen/generate.ts';
import { median, percentile, timeInTurn } from '../lib/http.ts';
import { type Running, startWorker } from '../lib/worker.ts';

export type DashboardFigures = {
  answers: number;
  responses: number;
  /** GET /admin/programmes/new: the session check and a page with no figures, the floor of every admin page. */
  floor: { median: number; p95: number };
  /** GET /admin: the admin home's live numbers (open rounds, the ledger's queues; issue 17). */
  adminHome: { median: number; p95: number };
  /** Read back from the kept figures (worker/stats/figure-cache.ts): nothing was written since the last read. */
  overview: { median: number; p95: number };
  /** Computed: each request right after a write (the figures' version raised), as the first reader after one pays. */
  overviewComputed?: { median: number; p95: number };
  round: { median: number; p95: number };
  /** Computed: one request each, after the figures above, in ms; 'timeout' past BREAKDOWN_TIMEOUT, then the rest 'skipped'. */
  breakdowns: Record<'unit' | 'officer', number | 'timeout' | 'skipped'>;
  /** The same pages read back from their kept figures, after the computed request. */
  breakdownsKept?: Partial<Record<'unit' | 'officer', { median: number; p95: number }>>;
  /** The longest D1 statement and batch of every request of this step (recompute included), with their path. */
  d1?: LongestD1;
};
export type LongestD1 = Record<'statement' | 'batch', { ms: number; path: string; sql: string } | null> & {
  /** Per path, its three longest statements and batches. */
  byPath?: Record<string, { kind: string; ms: number; sql: string }[]>;
};

/** A page that takes longer is reported as "over a minute" rather than waited for (one took 7 minutes). */
const BREAKDOWN_TIMEOUT = 60_000;
export type RecomputeFigures = {
  answers: number;
  median: number;
  runs: number[];
  consistent: boolean;
  /** The last job's steps, its longest step (ms, kind:key), and the POSTs it took (each runs steps for ≤ RUN_MS). */
  steps?: number;
  longestStep?: { ms: number; step: string };
  requests?: number[];
};

type D1 = { prepare(sql: string): { all<T>(): Promise<{ results: T[] }>; run(): Promise<unknown> } };

/** What every write to a figure's source does in its batch (worker/stats/figure-sources.ts): kept figures go stale. */
const raiseVersion = (db: D1) => db.prepare('UPDATE figure_version SET n = n + 1 WHERE id = 1').run();

/** GETs `url` `times` times (fewer, at least 3, past 30 s), each right after the figures' version is raised. */
async function timeComputed(url: string, headers: Record<string, string>, times: number, db: D1) {
  const ms: number[] = [];
  const until = performance.now() + 30_000;
  for (let i = 0; i < times && (ms.length < 3 || performance.now() < until); i++) {
    await raiseVersion(db);
    const t = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
    ms.push(performance.now() - t);
  }
  return { median: median(ms), p95: percentile(ms, 95) };
}
const snapshot = async (db: D1) =>
  JSON.stringify([
    (await db.prepare('SELECT * FROM option_counts ORDER BY campaign_id, question_key, option').all()).results,
    (await db.prepare('SELECT * FROM campaign_counters ORDER BY campaign_id').all()).results,
    (await db.prepare('SELECT * FROM group_counts ORDER BY campaign_id, dimension, group_key, question_key, option').all()).results,
  ]);

export async function statsBench(
  dir: string,
  m: Manifest,
  script: string,
  bindings: Record<string, string>,
  opts: { times: number; recompute: number },
) {
  // The app's bundle imported by the timing wrapper, which must sit in the same directory.
  const timed = join(dirname(script), 'timed-d1.js');
  copyFileSync('bench/timed-d1-worker.js', timed);
  const w = await startWorker(timed, dir, bindings, undefined, [script]);
  try {
    const headers = { cookie: `__Host-sid=${m.adminCookie}` };
    const base = w.url.origin;
    // The floor was GET /admin until the admin home got live numbers (issue 17): a form page took its place.
    // The programme overview, the page of the latest round (rollups only) and the breakdowns, each read back
    // from its kept figures (issue 20: the two warm-up rounds compute and keep them), timed in turn with the
    // floor so that their ratios are of the same minutes.
    const last = m.campaignIds.at(-1);
    const breakdownUrl = (by: string) => `${base}/admin/stats/breakdown?by=${by}&programme=${m.programmeId}`;
    const kept = await timeInTurn(
      {
        floor: `${base}/admin/programmes/new`,
        adminHome: `${base}/admin`,
        overview: `${base}/admin/stats?programme=${m.programmeId}`,
        round: last ? `${base}/admin/stats/rounds/${last}` : `${base}/admin/programmes/new`,
        unit: breakdownUrl('unit'),
        officer: breakdownUrl('officer'),
      },
      headers,
      opts.times,
    );
    // The overview as the first reader after a write finds it: computed, then kept.
    const d1 = (await w.mf.getD1Database('DB')) as D1;
    const overviewComputed = await timeComputed(`${base}/admin/stats?programme=${m.programmeId}`, headers, opts.times, d1);
    const dashboard: DashboardFigures = {
      answers: m.counts.answers,
      responses: m.counts.responses,
      floor: kept.floor,
      adminHome: kept.adminHome,
      overview: kept.overview,
      overviewComputed,
      round: last ? kept.round : { median: Number.NaN, p95: Number.NaN },
      breakdowns: { unit: 'skipped', officer: 'skipped' },
      breakdownsKept: { unit: kept.unit, officer: kept.officer },
    };
    const recompute = opts.recompute ? await recomputeBench(w.mf, base, headers, m, opts.recompute) : undefined;
    // Computed: one request each after a write. Last, because a query still running in the D1 object after
    // the client gave up would delay everything after it (stop() ends it).
    for (const by of ['unit', 'officer'] as const) {
      const url = breakdownUrl(by);
      await raiseVersion(d1);
      const t = performance.now();
      const res = await fetch(url, {
        headers,
        signal: AbortSignal.timeout(BREAKDOWN_TIMEOUT),
      }).catch(() => null);
      if (!res) {
        dashboard.breakdowns[by] = 'timeout';
        break;
      }
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`breakdown by ${by} answered ${res.status}`);
      dashboard.breakdowns[by] = performance.now() - t;
    }
    dashboard.d1 = (await (await fetch(`${base}/__bench/d1`)).json()) as LongestD1;
    return { dashboard, recompute };
  } finally {
    await w.stop();
  }
}

/** Full recomputes through the admin route; the rollups must come out exactly as the generator wrote them. */
async function recomputeBench(mf: Running['mf'], base: string, headers: Record<string, string>, m: Manifest, times: number) {
  const db = (await mf.getD1Database('DB')) as D1;
  const before = await snapshot(db);
  const runs: number[] = [];
  const requests: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    // A POST runs steps for ≤ RUN_MS and sends the admin back to the job page while steps are left;
    // the next POST goes on with the same job.
    for (let n = 1; ; n++) {
      const res = await fetch(`${base}/admin/stats/recompute`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'campaign=',
        redirect: 'manual',
      });
      await res.arrayBuffer();
      if (res.status !== 303) throw new Error(`recompute answered ${res.status}`);
      if (res.headers.get('location') === '/admin/stats') {
        requests.push(n);
        break;
      }
      if (n >= 50) throw new Error('recompute did not finish in 50 requests');
    }
    runs.push(performance.now() - t);
  }
  const job = (
    await db
      .prepare('SELECT total, longest_step_ms AS ms, longest_step AS step FROM recompute_jobs ORDER BY started_at DESC LIMIT 1')
      .all<{ total: number; ms: number; step: string }>()
  ).results[0];
  const consistent = before === (await snapshot(db));
  const recompute: RecomputeFigures = {
    answers: m.counts.answers,
    median: runs.sort((a, b) => a - b)[runs.length >> 1] ?? 0,
    runs,
    consistent,
    steps: job?.total,
    longestStep: job ? { ms: job.ms, step: job.step } : undefined,
    requests,
  };
  return recompute;
}
