// Issue 17: a round is made as a draft holding its exact draw. The server draws the seed; changing the
// rule draws again with the same seed; a new seed needs a reason and is counted; impossible sizes are
// refused with the number that can be drawn; names are unique per programme.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaignCounters, invitations } from '../../schema/survey-tables';
import { sha256Hex } from '../../worker/lib/tokens';
import { drawSample } from '../../worker/surveys/sampling';
import { call, countRows, db, makeEnterprise, ORIGIN, pair, postForm, signedIn } from '../fixtures';
import { changed, tableCounts } from '../security/helpers';
import { campaignRow, drawnOf, makeRound, roundAudit, roundDesk } from './rounds.fixtures';

/** The stored draw again, by the rule's own function over the same candidates, seed and draw time. */
async function redraw(s: Awaited<ReturnType<typeof roundDesk>>, id: string) {
  const row = await campaignRow(id);
  const candidates = s.enterprises.map((e) => ({ id: e.id, unitId: s.unit.id, chainId: null, lastInvitedAt: null }));
  const draw = await drawSample(candidates, JSON.parse(row?.sampling ?? '{}'), row?.seed ?? '', row?.drawnAt ?? 0);
  if (!draw.ok) throw new Error('refused');
  return draw.drawn.map((d) => d.id).sort();
}

describe('a new round is a draft', () => {
  it('with a seed the server drew, stored with the draw, its counters and the audit row; nothing goes out', async () => {
    const s = await roundDesk(8);
    const { res, id } = await s.create({ mode: 'count', n: '3' });
    expect(res.status).toBe(303);
    const row = await campaignRow(id);
    expect(row).toMatchObject({ status: 'draft', seedCount: 1, launchedAt: null, voidedAt: null });
    expect(row?.seed).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(JSON.parse(row?.sampling ?? '')).toEqual({ mode: 'count', n: 3, stratify: 'none' });
    // The stored list is exactly the seeded draw: anyone with the seed and rule can check it.
    expect(await drawnOf(id)).toEqual(await redraw(s, id));
    expect(await db().select().from(campaignCounters).where(eq(campaignCounters.campaignId, id)).get()).toEqual({
      campaignId: id,
      invited: 3,
      opened: 0,
      submitted: 0,
    });
    const [created] = await roundAudit(id, 'create');
    expect(created?.detail).toEqual({ invited: 3, seed: row?.seed });
    // No link files for a draft: nothing goes out.
    for (const path of ['links.csv', 'sheet', 'reminders.csv']) expect((await s.get(`/admin/rounds/${id}/${path}`)).status, path).toBe(409);
  });

  it('never takes a seed from the form', async () => {
    const s = await roundDesk(3);
    const before = await countRows('campaigns');
    const { res } = await s.create({ seed: 'my-lucky-seed' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('<code>seed</code>');
    expect(await countRows('campaigns')).toBe(before);
  });

  it('draws different seeds for two drafts of the same rule', async () => {
    const s = await roundDesk(3);
    const a = await s.create();
    const b = await s.create();
    expect((await campaignRow(a.id))?.seed).not.toBe((await campaignRow(b.id))?.seed);
  });

  it('shows the exact preview of the draw on its page, without links or QR codes', async () => {
    const s = await roundDesk(5);
    const { id } = await s.create({ mode: 'count', n: '2' });
    const html = await (await s.get(`/admin/rounds/${id}`)).text();
    expect(html).toContain('抽样预览：2 家企业');
    const drawn = new Set(await drawnOf(id));
    for (const e of s.enterprises) expect(html.includes(e.name), e.name).toBe(drawn.has(e.id));
    expect(html).not.toContain(`${ORIGIN}/s/`);
    expect(html).not.toContain('data-copy');
    expect(html).toContain('（共抽取随机种子 1 次）');
  });
});

describe('impossible sizes', () => {
  it('are refused with 422 "只有 N 家可抽" on the n field, and nothing is stored', async () => {
    const s = await roundDesk(14);
    const before = await tableCounts();
    const { res } = await s.create({ mode: 'count', n: '50' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('只有 14 家可抽');
    expect(html).toMatch(/id="e-n"[^>]*>只有 14 家可抽</);
    expect(changed(before, await tableCounts())).toEqual({});
  });

  it('count what the exclusion window leaves', async () => {
    const s = await roundDesk(5);
    await s.launched({ mode: 'count', n: '3' });
    const { res } = await s.create({ mode: 'count', n: '3', excludeDays: '30' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('只有 2 家可抽');
  });

  it('and an empty programme is refused as having none eligible', async () => {
    const s = await roundDesk(0);
    const { res } = await s.create();
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('没有符合条件的结对企业');
  });
});

describe('the exclusion window', () => {
  it('counts rounds that went out, not drafts', async () => {
    const s = await roundDesk(5);
    const draft = await s.create({ mode: 'count', n: '3' });
    const again = await s.create({ excludeDays: '30' });
    expect(await drawnOf(again.id)).toHaveLength(5);
    await s.post(`/admin/rounds/${draft.id}/launch`, { start: 'now' });
    const after = await s.create({ excludeDays: '30' });
    const first = new Set(await drawnOf(draft.id));
    const rest = await drawnOf(after.id);
    expect(rest).toHaveLength(2);
    for (const e of rest) expect(first.has(e)).toBe(false);
  });
});

describe('editing a draft', () => {
  it('draws again with the same seed when the rule changes, and audits it', async () => {
    const s = await roundDesk(10);
    const { id } = await s.create({ name: '修改前', mode: 'count', n: '3' });
    const seed = (await campaignRow(id))?.seed;
    const res = await s.post(`/admin/rounds/${id}`, s.fields({ name: '修改后', mode: 'count', n: '6' }));
    expect(res.status).toBe(303);
    const row = await campaignRow(id);
    expect(row).toMatchObject({ name: '修改后', seed, seedCount: 1, status: 'draft' });
    expect(await drawnOf(id)).toHaveLength(6);
    expect(await drawnOf(id)).toEqual(await redraw(s, id));
    expect((await db().select().from(campaignCounters).where(eq(campaignCounters.campaignId, id)).get())?.invited).toBe(6);
    expect((await roundAudit(id, 'edit'))[0]?.detail).toMatchObject({ invited: 6, sampling: { mode: 'count', n: 6, stratify: 'none' } });
  });

  it('keeps the same list for the same rule (the luck does not change)', async () => {
    const s = await roundDesk(12);
    const { id } = await s.create({ mode: 'count', n: '4' });
    const before = await drawnOf(id);
    await s.post(`/admin/rounds/${id}`, s.fields({ mode: 'count', n: '4' }));
    expect(await drawnOf(id)).toEqual(before);
  });

  it('is refused once launched (409), changing nothing', async () => {
    const s = await roundDesk(4);
    const id = await s.launched();
    const before = await tableCounts();
    const res = await s.post(`/admin/rounds/${id}`, s.fields({ mode: 'count', n: '1' }));
    expect(res.status).toBe(409);
    expect((await s.get(`/admin/rounds/${id}/edit`)).status).toBe(409);
    expect(changed(before, await tableCounts(), ['audit_log'])).toEqual({});
    expect(await drawnOf(id)).toHaveLength(4);
  });
});

describe('a new seed', () => {
  it('needs a reason: without one 422, nothing stored', async () => {
    const s = await roundDesk(6);
    const { id } = await s.create({ mode: 'count', n: '3' });
    const seed = (await campaignRow(id))?.seed;
    const page = await (await s.get(`/admin/rounds/${id}/reseed`)).text();
    expect(page).toContain('这将是本批次的第 2 个种子');
    const before = await tableCounts();
    const res = await s.post(`/admin/rounds/${id}/reseed`, { reason: '  ' });
    expect(res.status).toBe(422);
    expect(changed(before, await tableCounts())).toEqual({});
    expect((await campaignRow(id))?.seed).toBe(seed);
    expect((await s.post(`/admin/rounds/${id}/reseed`, { reason: '理由', seed: 'chosen' })).status).toBe(422);
  });

  it('is drawn by the server, counted, audited with its reason, and shown on the round page', async () => {
    const s = await roundDesk(12);
    const { id } = await s.create({ mode: 'count', n: '4' });
    const first = await campaignRow(id);
    const res = await s.post(`/admin/rounds/${id}/reseed`, { reason: '抽中企业中有两家已注销' });
    expect(res.status).toBe(303);
    const row = await campaignRow(id);
    expect(row?.seedCount).toBe(2);
    expect(row?.seed).not.toBe(first?.seed);
    expect(await drawnOf(id)).toEqual(await redraw(s, id));
    const [audit] = await roundAudit(id, 'reseed');
    expect(audit?.detail).toMatchObject({
      reason: '抽中企业中有两家已注销',
      previousSeed: first?.seed,
      seed: row?.seed,
      seeds: 2,
      invited: 4,
    });
    const html = await (await s.get(`/admin/rounds/${id}`)).text();
    expect(html).toContain('（共抽取随机种子 2 次）');
    expect(html).toContain('原因：抽中企业中有两家已注销');
  });

  it('is refused once launched', async () => {
    const s = await roundDesk(3);
    const id = await s.launched();
    expect((await s.post(`/admin/rounds/${id}/reseed`, { reason: '想换一批' })).status).toBe(409);
    expect((await campaignRow(id))?.seedCount).toBe(1);
    expect(await roundAudit(id, 'reseed')).toEqual([]);
  });
});

describe('names', () => {
  it('are unique per programme (409 on the name field, nothing stored), free again once a round is voided', async () => {
    const s = await roundDesk(3);
    const { id } = await s.create({ name: '三月调查' });
    const before = await tableCounts();
    const dup = await s.create({ name: '三月调查' });
    expect(dup.res.status).toBe(409);
    expect(await dup.res.text()).toContain('该帮扶行动中已有同名的调查批次');
    expect(changed(before, await tableCounts())).toEqual({});
    await s.post(`/admin/rounds/${id}/void`, { reason: '重新发起' });
    expect((await s.create({ name: '三月调查' })).res.status).toBe(303);
  });

  it('may repeat in another programme', async () => {
    const a = await roundDesk(2);
    const b = await roundDesk(2);
    expect((await a.create({ name: '同名批次' })).res.status).toBe(303);
    expect((await b.create({ name: '同名批次' })).res.status).toBe(303);
  });
});

describe('bad input', () => {
  it('is refused with field messages and nothing stored', async () => {
    const s = await roundDesk(2);
    const before = await countRows('campaigns');
    const bad: Record<string, string>[] = [
      { closesAt: '2020-05-01T09:00' },
      { closesAt: '2026-02-30T09:00' },
      { mode: 'count', n: '' },
      { mode: 'percent', percent: '101' },
      { formVersionId: crypto.randomUUID() },
      { stratify: 'region' },
      { opensAt: '2026-06-01T09:00' },
    ];
    for (const over of bad) expect((await s.create(over)).res.status, JSON.stringify(over)).toBe(422);
    expect(await countRows('campaigns')).toBe(before);
  });
});

describe('the round page and downloads of a launched round', () => {
  it('lists every invitation with its status, a copy-link button and a QR code page', async () => {
    const s = await roundDesk(3);
    const id = await s.launched();
    const html = await (await s.get(`/admin/rounds/${id}`)).text();
    const rows = await db().select().from(invitations).where(eq(invitations.campaignId, id)).all();
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(html).toContain(`href="/admin/rounds/${id}/links/${r.id}"`);
      const link = new RegExp(`href="/admin/rounds/${id}/links/${r.id}" data-copy="${ORIGIN}/s/([A-Za-z0-9_-]{24})"`).exec(html)?.[1];
      expect(await sha256Hex(link ?? '')).toBe(r.tokenHash);
    }
    expect(html.match(/>未打开</g)).toHaveLength(3);
    const one = await s.get(`/admin/rounds/${id}/links/${rows[0]?.id}`);
    expect(one.status).toBe(200);
    expect(await one.text()).toMatch(/<svg[^>]*class="qr"/);
  });

  it('downloads links as an Excel-safe CSV named after the round and its date', async () => {
    const s = await roundDesk(3);
    const id = await s.launched({ name: '二季度调查' });
    const res = await s.get(`/admin/rounds/${id}/links.csv`);
    expect(res.status).toBe(200);
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(`调查链接_二季度调查_${day}.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('企业名称,统一社会信用代码,联系人,联系电话,链接');
    expect(lines).toHaveLength(4);
    const exports = await call(`/admin/exports/responses.csv?campaign=${id}`, { cookie: s.admin.cookie });
    expect(decodeURIComponent(exports.headers.get('content-disposition') ?? '')).toContain(`答卷明细_二季度调查_${day}.csv`);
  });

  it('prints one QR code per invitation, naming who asks and until when', async () => {
    const s = await roundDesk(4);
    const id = await s.launched();
    const html = await (await s.get(`/admin/rounds/${id}/sheet`)).text();
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html).toMatch(/截止（北京时间）/);
  });
});

describe('officers', () => {
  it('get 403 on every round route', async () => {
    const { campaignId } = await makeRound();
    const { cookie } = await signedIn('officer');
    for (const path of [
      '/admin/rounds',
      '/admin/rounds/new',
      `/admin/rounds/${campaignId}`,
      `/admin/rounds/${campaignId}/links.csv`,
      `/admin/rounds/${campaignId}/sheet`,
      `/admin/rounds/${campaignId}/reminders`,
      `/admin/rounds/${campaignId}/reminders.csv`,
      `/admin/rounds/${campaignId}/reminders/sheet`,
      `/admin/rounds/${campaignId}/close`,
    ]) {
      expect((await call(path, { cookie })).status, path).toBe(403);
    }
    const before = await tableCounts();
    const posts = [
      '/admin/rounds',
      ...['launch', 'close', 'extend', 'void', 'reseed', 'reminders'].map((m) => `/admin/rounds/${campaignId}/${m}`),
    ];
    for (const path of posts) expect((await postForm(path, { name: 'x', reason: 'x' }, { cookie })).status, path).toBe(403);
    expect(changed(before, await tableCounts(), ['audit_log'])).toEqual({});
  });
});

describe('candidates', () => {
  it('leave out enterprises paired only in another programme', async () => {
    const s = await roundDesk(2);
    const other = await makeEnterprise();
    const elsewhere = await roundDesk(0);
    await pair(elsewhere.programme.id, elsewhere.officer.id, other.id);
    const { id } = await s.create();
    expect(await drawnOf(id)).not.toContain(other.id);
  });
});
