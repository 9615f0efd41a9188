// The daily run on one server (server/daily-schedule.ts): the Worker's runDaily under the file lock,
// then the backup; a second process finds the lock held and runs nothing.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dailyOnce } from '../../server/daily-schedule.ts';
import { dataPaths } from '../../server/env.ts';
import { dailyJobs } from '../../worker/daily/jobs';
import { dataDir, env, sqlite } from './node-env';

const options = () => ({ env, sqlite, dataDir, backups: dataPaths(dataDir).backups, backupKeep: 2 });
const runsOf = (day: string) =>
  sqlite.prepare('SELECT job, status FROM daily_runs WHERE day = ? ORDER BY job').all(day) as { job: string; status: string }[];

describe('the daily run in the server process', () => {
  it('runs every job once for the day, backs up, and releases its lock', async () => {
    const at = Date.parse('2026-12-07T16:05:00Z'); // 00:05 on 12-08 in Beijing
    expect(await dailyOnce(options(), at)).toBe('done');
    const runs = runsOf('2026-12-08');
    expect(runs.map((r) => r.job).sort()).toEqual(
      dailyJobs()
        .map((j) => j.name)
        .sort(),
    );
    expect(runs.every((r) => r.status === 'done')).toBe(true);
    expect(readdirSync(dataPaths(dataDir).backups)).toEqual(['db-2026-12-08.sqlite']);
    expect(existsSync(join(dataDir, 'daily.lock'))).toBe(false);
  });

  it('runs nothing while another living process holds the lock', async () => {
    // This process's parent stands in for a second server on the same DATA_DIR.
    writeFileSync(join(dataDir, 'daily.lock'), String(process.ppid));
    const at = Date.parse('2026-12-08T16:05:00Z');
    expect(await dailyOnce(options(), at)).toBe('skipped');
    expect(runsOf('2026-12-09')).toEqual([]);
    expect(readdirSync(dataPaths(dataDir).backups)).toEqual(['db-2026-12-08.sqlite']);
  });
});
