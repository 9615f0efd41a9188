// The three sizes of the run. `full` is what bench/BENCHMARKS.md publishes (the scales of issue 6);
// `quick` is a CI-sized check (< 3 minutes); `smoke` proves in < 60 s that every step still works and
// that nothing is lost, without caring about the figures (it is part of `npm test`).
import type { LedgerSize } from './gen/ledger.ts';
import type { OrgSize } from './gen/org.ts';

export type Mode = 'full' | 'quick' | 'smoke';
export type LighthousePage = 'builtinJsOn' | 'builtinJsOff' | 'surveyjs';
const ALL_PAGES: LighthousePage[] = ['builtinJsOn', 'builtinJsOff', 'surveyjs'];
export type ModeConfig = {
  /** The programme every statistics and submission data set is built on. */
  base: OrgSize & LedgerSize;
  /** Answer rows of past rounds: the dashboards are timed at each; the recompute at the last. */
  scales: number[];
  recomputeRuns: number;
  dashboardTimes: number;
  /** Submissions: untimed warm-up, then the measured requests, each once for the app and the floor. */
  warmup: number;
  requests: number;
  connections: number;
  /** Memo batches timed with and without the triggers keeping figures ready (issue 20), each. */
  memoWrites: number;
  /** Rows of the responses CSV (one round answered by that many enterprises). */
  exports: number[];
  /** Of those data sets, the ones whose responses are also downloaded as .xlsx (issue 21). */
  xlsxExports: number[];
  /** Lighthouse runs per page (the median is kept); 0 skips Lighthouse. */
  lighthouseRuns: number;
  lighthousePages: LighthousePage[];
  /** `wrangler check startup` runs per Worker (app and minimal Hono Worker, alternating); the median is kept. */
  startupRuns: number;
};

export const MODES: Record<Mode, ModeConfig> = {
  full: {
    base: { officers: 200, enterprises: 5000, memos: 50_000, problemsPerMemo: 2 },
    scales: [10_000, 100_000, 1_000_000],
    recomputeRuns: 3,
    dashboardTimes: 20,
    warmup: 500,
    requests: 10_000,
    connections: 20,
    memoWrites: 400,
    exports: [100_000, 1_000_000],
    xlsxExports: [100_000, 1_000_000],
    lighthouseRuns: 3,
    lighthousePages: ALL_PAGES,
    startupRuns: 5,
  },
  quick: {
    base: { officers: 50, enterprises: 1000, memos: 5000, problemsPerMemo: 2 },
    scales: [10_000, 100_000],
    recomputeRuns: 3,
    dashboardTimes: 10,
    warmup: 200,
    requests: 2000,
    connections: 20,
    memoWrites: 200,
    exports: [10_000, 50_000],
    xlsxExports: [10_000, 50_000],
    lighthouseRuns: 1,
    lighthousePages: ALL_PAGES,
    startupRuns: 5,
  },
  smoke: {
    base: { officers: 10, enterprises: 200, memos: 300, problemsPerMemo: 2 },
    scales: [3000],
    recomputeRuns: 1,
    dashboardTimes: 3,
    warmup: 20,
    requests: 200,
    connections: 20,
    memoWrites: 20,
    exports: [1000, 3000],
    // One small .xlsx download: enough to notice when the writer breaks, and a second of the smoke run.
    xlsxExports: [1000],
    // One run of one page: enough to notice when Lighthouse or Chromium stops working with these flags.
    lighthouseRuns: 1,
    lighthousePages: ['builtinJsOn'],
    // One profile of each Worker (≈ 10 s with both builds): enough to notice when the step breaks.
    startupRuns: 1,
  },
};
