// What keeping figures ready costs each write (issue 20): the triggers raising figure_version
// (worker/stats/figure-sources.ts) fire in every submission's and every memo's batch. The floor Worker
// (bench/floor-worker.js) runs the app's own submission batch, so app ÷ floor cannot show their cost;
// here the same batches run on two copies of one data set, one with the triggers and one without them,
// in the same run:
// - submissions: the floor Worker's batch (the app's SQL, worker/surveys/submit-sql.ts) under the same
//   autocannon load as the submissions step; workerd CPU per submission, p50, throughput;
// - memos: the app's own memo batch (worker/memos/memo-write.ts memoStatements: the memo, one problem,
//   its event and its 待办) through the D1 binding, the same memo to each copy in turn, each batch timed.
import { figureVersionTriggers } from '../../worker/stats/figure-sources.ts';
import * as SUBMIT_SQL from '../../worker/surveys/submit-sql.ts';
import { copyDatabase } from '../gen/database.ts';
import { BENCH_SECRET, type Manifest } from '../gen/generate.ts';
import { median, percentile } from '../lib/http.ts';
import { cpuSeconds, pin, type Running, startWorker, unpin } from '../lib/worker.ts';
import { load, prepare } from './submit.ts';

type Side = {
  submissions: { cpuMs: number; p50: number; rps: number; acknowledged: number };
  memos: { median: number; p95: number; n: number };
};
export type WriteCost = { with: Side; without: Side; memosPerSide: number };

type D1 = {
  prepare(sql: string): { run(): Promise<unknown>; all<T>(): Promise<{ results: T[] }> };
};

export async function writesBench(dir: string, m: Manifest, connections: number, warmup: number, memos: number): Promise<WriteCost> {
  const prepared = prepare(m).slice(0, -1);
  const sides = ['with', 'without'] as const;
  const workers = {} as Record<(typeof sides)[number], { w: Running; d1: D1 }>;
  const out = {} as Record<(typeof sides)[number], Side>;
  try {
    for (const side of sides) {
      const copy = `${dir}-${side}`;
      copyDatabase(dir, copy);
      const w = await startWorker('bench/floor-worker.js', copy, {
        APP_ORIGIN: 'http://127.0.0.1:8787',
        LINK_SECRET: BENCH_SECRET,
        FORM_VERSION_ID: m.formVersionId,
        ...SUBMIT_SQL,
      });
      const d1 = (await w.mf.getD1Database('DB')) as D1;
      workers[side] = { w, d1 };
      if (side === 'without') for (const t of figureVersionTriggers()) await d1.prepare(`DROP TRIGGER ${t.name}`).run();
    }
    // The submissions in chunks, the two sides taking turns (ABBA…), so that neither meets all of the
    // machine's quiet or busy minutes: one side after the other read anywhere from -14 % to +37 % CPU for the
    // same batch in three runs.
    const CHUNKS = 6;
    const measured = prepared.slice(warmup);
    const size = Math.ceil(measured.length / CHUNKS);
    const acc = Object.fromEntries(sides.map((s) => [s, { cpu: 0, ok: 0, seconds: 0, p50: [] as number[] }])) as Record<
      (typeof sides)[number],
      { cpu: number; ok: number; seconds: number; p50: number[] }
    >;
    for (const side of sides) await load(workers[side].w.url, prepared.slice(0, warmup), connections);
    for (let c = 0; c < CHUNKS; c++) {
      const chunk = measured.slice(c * size, (c + 1) * size);
      for (const side of c % 2 ? [...sides].reverse() : sides) {
        const { w } = workers[side];
        const pinned = pin(w.pid, '1') && pin(process.pid, '0');
        if (!pinned) process.stderr.write('writes: not pinned\n');
        const cpu0 = cpuSeconds(w.pid);
        const res = await load(w.url, chunk, connections);
        acc[side].cpu += cpuSeconds(w.pid) - cpu0;
        unpin(w.pid);
        unpin(process.pid);
        // A refused submission costs less than a stored one: the comparison holds only if every one was stored.
        if (res.non2xx + res.errors + res.timeouts > 0)
          throw new Error(`writes (${side} the triggers): ${res.non2xx} refused, ${res.errors} errors`);
        acc[side].ok += res['2xx'];
        acc[side].seconds += res.duration;
        acc[side].p50.push(res.latency.p50);
      }
    }
    for (const side of sides) {
      const a = acc[side];
      out[side] = {
        submissions: { cpuMs: (a.cpu * 1000) / Math.max(1, a.ok), p50: median(a.p50), rps: a.ok / a.seconds, acknowledged: a.ok },
        memos: { median: 0, p95: 0, n: 0 },
      };
    }
    // The memo batches in turn, one with the triggers and one without, so both meet the same moments of load.
    const timed = await memoBatches(
      sides.map((side) => workers[side].d1),
      m.programmeId,
      memos,
    );
    sides.forEach((side, i) => {
      (out[side] as Side).memos = timed[i] as Side['memos'];
    });
  } finally {
    for (const side of sides) await workers[side]?.w.stop();
    unpin(process.pid);
  }
  return { ...out, memosPerSide: memos };
}

// memo-write.ts and lib/db.ts are Worker code whose types need the Worker's ambient ones (Env,
// D1Database), which the bench's Node project does not load: imported by path at run time and typed by
// what is used here.
type Batch = { batch(statements: unknown[]): Promise<unknown> };
const worker = async () => {
  const [{ memoStatements }, { createDb }] = (await Promise.all([
    import(['../../worker/memos', 'memo-write.ts'].join('/')),
    import(['../../worker/lib', 'db.ts'].join('/')),
  ])) as [{ memoStatements(db: Batch, write: object): unknown[] }, { createDb(d1: unknown): Batch }];
  return { memoStatements, createDb };
};

/**
 * `n` memos of the programme's pairings, each the app's batch for a memo raising one problem, written to
 * each of `dbs` in turn (the same memo to each: copies of one data set), each batch timed.
 */
async function memoBatches(dbs: D1[], programmeId: string, n: number) {
  const { memoStatements, createDb } = await worker();
  const clients = dbs.map((d1) => createDb(d1));
  const first = dbs[0] as D1;
  const pairs = (
    await first
      .prepare(
        `SELECT enterprise_id AS e, officer_id AS o FROM assignments WHERE programme_id = '${programmeId}' ORDER BY enterprise_id LIMIT ${n}`,
      )
      .all<{ e: string; o: string }>()
  ).results;
  const ms: number[][] = dbs.map(() => []);
  for (const [i, p] of pairs.entries()) {
    const visitDate = `2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const input = {
      id: crypto.randomUUID(),
      enterpriseId: p.e,
      visitDate,
      mode: 'onsite',
      noRequest: false,
      businessSituation: '生产经营正常',
      policiesExplained: '',
      nextSteps: '',
      problems: [
        {
          index: 0,
          category: 'finance',
          description: '流动资金紧张',
          urgency: 'normal',
          leadUnitId: null,
          supportUnitIds: [],
          deadline: '2026-12-31',
          onSpot: false,
          resolution: '',
        },
      ],
    };
    // Alternate which side goes first, so neither always meets a cache the other just warmed.
    const order = i % 2 ? [...clients.keys()].reverse() : [...clients.keys()];
    for (const k of order) {
      const db = clients[k] as Batch;
      const statements = memoStatements(db, {
        input,
        programmeId,
        officerId: p.o,
        enterpriseName: '企业',
        now: Date.now(),
        defaultDeadline: () => '2026-12-31',
      });
      const t = performance.now();
      await db.batch(statements);
      (ms[k] as number[]).push(performance.now() - t);
    }
  }
  return ms.map((xs) => ({ median: median(xs), p95: percentile(xs, 95), n: xs.length }));
}
