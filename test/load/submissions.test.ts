// Issue 7 — load and duplicates, at reduced counts inside workerd (loopback only, bounded in count and
// time). The assertions are the benchmark suite's (bench/): the same properties at larger numbers.
// Exactly N responses for N links answered with many in flight; a replay changes nothing; a duplicate
// storm stores one response per link; memos posted three times at once are stored once; a CSV export
// taken while submissions are in flight shows each response it covers exactly as stored.
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../worker/lib/csv';
import { call, db, postForm, signedIn } from '../fixtures';
import { memoForm, pairedOfficer, postMemo, problemRow } from '../fixtures/memos';
import { makeRound, open, VALID } from '../integration/rounds.fixtures';
import { BOOKKEEPING, changed, TRIGGER_ROLLUPS, tableCounts } from '../security/helpers';

const LINKS = 40;
const IN_FLIGHT = 10;
const STORM_LINKS = 8;
const STORM_COPIES = 10;
const MEMOS = 10;

/** Runs `fn` over `items` with at most `limit` in flight, keeping the results in order. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A round of `size` links, each opened in its own browser. */
async function openedRound(size: number) {
  const round = await makeRound({ size });
  const browsers = await pool(round.links, IN_FLIGHT, async (link) => ({ ...link, cookie: (await open(link.token)).cookie }));
  const submit = (b: { cookie: string }, suggestions: string) =>
    postForm(`/s?round=${round.campaignId}`, { ...VALID, suggestions }, { cookie: b.cookie }).then(async (res) => {
      await res.arrayBuffer();
      return res.status;
    });
  return { ...round, browsers, submit };
}

const perInvitation = async (campaignId: string) =>
  db().all<{ invitation_id: string; n: number }>(
    sql`SELECT invitation_id, count(*) AS n FROM responses WHERE campaign_id = ${campaignId} GROUP BY invitation_id`,
  );
const counter = async (campaignId: string) =>
  (await db().get<{ submitted: number }>(sql`SELECT submitted FROM campaign_counters WHERE campaign_id = ${campaignId}`))?.submitted;

describe('many links answered at once', () => {
  it(`stores exactly ${LINKS} responses for ${LINKS} links with ${IN_FLIGHT} in flight, and a replay of all changes nothing`, {
    timeout: 60_000,
  }, async () => {
    const r = await openedRound(LINKS);
    const statuses = await pool(r.browsers, IN_FLIGHT, (b, i) => r.submit(b, `建议-${i}`));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const rows = await perInvitation(r.campaignId);
    expect(rows).toHaveLength(LINKS);
    expect(rows.every((row) => row.n === 1)).toBe(true);
    expect(await counter(r.campaignId)).toBe(LINKS);

    const before = await tableCounts();
    const replay = await pool(r.browsers, IN_FLIGHT, (b, i) => r.submit(b, `建议-${i}`));
    expect(replay.every((s) => s === 409)).toBe(true);
    expect(changed(before, await tableCounts(), BOOKKEEPING)).toEqual({});
    expect(await counter(r.campaignId)).toBe(LINKS);
  });

  it(`stores one response per link in a storm of ${STORM_LINKS} links × ${STORM_COPIES} identical submissions`, {
    timeout: 60_000,
  }, async () => {
    const r = await openedRound(STORM_LINKS);
    const storm = r.browsers.flatMap((b, i) => Array.from({ length: STORM_COPIES }, () => ({ b, i })));
    const statuses = await Promise.all(storm.map(({ b, i }) => r.submit(b, `建议-${i}`)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(STORM_LINKS);
    expect(statuses.filter((s) => s === 409)).toHaveLength(STORM_LINKS * (STORM_COPIES - 1));
    const rows = await perInvitation(r.campaignId);
    expect(rows).toHaveLength(STORM_LINKS);
    expect(rows.every((row) => row.n === 1)).toBe(true);
    expect(await counter(r.campaignId)).toBe(STORM_LINKS);
    // answers and option counts agree with one response per link
    const answers = await db().get<{ n: number }>(
      sql`SELECT count(DISTINCT response_id) AS n FROM answers WHERE campaign_id = ${r.campaignId}`,
    );
    expect(answers?.n).toBe(STORM_LINKS);
    const overall = await db().get<{ n: number }>(
      sql`SELECT sum(count) AS n FROM option_counts WHERE campaign_id = ${r.campaignId} AND question_key = 'overall'`,
    );
    expect(overall?.n).toBe(STORM_LINKS);
  });
});

describe('memo retries', () => {
  it(`stores each of ${MEMOS} memos once when each is posted three times at once`, { timeout: 60_000 }, async () => {
    const officer = await pairedOfficer();
    const forms = Array.from({ length: MEMOS }, () => memoForm(officer.enterprise.id, [problemRow(), problemRow({ onSpot: 'on' })]));
    const before = await tableCounts();
    const results = await Promise.all(forms.flatMap((f) => [1, 2, 3].map(() => postMemo(officer.cookie, f))));
    for (const res of results) expect(res.status).toBe(303);
    // Each memo's open problem gives each admin a 交办 待办, its on-the-spot one the officer a 回访 待办;
    // each 待办 its outbox row — once per memo too.
    const admins =
      (await env.DB.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").first<{ n: number }>())?.n ?? 0;
    expect(changed(before, await tableCounts(), ['throttles', ...TRIGGER_ROLLUPS])).toEqual({
      memos: MEMOS,
      problems: 2 * MEMOS,
      problem_events: 2 * MEMOS,
      audit_log: MEMOS,
      todos: (admins + 1) * MEMOS,
      outbox: (admins + 1) * MEMOS,
    });
  });
});

describe('an export taken while submissions are in flight', () => {
  it('shows every response it covers exactly as stored, each once', { timeout: 60_000 }, async () => {
    const { cookie } = await signedIn('admin');
    const r = await openedRound(24);
    // half answered before, half while the export runs
    await pool(r.browsers.slice(0, 12), IN_FLIGHT, (b, i) => r.submit(b, `建议-${i}`));
    const inFlight = pool(r.browsers.slice(12), IN_FLIGHT, (b, i) => r.submit(b, `建议-${i + 12}`));
    const res = await call(`/admin/exports/responses.csv?campaign=${r.campaignId}`, { cookie });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(await inFlight).toEqual(Array(12).fill(200));
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes.slice(3))).map((x) => x.cells);
    expect(header?.[0]).toBeTruthy();
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(rows.length).toBeLessThanOrEqual(24);
    // The snapshot: every exported response is stored with the same invitation, and shows its own answer.
    const index = new Map(r.browsers.map((b, i) => [b.id, i]));
    const stored = new Map(
      (
        await db().all<{ id: string; invitation_id: string }>(
          sql`SELECT id, invitation_id FROM responses WHERE campaign_id = ${r.campaignId}`,
        )
      ).map((x) => [x.id, x.invitation_id]),
    );
    const seen = new Set<string>();
    for (const row of rows) {
      const [responseId, invitationId] = row as [string, string];
      expect(seen.has(responseId)).toBe(false);
      seen.add(responseId);
      expect(stored.get(responseId)).toBe(invitationId);
      expect(row).toContain(`建议-${index.get(invitationId)}`);
    }
  });
});
