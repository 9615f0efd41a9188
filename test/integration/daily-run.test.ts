// The daily run (worker/daily/): the Cron Trigger's handler runs every registered job once per call,
// records what each did, survives a failing job, and never runs one job twice at once.
import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { chinaDate } from '../../schema/rules/china-time';
import { sessions, throttles } from '../../schema/tables';
import { DAILY_CRON } from '../../worker/daily/daily-run';
import { registerJob, unregisterJob } from '../../worker/daily/jobs';
import worker from '../../worker/index';
import { takeLease } from '../../worker/lib/lease';
import { db, makeUser } from '../fixtures';

const wranglerToml =
  Object.values(import.meta.glob<string>('../../wrangler.toml', { query: '?raw', import: 'default', eager: true }))[0] ?? '';

const AT = Date.parse('2026-12-07T16:05:00Z'); // 00:05 on 2026-12-08 in Beijing
const fire = (scheduledTime = AT) =>
  worker.scheduled(createScheduledController({ scheduledTime, cron: DAILY_CRON }), env, createExecutionContext());

const runsOf = (job: string) =>
  db().all<{ day: string; runs: number; status: string; detail: string }>(
    sql`SELECT day, runs, status, detail FROM daily_runs WHERE job = ${job} ORDER BY day`,
  );

afterEach(() => {
  for (const name of ['test-counter', 'test-broken', 'test-after']) unregisterJob(name);
});

describe('the daily run', () => {
  it('is scheduled at 00:05 Beijing time in wrangler.toml', () => {
    expect(DAILY_CRON).toBe('5 16 * * *');
    expect(wranglerToml).toContain(`crons = ["${DAILY_CRON}"]`);
  });

  it('runs a registered job exactly once per call, on the China-time day of the trigger', async () => {
    const seen: { today: string; now: number }[] = [];
    registerJob({
      name: 'test-counter',
      run: async (ctx) => {
        seen.push({ today: ctx.today, now: ctx.now });
        return { detail: `call ${seen.length}` };
      },
    });
    await fire();
    expect(seen).toEqual([{ today: '2026-12-08', now: AT }]);
    expect(await runsOf('test-counter')).toEqual([{ day: '2026-12-08', runs: 1, status: 'done', detail: 'call 1' }]);
    await fire();
    expect(seen).toHaveLength(2);
    expect(await runsOf('test-counter')).toEqual([{ day: '2026-12-08', runs: 2, status: 'done', detail: 'call 2' }]);
  });

  it('records a failing job and still runs the jobs after it', async () => {
    let after = 0;
    registerJob({
      name: 'test-broken',
      run: async () => {
        throw new Error('disk on fire');
      },
    });
    registerJob({
      name: 'test-after',
      run: async () => {
        after++;
        return { detail: 'ok' };
      },
    });
    await fire(AT + 86_400_000);
    expect(await runsOf('test-broken')).toEqual([{ day: '2026-12-09', runs: 1, status: 'failed', detail: 'disk on fire' }]);
    expect(after).toBe(1);
  });

  it('skips a job another run is holding', async () => {
    let calls = 0;
    registerJob({
      name: 'test-counter',
      run: async () => {
        calls++;
        return { detail: '' };
      },
    });
    expect(await takeLease(db(), 'daily:test-counter', 'someone-else', 60_000)).toBe(true);
    await fire(AT + 2 * 86_400_000);
    expect(calls).toBe(0);
    expect((await runsOf('test-counter')).filter((r) => r.day === '2026-12-10')).toEqual([]);
    expect(await takeLease(db(), 'daily:test-counter', 'a-third', 60_000)).toBe(false);
    expect(await takeLease(db(), 'daily:test-counter', 'a-third', 60_000, Date.now() + 61_000)).toBe(true); // expired: taken over
  });

  it('deletes expired sessions and spent throttle windows, keeping live ones', async () => {
    const user = await makeUser();
    const now = Date.now();
    await db()
      .insert(sessions)
      .values([
        { idHash: 'dead', userId: user.id, createdAt: now - 9e8, lastSeenAt: now - 9e8, expiresAt: now - 1 },
        { idHash: 'live', userId: user.id, createdAt: now, lastSeenAt: now, expiresAt: now + 9e8 },
      ]);
    await db()
      .insert(throttles)
      .values([
        { key: 'spent', count: 9, windowStart: now - 2 * 86_400_000 },
        { key: 'fresh', count: 9, windowStart: now - 60_000 },
      ]);
    await fire(now);
    const left = await db().all<{ id: string }>(sql`SELECT id_hash AS id FROM sessions WHERE id_hash IN ('dead', 'live')`);
    expect(left).toEqual([{ id: 'live' }]);
    const windows = await db().all<{ key: string }>(sql`SELECT key FROM throttles WHERE key IN ('spent', 'fresh')`);
    expect(windows).toEqual([{ key: 'fresh' }]);
    const today = (await runsOf('expired-sessions')).find((r) => r.day === chinaDate(now));
    expect(today).toMatchObject({ status: 'done', detail: '1 expired sessions deleted' });
  });
});
