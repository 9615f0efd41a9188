// Issue 7 catalogue — storage faults. The app is handed a D1 binding that fails on purpose (helpers.ts
// faultyD1 / brokenD1); no production code path exists for it. Already covered: a batch failing on its
// last statement leaves no memo, problem, event or audit row and answers 503 (memos.test.ts "leaves no
// memo… when the last statement of the batch fails"). What follows: generic 503s with nothing leaked;
// transient errors retried only for writes with an idempotency key, with rows stored exactly once
// whether the fault hit before or after the commit; constraint errors never retried.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memos } from '../../schema/memo-tables';
import { campaignCounters } from '../../schema/survey-tables';
import { isTransientD1Error, withRetry } from '../../worker/lib/retry';
import { db, signedIn } from '../fixtures';
import { memoForm, pairedOfficer, problemRow } from '../fixtures/memos';
import { ready, stored, VALID } from '../integration/rounds.fixtures';
import {
  auditRows,
  brokenD1,
  callWith,
  changed,
  type Fault,
  faultyD1,
  formBody,
  RESET,
  TRANSIENT,
  TRIGGER_ROLLUPS,
  tableCounts,
} from './helpers';

const RESPONSES = /insert into "?responses"? /i; // drizzle quotes names; the raw submission batch does not
const MEMOS = /insert into "memos"/i;
const UNITS = /insert into "units"/i;
const fault = (match: RegExp, when: Fault['when'], message = TRANSIENT, times = 1): Fault => ({ match, when, message, times });

const LEAKS = /SQLITE|D1_ERROR|insert into|select |Network connection|constraint|\bat [\w.]+ \(|\.ts:\d+/i;

describe('withRetry', () => {
  const noSleep = { sleep: async () => {} };

  it('recognises D1’s documented transient messages, also wrapped by drizzle, and nothing else', () => {
    const transient = [
      'D1_ERROR: Network connection lost.',
      'D1_ERROR: Internal error in D1 DB storage caused object to be reset.',
      'D1_ERROR: Internal error while starting up D1 DB storage caused object to be reset.',
      'D1_ERROR: D1 DB reset because its code was updated.',
      'D1_ERROR: Cannot resolve D1 DB due to transient issue on remote node.',
    ];
    for (const m of transient) {
      expect(isTransientD1Error(new Error(m)), m).toBe(true);
      expect(isTransientD1Error(new Error('Failed query: insert into …', { cause: new Error(m) })), m).toBe(true);
    }
    const permanent = [
      'D1_ERROR: UNIQUE constraint failed: responses.invitation_id: SQLITE_CONSTRAINT',
      'D1_ERROR: NOT NULL constraint failed: audit_log.at: SQLITE_CONSTRAINT',
      'D1_ERROR: FOREIGN KEY constraint failed: SQLITE_CONSTRAINT',
      'D1_ERROR: no such table: nope: SQLITE_ERROR',
      'D1_ERROR: D1 DB is overloaded. Requests queued for too long.',
      'D1_TYPE_ERROR: Type undefined is not supported',
      // a constraint error is never retried, whatever else its text says
      'D1_ERROR: Network connection lost. UNIQUE constraint failed: memos.id',
      'TypeError: x is not a function',
    ];
    for (const m of permanent) expect(isTransientD1Error(new Error(m)), m).toBe(false);
    expect(isTransientD1Error('Network connection lost')).toBe(true);
    expect(isTransientD1Error(undefined)).toBe(false);
  });

  it('retries an idempotent write after transient errors with exponential backoff and jitter', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw new Error(calls === 1 ? TRANSIENT : RESET);
        return 'ok';
      },
      { idempotent: true, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(25);
    expect(waits[0]).toBeLessThanOrEqual(50);
    expect(waits[1]).toBeGreaterThanOrEqual(50);
    expect(waits[1]).toBeLessThanOrEqual(100);
  });

  it('gives up after three attempts with the last error', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error(`${TRANSIENT} #${calls}`);
        },
        { idempotent: true, ...noSleep },
      ),
    ).rejects.toThrow('#3');
    expect(calls).toBe(3);
  });

  it('never retries a write without an idempotency key, nor a constraint or other error', async () => {
    for (const [message, idempotent] of [
      [TRANSIENT, false],
      ['D1_ERROR: UNIQUE constraint failed: memos.id: SQLITE_CONSTRAINT', true],
      ['D1_ERROR: no such column: x', true],
    ] as const) {
      let calls = 0;
      await expect(
        withRetry(
          async () => {
            calls++;
            throw new Error(message);
          },
          { idempotent, ...noSleep },
        ),
      ).rejects.toThrow(message);
      expect(calls, message).toBe(1);
    }
  });
});

describe('a storage outage', () => {
  const outage = brokenD1('D1_ERROR: no such table: users: SQLITE_ERROR');

  it('answers pages with a generic 503 page: no SQL, no stack, no D1 message', async () => {
    const { cookie } = await signedIn('admin');
    for (const path of ['/admin', '/admin/units', '/problems']) {
      const res = await callWith({ DB: outage }, path, { cookie });
      expect(res.status, path).toBe(503);
      const html = await res.text();
      expect(html).toContain('服务暂时不可用');
      expect(html).not.toMatch(LEAKS);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers the JSON API with {code: "unavailable"} and nothing else', async () => {
    const r = await ready();
    const res = await callWith({ DB: outage }, '/api/s', {
      method: 'POST',
      cookie: r.cookie,
      body: JSON.stringify({ answers: {} }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).not.toMatch(LEAKS);
    expect(JSON.parse(text)).toEqual({ code: 'unavailable', message: '服务暂时不可用', fields: {} });
  });
});

describe('survey submissions under transient faults', () => {
  const submit = async (r: Awaited<ReturnType<typeof ready>>, faults: Fault[]) => {
    const faulty = faultyD1(env.DB, faults);
    const response = await callWith({ DB: faulty.db }, `/s?round=${r.campaignId}`, {
      method: 'POST',
      cookie: r.cookie,
      body: formBody(VALID),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    return { response, stats: faulty.stats };
  };
  const counters = async (campaignId: string) =>
    db().select().from(campaignCounters).where(eq(campaignCounters.campaignId, campaignId)).get();

  it('retries a fault before the commit and stores the response once', async () => {
    const r = await ready();
    const { response, stats } = await submit(r, [fault(RESPONSES, 'before')]);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('提交成功');
    expect(stats).toEqual({ batches: 2, failed: 1 });
    expect(await stored(r.campaignId)).toMatchObject({ responses: 1, answers: 9 });
    expect((await counters(r.campaignId))?.submitted).toBe(1);
  });

  it('recognises a fault after the commit as "already stored": thanks, not 409, and one response', async () => {
    const r = await ready();
    const { response, stats } = await submit(r, [fault(RESPONSES, 'after', RESET)]);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('提交成功');
    expect(stats).toEqual({ batches: 2, failed: 1 });
    expect(await stored(r.campaignId)).toMatchObject({ responses: 1, answers: 9 });
    expect((await counters(r.campaignId))?.submitted).toBe(1);
    // a real second submission is still refused
    expect((await r.submit(VALID)).status).toBe(409);
  });

  it('answers the JSON API 201 after a fault after the commit', async () => {
    const r = await ready();
    const faulty = faultyD1(env.DB, [fault(RESPONSES, 'after')]);
    const res = await callWith({ DB: faulty.db }, '/api/s', {
      method: 'POST',
      cookie: r.cookie,
      body: JSON.stringify({
        answers: {
          contact_month: true,
          onsite_month: false,
          attitude: 5,
          responsiveness: 4,
          effectiveness: 4,
          policy_help: 'na',
          integrity: 5,
          overall: 5,
        },
      }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(201);
    expect((await stored(r.campaignId)).responses).toBe(1);
  });

  it('gives up after three attempts with a 503 and nothing stored', async () => {
    const r = await ready();
    const before = await tableCounts();
    const { response, stats } = await submit(r, [fault(RESPONSES, 'before', TRANSIENT, 10)]);
    expect(response.status).toBe(503);
    expect(await response.text()).not.toMatch(LEAKS);
    expect(stats).toEqual({ batches: 3, failed: 3 });
    expect(changed(before, await tableCounts())).toEqual({});
    // once storage is back the same browser can answer
    expect((await r.submit(VALID)).status).toBe(200);
  });

  it('never retries a constraint error or an overloaded database', async () => {
    for (const message of [
      'D1_ERROR: NOT NULL constraint failed: answers.question_key: SQLITE_CONSTRAINT',
      'D1_ERROR: D1 DB is overloaded. Requests queued for too long.',
    ]) {
      const r = await ready();
      const { response, stats } = await submit(r, [fault(RESPONSES, 'before', message)]);
      expect(response.status, message).toBe(503);
      expect(stats, message).toEqual({ batches: 1, failed: 1 });
      expect((await stored(r.campaignId)).responses).toBe(0);
    }
  });
});

describe('memo writes under transient faults', () => {
  const post = async (faults: Fault[]) => {
    const officer = await pairedOfficer();
    const form = memoForm(officer.enterprise.id, [problemRow(), problemRow({ onSpot: 'on' })]);
    const faulty = faultyD1(env.DB, faults);
    const before = await tableCounts();
    const res = await callWith({ DB: faulty.db }, '/memos', {
      method: 'POST',
      cookie: officer.cookie,
      body: formBody(form),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const id = String(form.id);
    const rows = await db().select().from(memos).where(eq(memos.id, id)).all();
    const audits = (await auditRows('create')).filter((a) => a.object_id === id);
    // The open problem gives each admin a 交办 待办, the one solved on the spot its officer a 回访; each 待办 its outbox row.
    const admins =
      (await env.DB.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").first<{ n: number }>())?.n ?? 0;
    const written = { memos: 1, problems: 2, problem_events: 2, audit_log: 1, todos: admins + 1, outbox: admins + 1 };
    return { res, stats: faulty.stats, id, rows, audits, written, diff: changed(before, await tableCounts(), TRIGGER_ROLLUPS) };
  };

  it('stores the memo once, with one audit row, when the fault hit before the commit', async () => {
    const { res, stats, id, rows, audits, diff, written } = await post([fault(MEMOS, 'before')]);
    expect(res.status).toBe(303);
    expect(diff).toEqual(written);
    expect(res.headers.get('location')).toBe(`/memos/${id}`);
    expect(stats).toEqual({ batches: 2, failed: 1 });
    expect(rows).toHaveLength(1);
    expect(audits).toHaveLength(1);
  });

  it('answers with the stored memo when the fault hit after the commit (the memo id is the key)', async () => {
    const { res, stats, id, rows, audits, diff, written } = await post([fault(MEMOS, 'after')]);
    expect(res.status).toBe(303);
    expect(diff).toEqual(written);
    expect(res.headers.get('location')).toBe(`/memos/${id}`);
    expect(stats).toEqual({ batches: 2, failed: 1 });
    expect(rows).toHaveLength(1);
    expect(audits).toHaveLength(1);
  });

  it('answers 503 and stores nothing when the fault persists', async () => {
    const { res, stats, rows, diff } = await post([fault(MEMOS, 'before', TRANSIENT, 10)]);
    expect(res.status).toBe(503);
    expect(await res.text()).not.toMatch(LEAKS);
    expect(stats.failed).toBe(3);
    expect(rows).toHaveLength(0);
    expect(diff).toEqual({});
  });
});

describe('writes without an idempotency key', () => {
  it('are not retried: a transient fault on creating a unit is a 503 and nothing stored', async () => {
    const { cookie } = await signedIn('admin');
    const before = await tableCounts();
    const faulty = faultyD1(env.DB, [fault(UNITS, 'before')]);
    const res = await callWith({ DB: faulty.db }, '/admin/units', {
      method: 'POST',
      cookie,
      body: formBody({ name: `单位${crypto.randomUUID().slice(0, 8)}` }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(503);
    expect(faulty.stats).toEqual({ batches: 1, failed: 1 });
    expect(changed(before, await tableCounts())).toEqual({});
  });
});
