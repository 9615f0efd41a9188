// Statistics (DESIGN §8): dashboards read rollups, so their server time must not grow with the number of
// answers; the full rollup recompute (worker/stats/recompute.ts, route POST /admin/stats/recompute)
// must rebuild a million answers' rollups in ≤ 0.5 s — and must find the generator's rollups right.
import type { Manifest } from '../gen/generate.ts';
import { timeGets } from '../lib/http.ts';
import { type Running, startWorker } from '../lib/worker.ts';

export type DashboardFigures = {
  answers: number;
  responses: number;
  /** GET /admin/programmes/new: the session check and a page with no figures, the floor of every admin page. */
  floor: { median: number; p95: number };
  /** GET /admin: the admin home's live numbers (open rounds, the ledger's queues; issue 17). */
  adminHome: { median: number; p95: number };
  overview: { median: number; p95: number };
  round: { median: number; p95: number };
  /** One request each, after the figures above, in ms; 'timeout' past BREAKDOWN_TIMEOUT, then the rest 'skipped'. */
  breakdowns: Record<'unit' | 'officer', number | 'timeout' | 'skipped'>;
};

/** A page that takes longer is reported as "over a minute" rather than waited for (one took 7 minutes). */
const BREAKDOWN_TIMEOUT = 60_000;
export type RecomputeFigures = { answers: number; median: number; runs: number[]; consistent: boolean };

type D1 = { prepare(sql: string): { all<T>(): Promise<{ results: T[] }> } };
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
  const w = await startWorker(script, dir, bindings);
  try {
    const headers = { cookie: `__Host-sid=${m.adminCookie}` };
    const base = w.url.origin;
    // The programme overview (rollups for the survey, GROUP BYs over memos and problems), and the page
    // of the latest round (rollups only).
    // The floor was GET /admin until the admin home got live numbers (issue 17): a form page took its place.
    const floor = await timeGets(`${base}/admin/programmes/new`, headers, opts.times);
    const adminHome = await timeGets(`${base}/admin`, headers, opts.times);
    const overview = await timeGets(`${base}/admin/stats?programme=${m.programmeId}`, headers, opts.times);
    const last = m.campaignIds.at(-1);
    const round = last
      ? await timeGets(`${base}/admin/stats/rounds/${last}`, headers, opts.times)
      : { median: Number.NaN, p95: Number.NaN };
    const dashboard: DashboardFigures = {
      answers: m.counts.answers,
      responses: m.counts.responses,
      floor,
      adminHome,
      overview,
      round,
      breakdowns: { unit: 'skipped', officer: 'skipped' },
    };
    const recompute = opts.recompute ? await recomputeBench(w.mf, base, headers, m, opts.recompute) : undefined;
    // The breakdowns by unit and by officer group raw answers; last, because a query still running in
    // the D1 object after the client gave up would delay everything after it (stop() ends it).
    for (const by of ['unit', 'officer'] as const) {
      const t = performance.now();
      const res = await fetch(`${base}/admin/stats/breakdown?by=${by}&programme=${m.programmeId}`, {
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
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    const res = await fetch(`${base}/admin/stats/recompute`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'campaign=',
      redirect: 'manual',
    });
    await res.arrayBuffer();
    if (res.status !== 303) throw new Error(`recompute answered ${res.status}`);
    runs.push(performance.now() - t);
  }
  const consistent = before === (await snapshot(db));
  const recompute: RecomputeFigures = {
    answers: m.counts.answers,
    median: runs.sort((a, b) => a - b)[runs.length >> 1] ?? 0,
    runs,
    consistent,
  };
  return recompute;
}
