// Worker start-up CPU (DESIGN §8: ≤ 15 ms active, median of 5, beside a minimal Hono Worker measured in
// the same run). `wrangler check startup --worker <bundle>` loads the bundle in workerd behind an entry
// that imports it on the first request, profiles that import over the inspector and writes the
// .cpuprofile; bench/lib/cpuprofile.ts reads its active time. Both Workers are built as `wrangler
// deploy` builds them (the app from wrangler.toml, the floor from bench/minimal-worker/) and profiled
// alternately, so a busy moment of this shared machine falls on both.
import { mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { wrangler } from '../gen/database.ts';
import { type CpuProfile, type StartupSummary, summarize } from '../lib/cpuprofile.ts';
import { OUT } from '../lib/worker.ts';

/**
 * `median` is the figure DESIGN §8 targets. `afterFirstTickMedian` leaves out each run's first active
 * tick, which also carries idle time (lib/cpuprofile.ts): what the Worker's own code costs, near enough.
 */
export type StartupSeries = { runs: StartupSummary[]; median: number; afterFirstTickMedian: number };
/** `load`: the machine's 1-minute load average before and after, since other work on it shows in the figure. */
export type StartupFigures = { app: StartupSeries; minimal: StartupSeries; load?: [before: number, after: number] };

const WORKERS = { app: 'wrangler.toml', minimal: 'bench/minimal-worker/wrangler.toml' } as const;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

export function startupBench(runs: number): StartupFigures {
  const dir = join(OUT, 'startup');
  mkdirSync(dir, { recursive: true });
  const names = Object.keys(WORKERS) as (keyof typeof WORKERS)[];
  const bundle = (name: string) => join(dir, `${name}.bundle`);
  for (const name of names) wrangler(['deploy', '--dry-run', '--config', WORKERS[name], '--outfile', bundle(name)]);
  const series = { app: [] as StartupSummary[], minimal: [] as StartupSummary[] };
  const before = loadavg()[0] ?? 0;
  for (let i = 0; i < runs; i++) {
    for (const name of names) {
      const profile = join(dir, `${name}-${i + 1}.cpuprofile`);
      wrangler(['check', 'startup', '--worker', bundle(name), '--outfile', profile]);
      series[name].push(summarize(JSON.parse(readFileSync(profile, 'utf8')) as CpuProfile));
    }
  }
  const of = (s: StartupSummary[]): StartupSeries => ({
    runs: s,
    median: median(s.map((r) => r.activeMs)),
    afterFirstTickMedian: median(s.map((r) => r.activeMs - r.firstTickMs)),
  });
  return { app: of(series.app), minimal: of(series.minimal), load: [before, loadavg()[0] ?? 0] };
}
