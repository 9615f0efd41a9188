// Issue 13 — the tamper-evident audit trail: writers append, a chaining step links rows in id order,
// verification finds the first broken row after an edit or a deletion made directly in the database,
// and reports what is not yet chained. (Every test file's own chain is verified after it, by
// test/audit-chain-check.ts.)
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { chainPending } from '../../worker/audit/chain';
import { verifyAudit } from '../../worker/audit/verify';
import { db, postForm, signedIn } from '../fixtures';
import { ready, VALID } from '../integration/rounds.fixtures';

type Row = { id: number; at: number; action: string; detail: string | null; ip: string | null; hash: string | null };
const rows = async () => (await env.DB.prepare('SELECT id, at, action, detail, ip, hash FROM audit_log ORDER BY id').all<Row>()).results;
const run = (sql: string, ...params: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...params)
    .run();

let ipSeq = 0;
const address = () => ({ 'cf-connecting-ip': `198.18.0.${++ipSeq}` });

describe('the chain', () => {
  it('links 200 parallel audited writes in one chaining run into one unbroken chain', async () => {
    const { cookie } = await signedIn('admin');
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        postForm('/admin/units', { name: `并发单位${i}-${crypto.randomUUID().slice(0, 6)}` }, { cookie, headers: address() }).then(
          (r) => r.status,
        ),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([303]));
    const creates = (await rows()).filter((r) => r.action === 'create');
    expect(creates).toHaveLength(200);
    const run1 = await chainPending(db());
    expect(run1.done).toBe(true);
    const all = await rows();
    expect(all.every((r) => r.hash !== null)).toBe(true);
    const report = await verifyAudit(db());
    expect(report).toMatchObject({ broken: null, brokenAnchor: null, unchained: 0, oldestUnchainedAt: null, partial: false });
    expect(report.checked).toBe(all.length);
    expect(report.lastId).toBe(all.at(-1)?.id);
  }, 30_000);

  it('gives the same chain when two runs link the same rows at once', async () => {
    const { cookie } = await signedIn('admin');
    for (let i = 0; i < 30; i++)
      await postForm('/admin/chains', { name: `产业链${crypto.randomUUID().slice(0, 8)}` }, { cookie, headers: address() });
    await Promise.all([chainPending(db()), chainPending(db()), chainPending(db())]);
    await chainPending(db());
    expect(await verifyAudit(db())).toMatchObject({ broken: null, unchained: 0 });
  });

  it('covers the respondent side: link opened, submitted and refused, in the submission’s own batch', async () => {
    const survey = await ready();
    expect((await survey.submit(VALID)).status).toBe(200);
    expect((await survey.submit(VALID)).status).toBe(409);
    const mine = (await rows()).filter((r) => r.action.startsWith('link_') || r.action.startsWith('survey_'));
    expect(mine.map((r) => r.action)).toEqual(['link_opened', 'survey_submitted', 'survey_refused']);
    expect(JSON.parse(mine[2]?.detail ?? '{}')).toMatchObject({ why: 'answered' });
    await chainPending(db());
    expect(await verifyAudit(db())).toMatchObject({ broken: null, unchained: 0 });
  });
});

describe('verification finds tampering', () => {
  async function chained() {
    const { cookie } = await signedIn('admin');
    for (let i = 0; i < 5; i++)
      await postForm('/admin/units', { name: `核验单位${crypto.randomUUID().slice(0, 8)}` }, { cookie, headers: address() });
    await chainPending(db());
    const all = await rows();
    return all[all.length - 3] as Row; // a row in the middle, with rows after it
  }

  it('reports a row edited in the database as the first broken row, and nothing once it is put back', async () => {
    const row = await chained();
    await run('UPDATE audit_log SET detail = ?1 WHERE id = ?2', '{"edited":true}', row.id);
    expect(await verifyAudit(db())).toMatchObject({ broken: { id: row.id, why: 'changed' } });
    await run('UPDATE audit_log SET detail = ?1 WHERE id = ?2', row.detail, row.id);
    await run('UPDATE audit_log SET at = at + 1 WHERE id = ?1', row.id);
    expect((await verifyAudit(db())).broken).toEqual({ id: row.id, why: 'changed' });
    await run('UPDATE audit_log SET at = ?1 WHERE id = ?2', row.at, row.id);
    expect((await verifyAudit(db())).broken).toBeNull();
  });

  it('reports a changed address, and a deleted row at the row after it', async () => {
    const row = await chained();
    await run('UPDATE audit_log SET ip = ?1 WHERE id = ?2', '203.0.113.250', row.id);
    expect((await verifyAudit(db())).broken).toEqual({ id: row.id, why: 'address_changed' });
    await run('UPDATE audit_log SET ip = ?1 WHERE id = ?2', row.ip, row.id);
    const saved = await env.DB.prepare('SELECT * FROM audit_log WHERE id = ?1').bind(row.id).first<Record<string, unknown>>();
    await run('DELETE FROM audit_log WHERE id = ?1', row.id);
    expect((await verifyAudit(db())).broken).toEqual({ id: row.id + 1, why: 'missing_before' });
    const columns = Object.keys(saved ?? {});
    await run(
      `INSERT INTO audit_log (${columns.join(', ')}) VALUES (${columns.map((_, i) => `?${i + 1}`).join(', ')})`,
      ...Object.values(saved ?? {}),
    );
    expect((await verifyAudit(db())).broken).toBeNull();
  });

  it('reports how many rows are unchained and the oldest one’s time', async () => {
    await chainPending(db());
    const t = Date.now() - 60_000;
    // two rows as a writer appends them (nothing here starts a chaining run)
    await run("INSERT INTO audit_log (at, action) VALUES (?1, 'test_written'), (?2, 'test_written')", t, t + 5);
    expect(await verifyAudit(db())).toMatchObject({ broken: null, unchained: 2, oldestUnchainedAt: t });
    await chainPending(db());
    expect(await verifyAudit(db())).toMatchObject({ unchained: 0, oldestUnchainedAt: null, broken: null });
  });
});
