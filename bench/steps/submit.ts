// Submission throughput and latency (DESIGN §8): autocannon at loopback POSTs valid form bodies to
// /s?round=…, each request with the cookie of its own personal link, against the app under workerd and,
// from an identical copy of the database, against the floor Worker (bench/floor-worker.js). Afterwards
// the database must hold exactly the acknowledged submissions: no loss, no duplicate, rollups in step.
import autocannon from 'autocannon';
import { validateAnswers } from '../../schema/answers.ts';
import { TEMPLATES } from '../../schema/form-templates.ts';
import * as SUBMIT_SQL from '../../worker/surveys/submit-sql.ts';
import { answerValues } from '../gen/answers.ts';
import { copyDatabase } from '../gen/database.ts';
import { BENCH_SECRET, type Manifest } from '../gen/generate.ts';
import { timeGets } from '../lib/http.ts';
import { rng } from '../lib/prng.ts';
import { cpuSeconds, pin, startWorker, unpin } from '../lib/worker.ts';

export type SubmitFigures = {
  requests: number;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  acknowledged: number;
  stored: number;
  lost: number;
  duplicates: number;
  answersOk: boolean;
  rollupsOk: boolean;
  pinned: boolean;
  /** CPU time of the workerd process per acknowledged submission, ms (from /proc/<pid>/stat). */
  cpuMs: number;
};

type Prepared = { path: string; cookie: string; body: string; rows: number; invitationId: string };

export function prepare(m: Manifest): Prepared[] {
  const r = rng('bench/submissions');
  return m.links.map((l) => {
    const values = answerValues(r);
    const result = validateAnswers(TEMPLATES.satisfaction.definition, values, 'form');
    if (!result.ok) throw new Error('invalid benchmark answers');
    return {
      path: `/s?round=${l.campaignId}`,
      cookie: `__Host-sv=${l.token}`,
      body: new URLSearchParams(values).toString(),
      rows: result.rows.length,
      invitationId: l.invitationId,
    };
  });
}

/** One autocannon run over `list`, every request used exactly once. */
export function load(url: URL, list: Prepared[], connections: number) {
  let next = 0;
  return autocannon({
    url: url.origin,
    connections,
    amount: list.length,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const p = list[next++ % list.length] as Prepared;
          return {
            ...req,
            path: p.path,
            body: p.body,
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: p.cookie },
          };
        },
      },
    ],
  });
}

export async function submitBench(dir: string, m: Manifest, script: string, connections = 20, warmup = 200) {
  // The last link is kept for the page-weight capture (GET /s/<token>), never submitted here.
  const prepared = prepare(m).slice(0, -1);
  const out: Record<'app' | 'floor', SubmitFigures> = {} as never;
  let emptyRoundTrip = { median: Number.NaN, p95: Number.NaN, n: 0 };
  for (const target of ['app', 'floor'] as const) {
    const copy = `${dir}-${target}`;
    copyDatabase(dir, copy);
    const w = await startWorker(target === 'app' ? script : 'bench/floor-worker.js', copy, {
      APP_ORIGIN: 'http://127.0.0.1:8787',
      LINK_SECRET: BENCH_SECRET,
      FORM_VERSION_ID: m.formVersionId,
      ...SUBMIT_SQL,
    });
    // Server on the second core, load generator (this process) on the first.
    const pinned = pin(w.pid, '1') && pin(process.pid, '0');
    try {
      const warm = await load(w.url, prepared.slice(0, warmup), connections);
      const cpu0 = cpuSeconds(w.pid);
      const res = await load(w.url, prepared.slice(warmup), connections);
      const cpuMs = ((cpuSeconds(w.pid) - cpu0) * 1000) / Math.max(1, res['2xx']);
      const acknowledged = warm['2xx'] + res['2xx'];
      out[target] = {
        requests: res.requests.total,
        connections,
        rps: res['2xx'] / res.duration,
        p50: res.latency.p50,
        p99: res.latency.p99,
        errors: warm.errors + res.errors + warm.timeouts + res.timeouts,
        non2xx: warm.non2xx + res.non2xx,
        acknowledged,
        pinned,
        cpuMs,
        ...(await verify(w.mf, prepared, m, acknowledged)),
      };
      if (target === 'floor') {
        unpin(w.pid);
        unpin(process.pid);
        emptyRoundTrip = await timeGets(`${w.url.origin}/`, {}, 50);
      }
    } finally {
      await w.stop();
      unpin(process.pid);
    }
  }
  return { ...out, ratio: out.app.rps / out.floor.rps, emptyRoundTrip };
}

type D1 = { prepare(sql: string): { first<T>(): Promise<T | null>; all<T>(): Promise<{ results: T[] }> } };

/** Compares the stored rows of the benchmark rounds with what was acknowledged and what was sent. */
async function verify(mf: { getD1Database(name: string): Promise<unknown> }, list: Prepared[], m: Manifest, acknowledged: number) {
  const db = (await mf.getD1Database('DB')) as D1;
  const rounds = [...new Set(m.links.map((l) => l.campaignId))].map((id) => `'${id}'`).join(',');
  const one = async (sql: string) => Number(Object.values((await db.prepare(sql).first<Record<string, number>>()) ?? { n: 0 })[0]);
  const stored = await one(`SELECT count(*) FROM responses WHERE campaign_id IN (${rounds})`);
  const distinct = await one(`SELECT count(DISTINCT invitation_id) FROM responses WHERE campaign_id IN (${rounds})`);
  const answers = await one(`SELECT count(*) FROM answers WHERE campaign_id IN (${rounds})`);
  const counted = await one(
    `SELECT count(*) FROM answers WHERE campaign_id IN (${rounds}) AND question_key NOT IN ('reason', 'suggestions')`,
  );
  const optionSum = await one(`SELECT coalesce(sum(count), 0) FROM option_counts WHERE campaign_id IN (${rounds})`);
  const counter = await one(`SELECT coalesce(sum(submitted), 0) FROM campaign_counters WHERE campaign_id IN (${rounds})`);
  const marked = await db
    .prepare(`SELECT id FROM invitations WHERE campaign_id IN (${rounds}) AND submitted_at IS NOT NULL`)
    .all<{ id: string }>();
  const rowsOf = new Map(list.map((p) => [p.invitationId, p.rows]));
  const expectedAnswers = marked.results.reduce((n, r) => n + (rowsOf.get(r.id) ?? 0), 0);
  return {
    stored,
    lost: Math.max(0, acknowledged - stored),
    duplicates: stored - distinct + Math.max(0, stored - acknowledged),
    answersOk: answers === expectedAnswers && marked.results.length === stored,
    rollupsOk: optionSum === counted && counter === stored,
  };
}
