// Reads the .cpuprofile that `wrangler check startup` writes (a V8 Profiler.stop result: a call tree
// of nodes, the node sampled at each tick and the microseconds before each tick). The figures are
// wrangler's own summary (workers-sdk deploy-helpers/src/startup-profile.ts summarizeStartupProfile):
// every tick's delta counts for the node sampled at it; "active" is all of it except "(idle)", garbage
// collection included — the CPU the isolate spent loading the Worker.
//
// `firstTickMs` is the delta of the first non-idle tick. workerd samples an idle isolate only every
// 5–25 ms, so that tick also carries the idle time since the last idle sample: the minimal Hono Worker,
// whose whole start-up fits in one tick, reads either 0 or ≈ 10 ms depending on whether a tick lands.
export type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
};
export type StartupSummary = { activeMs: number; gcMs: number; idleMs: number; firstTickMs: number; samples: number };

export function summarize(profile: CpuProfile): StartupSummary {
  const names = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
  const samples = profile.samples ?? [];
  let sampled = 0;
  let idle = 0;
  let gc = 0;
  let firstTick: number | undefined;
  for (const [i, delta] of (profile.timeDeltas ?? []).entries()) {
    sampled += delta;
    const name = names.get(samples[i] ?? 0);
    if (name === '(idle)') idle += delta;
    else {
      firstTick ??= delta;
      if (name === '(garbage collector)') gc += delta;
    }
  }
  return {
    activeMs: (sampled - idle) / 1000,
    gcMs: gc / 1000,
    idleMs: idle / 1000,
    firstTickMs: (firstTick ?? 0) / 1000,
    samples: samples.length,
  };
}
