// Issue 13 — the admin's audit view: filters by who, what, object and period, keyset paging, CSV export,
// the count an aggregated refusal stands for, the verification page and the daily anchors. No other role
// sees any of it.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_PAGE } from '../../worker/audit/audit.queries';
import { chainPending } from '../../worker/audit/chain';
import { call, db, makeUser, postForm, signedIn } from '../fixtures';

let admin: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  admin = await signedIn('admin');
});

const page = async (path: string) => {
  const res = await call(path, { cookie: admin.cookie });
  expect(res.status, path).toBe(200);
  return res.text();
};
/** A CSV body with its byte-order mark kept (Response.text() drops it). */
const csvText = async (res: Response) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
/** The ids of the rows a page lists, in order. */
const idsOn = (html: string) => [...html.matchAll(/<tr><td class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]));

describe('the audit view', () => {
  it('filters by who, what, object and period', async () => {
    const other = await signedIn('admin');
    const unit = crypto.randomUUID().slice(0, 8);
    await postForm('/admin/units', { name: `审计单位${unit}` }, { cookie: other.cookie });
    const [created] = (
      await env.DB.prepare(
        "SELECT id, object_id FROM audit_log WHERE action = 'create' AND object_type = 'unit' ORDER BY id DESC LIMIT 1",
      ).all<{
        id: number;
        object_id: string;
      }>()
    ).results;
    const byWho = await page(`/admin/audit?who=${other.user.login}`);
    expect(idsOn(byWho)).toContain(created?.id);
    expect(byWho).not.toContain(`${admin.user.login}（`);
    const byObject = idsOn(await page(`/admin/audit?objectType=unit&objectId=${created?.object_id}`));
    expect(byObject).toEqual([created?.id]);
    expect(idsOn(await page(`/admin/audit?action=create&who=${other.user.login}`))).toEqual([created?.id]);
    expect(idsOn(await page(`/admin/audit?objectId=${created?.object_id}&from=2000-01-01&to=2000-12-31`))).toEqual([]);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(idsOn(await page(`/admin/audit?objectId=${created?.object_id}&from=${today}&to=${today}`))).toEqual([created?.id]);
    // rows without an account: a sign-in that failed
    await postForm('/login', { login: `nobody-${unit}`, password: 'x' });
    expect(await page(`/admin/audit?who=-&action=login_failed&objectId=nobody-${unit}`)).toContain('（无账号）');
  });

  it('pages newest first with a cursor, every row once', async () => {
    for (let i = 0; i < AUDIT_PAGE + 5; i++)
      await env.DB.prepare("INSERT INTO audit_log (at, action) VALUES (?1, 'paging_test')").bind(Date.now()).run();
    const first = await page('/admin/audit?action=paging_test');
    const firstIds = idsOn(first);
    expect(firstIds).toHaveLength(AUDIT_PAGE);
    expect([...firstIds].sort((a, b) => b - a)).toEqual(firstIds);
    const older = /href="(\/admin\/audit\?[^"]*before=\d+[^"]*)"/.exec(first)?.[1]?.replace(/&amp;/g, '&');
    expect(older).toBeDefined();
    const secondIds = idsOn(await page(older as string));
    expect(secondIds).toHaveLength(5);
    expect(Math.max(...secondIds)).toBeLessThan(Math.min(...firstIds));
    await chainPending(db());
  });

  it('shows how many refusals an aggregated row stands for', async () => {
    const headers = { 'cf-connecting-ip': '198.51.100.200', origin: 'https://evil.example' };
    for (let i = 0; i < 7; i++) expect((await postForm('/memos', {}, { headers })).status).toBe(403);
    const html = await page('/admin/audit?action=cross_site');
    expect(html).toContain('同一来源在 15 分钟内共 7 次');
  });

  it('downloads the filtered rows as CSV (BOM, Chinese headers), and audits the download', async () => {
    const res = await call('/admin/audit.csv?action=paging_test', { cookie: admin.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = await csvText(res);
    expect(text.startsWith('\uFEFF编号,时间,操作人账号,操作人,操作,对象类型,对象编号,详情,合计次数,IP 地址,已链接\r\n')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(1 + AUDIT_PAGE + 5);
    const exported = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'export' AND object_type = 'audit_log'").all();
    expect(exported.results).toEqual([
      { detail: JSON.stringify({ who: '', action: 'paging_test', objectType: '', objectId: '', format: 'csv' }) },
    ]);
  });

  it('is the admin’s alone: an officer gets 403 on every audit page and download, audited', async () => {
    const officer = await signedIn('officer');
    for (const path of ['/admin/audit', '/admin/audit.csv', '/admin/audit/verify', '/admin/audit/anchors', '/admin/audit/anchors.csv'])
      expect((await call(path, { cookie: officer.cookie })).status, path).toBe(403);
    const refused = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'forbidden' AND actor_id = ?1")
      .bind(officer.user.id)
      .first<{ n: number }>();
    expect(refused?.n).toBe(5);
    expect((await call('/admin/audit')).status).toBe(303); // no session: to the login page
    await makeUser();
  });
});

describe('verification and anchors pages', () => {
  it('says the chain holds, then names the row edited in the database, and counts unchained rows', async () => {
    await chainPending(db());
    expect(await page('/admin/audit/verify')).toMatch(/data-verify="ok"[^>]*>审计链完整：已校验 \d+ 条记录/);
    const row = await env.DB.prepare("SELECT id, action FROM audit_log WHERE action = 'paging_test' ORDER BY id LIMIT 1").first<{
      id: number;
      action: string;
    }>();
    await env.DB.prepare("UPDATE audit_log SET action = 'edited' WHERE id = ?1").bind(row?.id).run();
    const broken = await page('/admin/audit/verify');
    expect(broken).toContain(`审计链在第 ${row?.id} 条记录处断开：该记录（或其前一条）的内容与链接时不同。`);
    await env.DB.prepare('UPDATE audit_log SET action = ?1 WHERE id = ?2').bind(row?.action, row?.id).run();
    await env.DB.prepare("INSERT INTO audit_log (at, action) VALUES (?1, 'not_linked_yet')")
      .bind(Date.now() - 120_000)
      .run();
    const pending = await page('/admin/audit/verify');
    expect(pending).toContain('data-verify="ok"');
    expect(pending).toMatch(/尚未链接的记录：1 条。 最早一条写于 [\d-]+ [\d:]+（2 分钟前）。/);
    await chainPending(db());
  });

  it('lists and exports the daily anchors', async () => {
    await env.DB.prepare(
      "INSERT INTO audit_anchors (day, last_id, hash, created_at) SELECT '2000-01-02', id, hash, 0 FROM audit_log WHERE hash IS NOT NULL ORDER BY id LIMIT 1",
    ).run();
    const anchor = await env.DB.prepare('SELECT last_id AS id, hash FROM audit_anchors').first<{ id: number; hash: string }>();
    expect(await page('/admin/audit/anchors')).toContain(anchor?.hash);
    const csv = await csvText(await call('/admin/audit/anchors.csv', { cookie: admin.cookie }));
    expect(csv).toBe(`\uFEFF日期,当日最后一条记录,哈希值\r\n2000-01-02,${anchor?.id},${anchor?.hash}\r\n`);
  });
});
