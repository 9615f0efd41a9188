// Lighthouse (npm) in Debian's Chromium: mobile form factor, simulated throttling with Lighthouse's
// Slow 4G preset (its default mobile profile, spelt out here so the figures say what they assume):
// 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, 4× CPU slowdown. https://github.com/GoogleChrome/lighthouse/blob/main/docs/throttling.md
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { median } from '../lib/http.ts';
import { OUT } from '../lib/worker.ts';

export const CHROME = '/usr/bin/chromium';
const FLAGS = '--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync';
/** lighthouse-core/config/constants.js throttling.mobileSlow4G. */
const SLOW_4G = {
  rttMs: 150,
  throughputKbps: 1638.4,
  requestLatencyMs: 562.5,
  downloadThroughputKbps: 1474.56,
  uploadThroughputKbps: 675,
  cpuSlowdownMultiplier: 4,
};

export type LighthouseFigures = { fcp: number; lcp: number; tbt: number; bytes: number; runs: number };

type Report = { audits: Record<string, { numericValue?: number }>; runtimeError?: { message: string } };

/** `runs` Lighthouse runs of `url`; each figure is the median over the runs. */
export async function lighthouse(url: string, name: string, runs: number): Promise<LighthouseFigures> {
  const dir = join(OUT, 'lighthouse');
  mkdirSync(dir, { recursive: true });
  const reports: Report[] = [];
  for (let i = 0; i < runs; i++) {
    const out = join(dir, `${name}-${i + 1}.json`);
    // Asynchronous: the page server runs in this very process and must keep answering.
    await promisify(execFile)(
      process.execPath,
      [
        'node_modules/lighthouse/cli/index.js',
        url,
        '--quiet',
        '--output=json',
        `--output-path=${out}`,
        '--only-categories=performance',
        '--form-factor=mobile',
        '--throttling-method=simulate',
        ...Object.entries(SLOW_4G).map(([k, v]) => `--throttling.${k}=${v}`),
        `--chrome-flags=${FLAGS}`,
      ],
      { env: { ...process.env, CHROME_PATH: CHROME }, maxBuffer: 64 * 1024 * 1024 },
    );
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    if (report.runtimeError) throw new Error(`Lighthouse: ${report.runtimeError.message}`);
    reports.push(report);
  }
  const metric = (id: string) => median(reports.map((r) => r.audits[id]?.numericValue ?? Number.NaN));
  return {
    fcp: metric('first-contentful-paint'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    bytes: metric('total-byte-weight'),
    runs,
  };
}
