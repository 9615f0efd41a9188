import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaignCounters, campaigns, invitations } from '../../schema/survey-tables';
import { sha256Hex } from '../../worker/lib/tokens';
import { drawSample } from '../../worker/surveys/sampling';
import { call, countRows, db, makeUnit, ORIGIN, postForm, signedIn } from '../fixtures';
import { makePublishedForm, makeRound, pairedProgramme } from './rounds.fixtures';

type Fields = Record<string, string>;

async function setup(size = 6) {
  const admin = await signedIn('admin');
  const unit = await makeUnit();
  const paired = await pairedProgramme(size, unit.id);
  const formVersionId = await makePublishedForm();
  const fields = (over: Fields = {}): Fields => ({
    name: '第二季度满意度调查',
    programmeId: paired.programme.id,
    formVersionId,
    opensAt: '2026-06-01T09:00',
    closesAt: '2026-06-15T18:00',
    mode: 'count',
    n: '3',
    percent: '',
    stratify: 'none',
    excludeDays: '',
    seed: 'fixed-seed-01',
    ...over,
  });
  const create = async (over: Fields = {}) => {
    const res = await postForm('/admin/rounds', fields(over), { cookie: admin.cookie });
    const id = /\/admin\/rounds\/([0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '')?.[1];
    return { res, id: id ?? '' };
  };
  return { admin, unit, ...paired, formVersionId, create };
}

const drawnOf = async (campaignId: string) =>
  (await db().select().from(invitations).where(eq(invitations.campaignId, campaignId)).orderBy(asc(invitations.enterpriseId)).all()).map(
    (i) => i.enterpriseId,
  );

describe('creating a round', () => {
  it('draws with the seed and stores the campaign, its counters and exactly the drawn invitations', async () => {
    const s = await setup();
    const { res, id } = await s.create();
    expect(res.status).toBe(303);
    const campaign = await db().select().from(campaigns).where(eq(campaigns.id, id)).get();
    expect(campaign?.seed).toBe('fixed-seed-01');
    expect(JSON.parse(campaign?.sampling ?? '')).toEqual({ mode: 'count', n: 3, stratify: 'none' });
    // 2026-06-01 09:00 in Beijing is 01:00 UTC.
    expect(campaign?.opensAt).toBe(Date.UTC(2026, 5, 1, 1, 0));
    const candidates = s.enterprises.map((e) => ({ id: e.id, unitId: s.unit.id, chainId: null, lastInvitedAt: null }));
    const expected = await drawSample(candidates, { mode: 'count', n: 3, stratify: 'none' }, 'fixed-seed-01', Date.now());
    expect(await drawnOf(id)).toEqual(expected.map((d) => d.id).sort());
    const counters = await db().select().from(campaignCounters).where(eq(campaignCounters.campaignId, id)).get();
    expect(counters).toEqual({ campaignId: id, invited: 3, opened: 0, submitted: 0 });
  });

  it('reproduces the same list from the same seed, and another from another seed', async () => {
    const s = await setup(12);
    const a = await s.create({ n: '4' });
    const b = await s.create({ n: '4' });
    const c = await s.create({ n: '4', seed: 'another-seed' });
    expect(await drawnOf(b.id)).toEqual(await drawnOf(a.id));
    expect(await drawnOf(c.id)).not.toEqual(await drawnOf(a.id));
  });

  it('excludes enterprises invited within the last N days', async () => {
    const s = await setup(5);
    const first = await s.create({ n: '3' });
    const second = await s.create({ mode: 'all', n: '', excludeDays: '30' });
    const again = new Set(await drawnOf(first.id));
    const rest = await drawnOf(second.id);
    expect(rest).toHaveLength(2);
    for (const e of rest) expect(again.has(e)).toBe(false);
  });

  it('stratifies by the lead officer’s unit and records the stratum', async () => {
    const s = await setup(4);
    const { id } = await s.create({ mode: 'percent', n: '', percent: '50', stratify: 'unit' });
    const rows = await db().select().from(invitations).where(eq(invitations.campaignId, id)).all();
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.stratum).toBe(s.unit.id);
  });

  it('refuses bad input with field messages and stores nothing', async () => {
    const s = await setup(2);
    const before = await countRows('campaigns');
    const bad: Fields[] = [
      { closesAt: '2026-05-01T09:00' },
      { opensAt: '2026-02-30T09:00' },
      { n: '' },
      { mode: 'percent', percent: '101' },
      { formVersionId: crypto.randomUUID() },
      { stratify: 'region' },
    ];
    for (const over of bad) {
      const { res } = await s.create(over);
      expect(res.status, JSON.stringify(over)).toBe(422);
    }
    const { res } = await s.create({ extra: 'x' });
    expect(res.status).toBe(422);
    expect(await countRows('campaigns')).toBe(before);
  });

  it('refuses a programme with no eligible enterprise', async () => {
    const s = await setup(0);
    const { res } = await s.create({ mode: 'all', n: '' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('没有符合条件的结对企业');
  });
});

describe('the round page and downloads', () => {
  it('shows the seed, the rule and the drawn list, and the not-yet-answered filter', async () => {
    const s = await setup(3);
    const { id } = await s.create({ mode: 'all', n: '' });
    const html = await (await call(`/admin/rounds/${id}`, { cookie: s.admin.cookie })).text();
    expect(html).toContain('fixed-seed-01');
    expect(html).toContain('全部结对企业');
    for (const e of s.enterprises) expect(html).toContain(e.name);
    const pending = await call(`/admin/rounds/${id}?pending=1`, { cookie: s.admin.cookie });
    expect(pending.status).toBe(200);
    expect(await (await call('/admin/rounds', { cookie: s.admin.cookie })).text()).toContain('第二季度满意度调查');
  });

  it('downloads links as an Excel-safe CSV whose links hash to the stored token hashes', async () => {
    const s = await setup(3);
    const { id } = await s.create({ mode: 'all', n: '' });
    const res = await call(`/admin/rounds/${id}/links.csv`, { cookie: s.admin.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('企业名称,统一社会信用代码,联系人,联系电话,链接');
    const links = lines.slice(1).map((l) => l.split(',').at(-1) ?? '');
    expect(links).toHaveLength(3);
    const stored = new Set((await db().select().from(invitations).where(eq(invitations.campaignId, id)).all()).map((i) => i.tokenHash));
    for (const link of links) {
      expect(link.startsWith(`${ORIGIN}/s/`)).toBe(true);
      expect(stored.has(await sha256Hex(link.slice(`${ORIGIN}/s/`.length)))).toBe(true);
    }
  });

  it('prints one QR code per invitation', async () => {
    const s = await setup(4);
    const { id } = await s.create({ mode: 'all', n: '' });
    const html = await (await call(`/admin/rounds/${id}/sheet`, { cookie: s.admin.cookie })).text();
    expect(html.match(/<svg/g)).toHaveLength(4);
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
    ]) {
      expect((await call(path, { cookie })).status, path).toBe(403);
    }
    const before = await countRows('campaigns');
    expect((await postForm('/admin/rounds', { name: 'x' }, { cookie })).status).toBe(403);
    expect(await countRows('campaigns')).toBe(before);
  });
});
