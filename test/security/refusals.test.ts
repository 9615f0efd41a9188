// Issue 13, weakness 6: anonymous refusals wrote one audit row each, without bound (600 requests, 600
// rows in 2.2 s). Now the first refusal per source and window is written, and the rest are counted in
// the throttle row the audit row names; the audit log grows no faster than the windows allow.
import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DAILY_CRON } from '../../worker/daily/daily-run';
import worker from '../../worker/index';
import { REFUSAL_WINDOW_MS } from '../../worker/lib/audit';
import { call, makeUser, postForm, signedIn } from '../fixtures';

let ipSeq = 0;
const address = () => ({ 'cf-connecting-ip': `2001:db8::${(++ipSeq).toString(16)}` });

type Row = { detail: string | null; ip: string | null };
async function rowsFrom(action: string, ip: string) {
  const { results } = await env.DB.prepare('SELECT detail, ip FROM audit_log WHERE action = ?1 AND ip = ?2 ORDER BY id')
    .bind(action, ip)
    .all<Row>();
  return results;
}

/** How many refusal windows the interval [from, to] touches: 1, or 2 when it straddles an edge. */
const windowsBetween = (from: number, to: number) => Math.floor(to / REFUSAL_WINDOW_MS) - Math.floor(from / REFUSAL_WINDOW_MS) + 1;

/** Each audit row names the counter of its window; the counters together hold every refusal. */
async function refusalsCounted(rows: Row[]) {
  let total = 0;
  for (const row of rows) {
    const counter = (JSON.parse(row.detail ?? '{}') as { counter?: string }).counter ?? '';
    const hit = await env.DB.prepare('SELECT count FROM throttles WHERE key = ?1').bind(counter).first<{ count: number }>();
    total += hit?.count ?? 0;
  }
  return total;
}

const N = 150;

/**
 * Sends N refused requests at once from one address; expects every one refused with `status`, one
 * `action` row per window the burst touched, and the counters holding all N.
 */
async function burst(action: string, status: number, ip: string, send: (i: number) => Promise<Response>) {
  const from = Date.now();
  const statuses = await Promise.all(Array.from({ length: N }, (_, i) => send(i).then((r) => r.status)));
  const windows = windowsBetween(from, Date.now());
  expect(new Set(statuses)).toEqual(new Set([status]));
  const rows = await rowsFrom(action, ip);
  expect(rows).toHaveLength(windows);
  expect(await refusalsCounted(rows)).toBe(N);
}

describe('anonymous refusals are audited once per source and window', () => {
  it('writes one cross_site row for 150 cross-site posts from one address, and counts all 150', async () => {
    const headers = { ...address(), origin: 'https://evil.example' };
    await burst('cross_site', 403, headers['cf-connecting-ip'], () => postForm('/memos', { a: '1' }, { headers }));
  });

  it('writes one session_rejected row for 150 forged session cookies from one address', async () => {
    const headers = address();
    await burst('session_rejected', 401, headers['cf-connecting-ip'], (i) => call('/admin', { headers, cookie: `__Host-sid=forged${i}` }));
  });

  it('writes one login_throttled row for 150 throttled sign-ins from one address', async () => {
    const user = await makeUser();
    const headers = address();
    for (let i = 0; i < 20; i++) await postForm('/login', { login: user.login, password: 'wrong' }, { headers });
    await burst('login_throttled', 429, headers['cf-connecting-ip'], () =>
      postForm('/login', { login: user.login, password: 'wrong' }, { headers }),
    );
  }, 30_000);

  it('keeps sources apart: each address gets its own row', async () => {
    const { cookie } = await signedIn('admin');
    const [a, b] = [address(), address()];
    for (const headers of [a, b, a, b])
      expect(
        (await postForm('/admin/units', { name: 'x' }, { cookie, headers: { ...headers, origin: 'https://evil.example' } })).status,
      ).toBe(403);
    expect(await rowsFrom('cross_site', a['cf-connecting-ip'])).toHaveLength(1);
    expect(await rowsFrom('cross_site', b['cf-connecting-ip'])).toHaveLength(1);
  });
});

describe('refusal counts outlive their throttle rows', () => {
  it('writes a spent window’s count to the audit log before the daily run deletes it', async () => {
    const at = Date.parse('2026-12-07T16:05:00Z');
    const spent = `refused:cross_site:198.51.100.77@${at - 2 * 86_400_000}`;
    await env.DB.batch([
      env.DB.prepare('INSERT INTO throttles (key, count, window_start) VALUES (?1, 57, ?2)').bind(spent, at - 2 * 86_400_000),
      env.DB.prepare('INSERT INTO throttles (key, count, window_start) VALUES (?1, 1, ?2)').bind(`${spent}x`, at - 2 * 86_400_000),
    ]);
    await worker.scheduled(createScheduledController({ scheduledTime: at, cron: DAILY_CRON }), env, createExecutionContext());
    const folded = await env.DB.prepare("SELECT object_id, detail FROM audit_log WHERE action = 'refusals_counted' ORDER BY id").all();
    expect(folded.results).toEqual([{ object_id: spent, detail: '{"count":57}' }]);
    const left = await env.DB.prepare('SELECT count(*) AS n FROM throttles WHERE key LIKE ?1').bind(`${spent}%`).first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});
