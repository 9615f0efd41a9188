// `npm run bench:selfhost [-- --quick]` (issue 23): the same data set served by workerd (the deployed
// bundle under miniflare, as every other bench step) and by the Node server (`npm run serve`'s bundle on
// node:sqlite), in one run: the dashboards' median times and the submissions' throughput, as ratios
// Node / workerd. Both start from identical copies of the database; afterwards each must hold exactly
// the submissions it acknowledged.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { copyDatabase, DATA, sqliteFile } from './gen/database.ts';
import { BENCH_SECRET, generate, type Manifest } from './gen/generate.ts';
import { timeGets } from './lib/http.ts';
import { buildApp, cpuSeconds, startWorker } from './lib/worker.ts';
import { load, prepare } from './steps/submit.ts';

const { values: args } = parseArgs({ options: { quick: { type: 'boolean' } } });
const size = args.quick
  ? { base: { officers: 50, enterprises: 1000, memos: 5000, problemsPerMemo: 2 }, answers: 100_000, requests: 2000, warmup: 200, times: 10 }
  : { base: { officers: 10, enterprises: 200, memos: 300, problemsPerMemo: 2 }, answers: 3000, requests: 400, warmup: 50, times: 5 };
const CONNECTIONS = 20;
const bindings = { APP_ORIGIN: 'http://127.0.0.1:8787', LINK_SECRET: BENCH_SECRET };

type Figures = {
  overview: number;
  round: number;
  adminHome: number;
  rps: number;
  p50: number;
  p99: number;
  acknowledged: number;
  stored: number;
  cpuMs: number;
};

async function measure(base: string, pid: number, m: Manifest, stored: () => Promise<number>): Promise<Figures> {
  const headers = { cookie: `__Host-sid=${m.adminCookie}` };
  const adminHome = (await timeGets(`${base}/admin`, headers, size.times)).median;
  const overview = (await timeGets(`${base}/admin/stats?programme=${m.programmeId}`, headers, size.times)).median;
  const round = (await timeGets(`${base}/admin/stats/rounds/${m.campaignIds.at(-1)}`, headers, size.times)).median;
  const list = prepare(m).slice(0, -1);
  const warm = await load(new URL(base), list.slice(0, size.warmup), CONNECTIONS);
  const cpu0 = cpuSeconds(pid);
  const res = await load(new URL(base), list.slice(size.warmup), CONNECTIONS);
  const cpuMs = ((cpuSeconds(pid) - cpu0) * 1000) / Math.max(1, res['2xx']);
  const acknowledged = warm['2xx'] + res['2xx'];
  return {
    adminHome,
    overview,
    round,
    rps: res['2xx'] / res.duration,
    p50: res.latency.p50,
    p99: res.latency.p99,
    acknowledged,
    stored: await stored(),
    cpuMs,
  };
}

const rounds = (m: Manifest) => [...new Set(m.links.map((l) => `'${l.campaignId}'`))].join(',');
const countIn = (db: DatabaseSync, m: Manifest) =>
  (db.prepare(`SELECT count(*) AS n FROM responses WHERE campaign_id IN (${rounds(m)})`).get() as { n: number }).n;

const dir = join(DATA, 'selfhost');
console.error('generating…');
const m = generate(dir, { ...size.base, answers: size.answers, openLinks: size.warmup + size.requests + 1 });
execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'server/vite.config.ts', '--logLevel', 'warn'], {
  stdio: 'inherit',
});
const app = buildApp();

// workerd
copyDatabase(dir, `${dir}-workerd`);
const w = await startWorker(app.script, `${dir}-workerd`, bindings);
let workerd: Figures;
try {
  const before = (await w.mf.getD1Database('DB')) as { prepare(sql: string): { first(col: string): Promise<unknown> } };
  workerd = await measure(w.url.origin, w.pid, m, async () =>
    Number((await before.prepare(`SELECT count(*) AS n FROM responses WHERE campaign_id IN (${rounds(m)})`).first('n')) ?? 0),
  );
} finally {
  await w.stop();
}

// Node: the same start state, copied out of the generator's D1 file with SQLite's backup API.
const dataDir = `${dir}-node`;
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const source = new DatabaseSync(sqliteFile(dir), { readOnly: true });
await backup(source, join(dataDir, 'db.sqlite'));
source.close();
const port = 20000 + Math.floor(Math.random() * 20000);
const child: ChildProcess = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'dist/server/main.js'], {
  env: { PATH: process.env.PATH, ...bindings, PORT: String(port), DATA_DIR: dataDir } as unknown as NodeJS.ProcessEnv,
  stdio: ['ignore', 'ignore', 'inherit'],
});
let node: Figures;
try {
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++)
    if (
      await fetch(`${base}/login`).then(
        () => true,
        () => false,
      )
    )
      break;
    else await new Promise((r) => setTimeout(r, 100));
  const db = new DatabaseSync(join(dataDir, 'db.sqlite'), { readOnly: true });
  node = await measure(base, child.pid as number, m, async () => countIn(db, m));
  db.close();
} finally {
  child.kill('SIGTERM');
}

const row = (name: string, k: keyof Figures, digits = 1) =>
  `| ${name} | ${workerd[k].toFixed(digits)} | ${node[k].toFixed(digits)} | ${(node[k] / workerd[k]).toFixed(2)} |`;
console.log(
  [
    `Node / workerd, one run (${m.counts.answers} answers, ${size.requests} measured submissions, ${CONNECTIONS} connections):`,
    '| figure | workerd | Node | Node / workerd |',
    '|---|---|---|---|',
    row('GET /admin, median ms', 'adminHome'),
    row('programme overview, median ms', 'overview'),
    row('round page, median ms', 'round'),
    row('submissions / s', 'rps', 0),
    row('submission p50 ms', 'p50'),
    row('submission p99 ms', 'p99'),
    row('server CPU ms per submission', 'cpuMs', 2),
    `stored = acknowledged: workerd ${workerd.stored}/${workerd.acknowledged}, Node ${node.stored}/${node.acknowledged}`,
  ].join('\n'),
);
process.exit(workerd.stored === workerd.acknowledged && node.stored === node.acknowledged ? 0 : 1);
