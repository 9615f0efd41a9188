// Runs a Worker under workerd through miniflare's `Miniflare` class — the runtime `wrangler dev` wraps,
// without its proxy, which adds a hop and distorts latency (STYLE.md "Known traps"). The app runs as the
// bundle `wrangler deploy --dry-run` produces, i.e. the code that would be deployed.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type * as MiniflareModule from 'miniflare';
import { D1_ID, wrangler } from '../gen/database.ts';

// miniflare as wrangler itself resolves it: wrangler pins its own miniflare (and so its workerd), which
// may differ from the copy hoisted for @cloudflare/vitest-plugin. Measuring the runtime `wrangler dev`
// and `wrangler deploy` users get is the point.
const { Miniflare, convertV4MiniflareOptions } = createRequire(createRequire(import.meta.url).resolve('wrangler/package.json'))(
  'miniflare',
) as typeof MiniflareModule;
type Miniflare = MiniflareModule.Miniflare;

export const OUT = 'bench/.out';
const COMPAT = /compatibility_date\s*=\s*"([^"]+)"/.exec(readFileSync('wrangler.toml', 'utf8'))?.[1] ?? '2026-11-01';

/** Builds the app as `wrangler deploy` would and returns its entry and size (raw, gzip -9, brotli). */
export function buildApp() {
  const dir = join(OUT, 'worker');
  wrangler(['deploy', '--dry-run', '--outdir', dir]);
  const js = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const bytes = js.map((f) => readFileSync(join(dir, f)));
  const sum = (f: (b: Buffer) => number) => bytes.reduce((n, b) => n + f(b), 0);
  return {
    script: join(dir, 'index.js'),
    raw: sum((b) => b.length),
    gzip: sum((b) => gzipSync(b, { level: 9 }).length),
    brotli: sum((b) => brotliCompressSync(b).length),
  };
}

export type Running = { url: URL; pid: number; mf: Miniflare; stop(): Promise<void> };

/** Starts `script` on a free loopback port with D1 persisted in `persist` (a generator directory). */
export async function startWorker(
  script: string,
  persist: string,
  bindings: Record<string, string>,
  inspectorPort?: number,
  /** Modules `script` imports from its directory (miniflare does not follow a bundle's imports itself). */
  imports: string[] = [],
): Promise<Running> {
  const before = new Set(childPids('workerd'));
  const root = dirname(resolve(script));
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      ...(imports.length
        ? { modules: [script, ...imports].map((f) => ({ type: 'ESModule' as const, path: resolve(root, basename(f)) })) }
        : { modules: true, scriptPath: resolve(script) }),
      modulesRoot: root,
      compatibilityDate: COMPAT,
      d1Databases: { DB: D1_ID },
      bindings,
      resourcePersistencePath: resolve(persist, 'v3'),
      host: '127.0.0.1',
      port: 0,
      // On by default: every request is then also reported to this Node process over a loopback call,
      // which costs the load generator's core more than the Worker itself (≈ 650 → … requests/s).
      logRequests: false,
      inspectorPort,
    }),
  );
  const url = await mf.ready;
  const pid = childPids('workerd').find((p) => !before.has(p));
  if (!pid) throw new Error('workerd process not found');
  return { url, pid, mf, stop: () => mf.dispose() };
}

/** Child processes of this Node process with the given command name. */
function childPids(comm: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces, so split after the closing parenthesis.
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (name === comm && ppid === process.pid) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/**
 * VmRSS and VmHWM of a process, and RssAnon — the part that is the process's own heap (V8's and
 * SQLite's caches) rather than pages of files it reads, which the kernel can drop — in KiB.
 */
export function memoryOf(pid: number): { rss: number; hwm: number; anon: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS'), hwm: kib('VmHWM'), anon: kib('RssAnon') };
}

/** User + system CPU time a process has used, in seconds (clock ticks are 1/100 s on Linux). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

let cores: number | undefined;
/**
 * Pins every thread of `pid` to the CPUs `cpus` ("1", "0-1") with taskset (util-linux), so the load
 * generator and the server do not steal each other's core. False when taskset is missing or there is
 * a single core; `unpin` gives a process every core back.
 */
export function pin(pid: number, cpus: string): boolean {
  if (cores === undefined) {
    try {
      statSync('/usr/bin/taskset');
      cores = (readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm) ?? []).length;
    } catch {
      cores = 0;
    }
  }
  if (cores < 2) return false;
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
  return true;
}
export const unpin = (pid: number) => cores !== undefined && cores > 1 && pin(pid, `0-${cores - 1}`);
