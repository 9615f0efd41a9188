// Export (DESIGN §7–8): the responses file of one round, CSV or .xlsx, streamed with keyset pagination —
// time to first byte, total time, the workerd process's CPU time, and memory while it streams, sampled
// every 20 ms: the workerd process from /proc (VmRSS, RssAnon; VmHWM at the end) and the Worker
// isolate's V8 heap over the inspector. Flat memory means the heap's peak does not grow with the number
// of rows. The .xlsx file's rows are counted in its sheet part, inflated after the timed download.
import { unzipSync } from 'fflate';
import type { Manifest } from '../gen/generate.ts';
import { freePort, userIsolate } from '../lib/inspector.ts';
import { cpuSeconds, memoryOf, startWorker } from '../lib/worker.ts';

export type ExportFormat = 'csv' | 'xlsx';

export type ExportFigures = {
  /** Absent from runs before the .xlsx export: those measured the CSV. */
  format?: ExportFormat;
  rows: number;
  bytes: number;
  ttfb: number;
  total: number;
  rssBefore: number;
  rssPeak: number;
  anonBefore: number;
  anonPeak: number;
  hwm: number;
  /** The Worker isolate's V8 heap in use, KiB. */
  heapBefore: number;
  heapPeak: number;
  /** Reachable heap (after a full GC) at ¼, ½ and ¾ of a second download — its largest — and after it, KiB. */
  livePeak: number;
  liveAfter: number;
  /**
   * CPU time of the workerd process during the timed download, ms: the Worker's isolate and, in the same
   * process, the local D1's SQLite (which on Cloudflare runs elsewhere and is not the Worker's CPU).
   */
  cpuMs?: number;
  complete: boolean;
};

/** Rows of an .xlsx download: the <row> elements of its data sheet, less the header. */
function xlsxRows(bytes: Uint8Array): number {
  const sheet = unzipSync(bytes, { filter: (f) => f.name === 'xl/worksheets/sheet1.xml' })['xl/worksheets/sheet1.xml'];
  if (!sheet) return 0;
  const open = new TextEncoder().encode('<row ');
  let n = 0;
  for (let i = sheet.indexOf(open[0] ?? 0); i !== -1; i = sheet.indexOf(open[0] ?? 0, i + 1)) {
    if (open.every((b, k) => sheet[i + k] === b)) n++;
  }
  return n - 1;
}

export async function exportBench(
  dir: string,
  m: Manifest,
  script: string,
  bindings: Record<string, string>,
  format: ExportFormat = 'csv',
): Promise<ExportFigures> {
  const port = await freePort();
  const w = await startWorker(script, dir, bindings, port);
  const isolate = await userIsolate(port);
  try {
    const headers = { cookie: `__Host-sid=${m.adminCookie}` };
    const campaign = m.campaignIds[0];
    // Warm the isolate (and the session's last-seen write) so the figures are the download's alone.
    await (await fetch(`${w.url.origin}/admin/exports?programme=${m.programmeId}`, { headers })).arrayBuffer();
    const { rss: rssBefore, anon: anonBefore } = memoryOf(w.pid);
    const heapBefore = (await isolate.heapUsed()) / 1024;
    let rssPeak = rssBefore;
    let anonPeak = anonBefore;
    let heapPeak = heapBefore;
    const sampler = setInterval(async () => {
      const now = memoryOf(w.pid);
      rssPeak = Math.max(rssPeak, now.rss);
      anonPeak = Math.max(anonPeak, now.anon);
      heapPeak = Math.max(heapPeak, (await isolate.heapUsed()) / 1024);
    }, 20);
    const path = `/admin/exports/responses.${format}?campaign=${campaign}`;
    const cpuBefore = cpuSeconds(w.pid);
    const t = performance.now();
    const res = await fetch(`${w.url.origin}${path}`, { headers });
    if (res.status !== 200 || !res.body) throw new Error(`${path} answered ${res.status}`);
    let ttfb = 0;
    let bytes = 0;
    let lines = 0;
    const chunks: Uint8Array[] = [];
    const reader = res.body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      const chunk = r.value;
      if (!ttfb) ttfb = performance.now() - t;
      bytes += chunk.length;
      if (format === 'xlsx') chunks.push(chunk);
      else for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    }
    const total = performance.now() - t;
    const cpuMs = (cpuSeconds(w.pid) - cpuBefore) * 1000;
    clearInterval(sampler);
    const rows = format === 'xlsx' ? xlsxRows(Buffer.concat(chunks)) : lines - 1; // less the header
    const hwm = memoryOf(w.pid).hwm;
    // Reachable memory, which is what "flat" is about: a second download, paused at a quarter, half and
    // three quarters of the file for a full collection (a heap snapshot) each, so that garbage V8 has not
    // collected yet does not count. Separate from the timed download, whose figures the pauses would spoil.
    let livePeak = 0;
    const again = await fetch(`${w.url.origin}${path}`, { headers });
    const reader2 = again.body?.getReader();
    let read = 0;
    let mark = 1;
    for (let r = await reader2?.read(); r && !r.done; r = await reader2?.read()) {
      read += r.value.length;
      if (read >= (mark * bytes) / 4 && mark < 4) {
        mark++;
        livePeak = Math.max(livePeak, (await isolate.liveHeap()) / 1024);
      }
    }
    const liveAfter = (await isolate.liveHeap()) / 1024;
    return {
      format,
      rows,
      bytes,
      ttfb,
      total,
      rssBefore,
      rssPeak,
      anonBefore,
      anonPeak,
      hwm,
      heapBefore,
      heapPeak,
      livePeak,
      liveAfter,
      cpuMs,
      complete: rows === m.counts.responses,
    };
  } finally {
    await w.stop();
  }
}
