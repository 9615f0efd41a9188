// Issue 13 — the daily run links the audit rows requests left unchained and writes one anchor per ended
// China-time day: the hash of that day's last row. A chain rewritten after an edit (every hash from the
// edited row on recomputed) verifies on its own, but no longer matches the anchors an office printed.
import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { chinaMidnight } from '../../schema/rules/china-time';
import { chainPending } from '../../worker/audit/chain';
import { verifyAudit } from '../../worker/audit/verify';
import { DAILY_CRON } from '../../worker/daily/daily-run';
import worker from '../../worker/index';
import { takeLease } from '../../worker/lib/lease';
import { db } from '../fixtures';

const fire = (scheduledTime: number) =>
  worker.scheduled(createScheduledController({ scheduledTime, cron: DAILY_CRON }), env, createExecutionContext());
const run = (sql: string, ...params: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...params)
    .run();
const all = async <T>(sql: string, ...params: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<T>()
  ).results;

type Anchor = { day: string; last_id: number; hash: string };
const anchors = () => all<Anchor>('SELECT day, last_id, hash FROM audit_anchors ORDER BY day');

/** 16:05 UTC on `day` is 00:05 in Beijing on the next day. */
const runAt = (day: string) => Date.parse(`${day}T16:05:00Z`);

describe('daily anchors', () => {
  it('links what is unchained and anchors each ended day with its last row, once', async () => {
    const d1 = chinaMidnight('2025-03-01');
    const d2 = chinaMidnight('2025-03-02');
    await run(
      "INSERT INTO audit_log (at, action, ip, ip_salt) VALUES (?1, 'day1_a', '192.0.2.1', 'salt-a'), (?2, 'day1_b', NULL, NULL), (?3, 'day2', NULL, NULL)",
      d1 + 3600_000,
      d1 + 7200_000,
      d2 + 60_000,
    );
    const ids = await all<{ id: number; action: string }>("SELECT id, action FROM audit_log WHERE action LIKE 'day%' ORDER BY id");
    await fire(runAt('2025-03-03'));
    const runs = await all<{ job: string; status: string }>("SELECT job, status FROM daily_runs WHERE job LIKE 'audit-%' ORDER BY job");
    expect(runs).toEqual([
      { job: 'audit-anchor', status: 'done' },
      { job: 'audit-chain', status: 'done' },
    ]);
    const rows = await all<{ id: number; hash: string | null }>('SELECT id, hash FROM audit_log ORDER BY id');
    expect(rows.every((r) => r.hash !== null)).toBe(true);
    const hashOf = (action: string) => rows.find((r) => r.id === ids.find((i) => i.action === action)?.id)?.hash;
    const written = await anchors();
    // 2025-03-01 … 2025-03-03 are ended days at 00:05 on the 4th; the 3rd had no rows and repeats the 2nd's
    expect(written.map((a) => [a.day, a.hash])).toEqual([
      ['2025-03-01', hashOf('day1_b')],
      ['2025-03-02', hashOf('day2')],
      ['2025-03-03', hashOf('day2')],
    ]);
    await fire(runAt('2025-03-03'));
    expect(await anchors()).toEqual(written); // the same run again changes nothing
    expect(await verifyAudit(db())).toMatchObject({ broken: null, brokenAnchor: null, anchors: 3 });
  });

  it('shows a rewritten chain to differ from its anchor', async () => {
    const [first] = await anchors();
    if (!first) throw new Error('the test above writes the anchors');
    const row = (await all<{ id: number; detail: string | null }>('SELECT id, detail FROM audit_log WHERE id = ?1', first.last_id))[0];
    // An edit, then every hash from that row on recomputed: the chain alone verifies again …
    await run('UPDATE audit_log SET detail = \'{"rewritten":1}\', hash = NULL WHERE id = ?1', first.last_id);
    await run('UPDATE audit_log SET hash = NULL WHERE id > ?1', first.last_id);
    await chainPending(db());
    const report = await verifyAudit(db());
    expect(report.broken).toBeNull();
    // … but not against the anchor of that day
    expect(report.brokenAnchor).toEqual({ day: first.day, lastId: first.last_id });
    // put back as it was: the same content chains to the same hashes
    await run('UPDATE audit_log SET detail = ?2, hash = NULL WHERE id = ?1', first.last_id, row?.detail ?? null);
    await run('UPDATE audit_log SET hash = NULL WHERE id > ?1', first.last_id);
    await chainPending(db());
    expect(await verifyAudit(db())).toMatchObject({ broken: null, brokenAnchor: null });
  });

  it('reports an anchored row that was deleted', async () => {
    const [, second] = await anchors();
    if (!second) throw new Error('the first test writes the anchors');
    const saved = (await all<Record<string, unknown>>('SELECT * FROM audit_log WHERE id = ?1', second.last_id))[0] ?? {};
    const later = await all<Record<string, unknown>>('SELECT * FROM audit_log WHERE id > ?1 ORDER BY id', second.last_id);
    await run('DELETE FROM audit_log WHERE id >= ?1', second.last_id); // the anchored row and everything after it
    expect((await verifyAudit(db())).brokenAnchor).toEqual({ day: second.day, lastId: second.last_id });
    for (const r of [saved, ...later]) {
      const cols = Object.keys(r);
      await run(`INSERT INTO audit_log (${cols.join(', ')}) VALUES (${cols.map((_, i) => `?${i + 1}`).join(', ')})`, ...Object.values(r));
    }
    expect(await verifyAudit(db())).toMatchObject({ broken: null, brokenAnchor: null });
  });

  it('skips linking while another run holds the chain, and says so', async () => {
    expect(await takeLease(db(), 'audit-chain', 'someone-else', 60_000)).toBe(true);
    await fire(runAt('2025-04-10'));
    const [chain] = await all<{ detail: string }>("SELECT detail FROM daily_runs WHERE job = 'audit-chain' AND day = '2025-04-11'");
    expect(chain?.detail).toBe('skipped: another run holds the chain');
    await run("DELETE FROM leases WHERE name = 'audit-chain'");
  });
});
