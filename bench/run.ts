// `npm run bench` — the benchmark suite of issue 6 (DESIGN §8). Builds the app as deployed, generates
// the data sets, measures page weight (+ Lighthouse), submissions (app vs floor), dashboards and the
// recompute, the CSV export, the bundle and its start-up CPU (beside a minimal Hono Worker), then
// writes the table: bench/BENCHMARKS.md for the full run, bench/.out/BENCHMARKS-<mode>.md otherwise.
//   npm run bench                 full scale, the published figures
//   npm run bench -- --quick      CI-sized (< 3 min)
//   npm run bench -- --smoke      < 60 s, fails when a step breaks or a submission is lost (npm test)
//   npm run bench -- --exports-only   the export step alone (CSV and .xlsx), reported under bench/.out
//   npm run bench -- --stats-only     the dashboards and the recompute alone (issue 20), reported under bench/.out
//   add --rows 100000 (comma-separated) to run the export step at those of the mode's data sets only
//   add --keep to keep the generated databases under bench/.data; --render rewrites the report only
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATA } from './gen/database.ts';
import { BENCH_SECRET, generate, type Spec } from './gen/generate.ts';
import { machine, versions } from './lib/env-info.ts';
import { buildApp, OUT } from './lib/worker.ts';
import { MODES, type Mode } from './modes.ts';
import { problems, type Results, renderReport } from './report.ts';
import { exportBench } from './steps/export.ts';
import { CHROME, lighthouse } from './steps/lighthouse.ts';
import { pageWeight, serve } from './steps/page-weight.ts';
import { startupBench } from './steps/startup.ts';
import { statsBench } from './steps/stats.ts';
import { submitBench } from './steps/submit.ts';
import { writesBench } from './steps/writes.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    smoke: { type: 'boolean' },
    keep: { type: 'boolean' },
    render: { type: 'boolean' },
    'exports-only': { type: 'boolean' },
    'stats-only': { type: 'boolean' },
    rows: { type: 'string' },
  },
});
const mode: Mode = args.smoke ? 'smoke' : args.quick ? 'quick' : 'full';
const only = args['exports-only'] ? '-exports' : args['stats-only'] ? '-stats' : '';
const reportFile = mode === 'full' && !only ? 'bench/BENCHMARKS.md' : join(OUT, `BENCHMARKS-${mode}${only}.md`);
const resultsFile = join(OUT, `results-${mode}${only}.json`);
// --render: only write the report again from the last run's figures (after editing bench/notes.md).
if (args.render) {
  writeFileSync(reportFile, renderReport(JSON.parse(readFileSync(resultsFile, 'utf8')) as Results));
  process.exit(0);
}
const cfg = MODES[mode];
// --rows: the export data sets to run, of the mode's (the 1 M-row one alone takes ≈ 10 minutes to generate).
const exportRows = args.rows ? args.rows.split(',').map(Number) : cfg.exports;
const unknownRows = exportRows.filter((n) => !cfg.exports.includes(n));
if (unknownRows.length) throw new Error(`--rows ${unknownRows.join(',')}: not a data set of this mode (${cfg.exports.join(', ')})`);
const bindings = { APP_ORIGIN: 'http://127.0.0.1:8787', LINK_SECRET: BENCH_SECRET };
const t0 = performance.now();
const log = (msg: string) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);

async function step<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  log(`${name}…`);
  const t = performance.now();
  const value = await fn();
  log(`${name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return value;
}
const dataSet = (name: string, spec: Spec) => step(`generate ${name}`, () => generate(join(DATA, `${mode}-${name}`), spec));
/** Data sets are large (the 1 M-row export takes gigabytes): each goes once measured, unless --keep. */
const drop = (dir: string) => {
  if (!args.keep) for (const suffix of ['', '-app', '-floor']) rmSync(`${dir}${suffix}`, { recursive: true, force: true });
};

mkdirSync(OUT, { recursive: true });
const flags = [mode === 'full' ? '' : `--${mode}`, only ? `-${only}-only` : '', args.rows ? `--rows ${args.rows}` : '']
  .filter(Boolean)
  .join(' ');
const results: Results = {
  mode,
  date: new Date().toISOString(),
  command: `npm run bench${flags ? ` -- ${flags}` : ''}`,
  machine: machine(),
  versions: versions(),
  config: cfg,
  dashboards: [],
  exports: [],
  generation: [],
};

// The browser assets (the survey's stylesheet and script) and the Worker exactly as deployed.
await step('vite build', () => {
  if (mode === 'smoke' && existsSync('dist/client/assets/respondent.css')) return; // npm test has just built them
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
});
const app = await step('worker bundle (wrangler deploy --dry-run)', buildApp);
results.bundle = { raw: app.raw, gzip: app.gzip, brotli: app.brotli };
if (only !== '-stats')
  results.startup = await step(`start-up CPU (wrangler check startup, ${cfg.startupRuns} × app and minimal Worker)`, () =>
    startupBench(cfg.startupRuns),
  );

// Submissions and the survey page: a programme with past rounds and open links.
if (!only || only === '-stats') await steps();
async function steps() {
  if (only !== '-stats') await surveySteps();
  await writesSteps();
  await statsSteps();
}
/** Issue 20: what the triggers keeping figures ready cost the submission and memo batches, in the same run as the dashboards. */
async function writesSteps() {
  const dir = join(DATA, `${mode}-writes`);
  const m = await dataSet('writes', { ...cfg.base, answers: cfg.scales[0] ?? 0, openLinks: cfg.warmup + cfg.requests + 1 });
  results.generation.push({ name: 'writes', counts: m.counts, seconds: m.seconds });
  results.writes = await step('write cost of kept figures (submissions and memos, with and without the triggers)', () =>
    writesBench(dir, m, cfg.connections, cfg.warmup, cfg.memoWrites),
  );
  for (const side of ['-with', '-without']) rmSync(`${dir}${side}`, { recursive: true, force: true });
  drop(dir);
}
async function surveySteps() {
  const subDir = join(DATA, `${mode}-submit`);
  const sub = await dataSet('submit', { ...cfg.base, answers: cfg.scales[0] ?? 0, openLinks: cfg.warmup + cfg.requests + 1 });
  results.generation.push({ name: 'submit', counts: sub.counts, seconds: sub.seconds });
  results.submit = await step(`submissions (${cfg.requests} + ${cfg.warmup} warm-up, app and floor)`, () =>
    submitBench(subDir, sub, app.script, cfg.connections, cfg.warmup),
  );
  const pw = await step('page weight', () => pageWeight(subDir, sub, app.script, bindings));
  const { assets, ...weights } = pw;
  results.pageWeight = weights;
  drop(subDir);
  if (cfg.lighthouseRuns > 0 && !existsSync(CHROME)) log(`Lighthouse skipped: no Chromium at ${CHROME} (apt-get install chromium)`);
  else if (cfg.lighthouseRuns > 0) {
    const site = await serve(assets);
    const pages = {
      builtinJsOn: ['/s', 'built-in survey'],
      builtinJsOff: ['/s-nojs', 'built-in survey, no script'],
      surveyjs: ['/surveyjs/', 'SurveyJS'],
    };
    results.lighthouse = {};
    try {
      for (const page of cfg.lighthousePages) {
        const [path, title] = pages[page];
        results.lighthouse[page] = await step(`lighthouse: ${title}`, () => lighthouse(`${site.origin}${path}`, page, cfg.lighthouseRuns));
      }
    } finally {
      site.server.close();
    }
  }
}
async function statsSteps() {
  // Dashboards at each scale; the recompute at the largest.
  for (const [i, answers] of cfg.scales.entries()) {
    const dir = join(DATA, `${mode}-stats-${answers}`);
    const m = await dataSet(`stats-${answers}`, { ...cfg.base, answers });
    results.generation.push({ name: `stats-${answers}`, counts: m.counts, seconds: m.seconds });
    const last = i === cfg.scales.length - 1;
    const r = await step(`dashboards at ${m.counts.answers} answers`, () =>
      statsBench(dir, m, app.script, bindings, { times: cfg.dashboardTimes, recompute: last ? cfg.recomputeRuns : 0 }),
    );
    results.dashboards.push(r.dashboard);
    if (r.recompute) results.recompute = r.recompute;
    drop(dir);
  }
}

// The responses CSV of one round answered by `rows` enterprises.
for (const rows of only === '-stats' ? [] : exportRows) {
  const dir = join(DATA, `${mode}-export-${rows}`);
  const m = await dataSet(`export-${rows}`, {
    officers: 20,
    enterprises: rows,
    memos: 0,
    problemsPerMemo: 0,
    answers: 0,
    oneFullRound: true,
  });
  results.generation.push({ name: `export-${rows}`, counts: m.counts, seconds: m.seconds });
  results.exports.push(await step(`responses.csv, ${rows} rows`, () => exportBench(dir, m, app.script, bindings)));
  if (cfg.xlsxExports.includes(rows))
    results.exports.push(await step(`responses.xlsx, ${rows} rows`, () => exportBench(dir, m, app.script, bindings, 'xlsx')));
  drop(dir);
}

results.seconds = (performance.now() - t0) / 1000;
const report = renderReport(results);
writeFileSync(reportFile, report);
writeFileSync(resultsFile, JSON.stringify(results, null, 2));
process.stdout.write(`${report}\n`);
log(`wrote ${reportFile} in ${results.seconds.toFixed(0)} s`);

// Integrity is never optional: a lost or duplicated answer, a broken step or an incomplete file fails.
const broken = problems(results);
if (broken.length) {
  process.stderr.write(`\nbench: FAILED\n${broken.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
