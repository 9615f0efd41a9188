// The daily run on one server (issue 23): what the Cron Trigger does on Workers (wrangler.toml
// [triggers], worker/index.ts scheduled), here a timer in the server process at 00:05 Beijing time,
// under a file lock so two processes on one DATA_DIR never run it at once, followed by the backup.
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { CHINA_OFFSET_MS, DAY_MS } from '../schema/rules/china-time.ts';
import { runDaily } from '../worker/daily/daily-run';
import { createDb } from '../worker/lib/db';
import { backupDatabase } from './backup.ts';
import { releaseFileLock, takeFileLock } from './file-lock.ts';

/** 00:05 in Beijing, as milliseconds into the China day. */
const AT_MS = 5 * 60_000;

/** The next 00:05 Beijing time strictly after `now`. */
export function nextDailyRun(now: number): number {
  const local = now + CHINA_OFFSET_MS;
  const today = Math.floor(local / DAY_MS) * DAY_MS + AT_MS;
  return (local < today ? today : today + DAY_MS) - CHINA_OFFSET_MS;
}

export type DailyOptions = { env: Env; sqlite: DatabaseSync; dataDir: string; backups: string; backupKeep: number };

/** One daily run with its backup; 'skipped' when another process holds the lock. */
export async function dailyOnce(o: DailyOptions, now = Date.now()): Promise<'done' | 'skipped'> {
  const lock = join(o.dataDir, 'daily.lock');
  if (!takeFileLock(lock)) return 'skipped';
  try {
    const outcomes = await runDaily(createDb(o.env.DB), o.env, now);
    console.log(`daily run: ${outcomes.map((x) => `${x.job} ${x.status}`).join(', ')}`);
    console.log(`backup: ${await backupDatabase(o.sqlite, o.backups, o.backupKeep, now)}`);
    return 'done';
  } finally {
    releaseFileLock(lock);
  }
}

/** Schedules dailyOnce every day at 00:05 Beijing; returns the way to stop it. */
export function scheduleDaily(o: DailyOptions): () => void {
  let timer: NodeJS.Timeout | undefined;
  // A timer may fire a little early: the run is for its instant `at`, and the next one comes after it.
  const arm = (after: number) => {
    const at = nextDailyRun(after);
    timer = setTimeout(
      () =>
        dailyOnce(o, at)
          .catch((err) => console.error('daily run failed', err))
          .finally(() => arm(Math.max(at, Date.now()))),
      Math.max(0, at - Date.now()),
    );
    timer.unref();
  };
  arm(Date.now());
  return () => clearTimeout(timer);
}
