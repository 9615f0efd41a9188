// Issue 17: the non-respondents of a round with their contact, when they were last reminded and how
// often; 标记已提醒 one by one and in bulk (audited, counted); a printable reminder sheet with QR codes;
// a CSV of the same; and the daily chart of answers and reminders, readable without JavaScript.
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { chinaLocalInput, chinaToday } from '../../schema/rules/china-time';
import { reminders } from '../../schema/survey-tables';
import { db } from '../fixtures';
import { changed, tableCounts } from '../security/helpers';
import { answer, roundAudit, roundDesk, tokensOf } from './rounds.fixtures';

const remindersOf = (campaignId: string) =>
  db().select().from(reminders).where(eq(reminders.campaignId, campaignId)).orderBy(asc(reminders.id)).all();

/** A launched round of `n` enterprises with the first one answered. */
async function roundWithAnswer(n = 4) {
  const s = await roundDesk(n);
  const id = await s.launched();
  const links = await tokensOf(id);
  expect((await answer(id, links[0]?.token ?? '')).status).toBe(200);
  return { s, id, links, answered: links[0]?.id ?? '', pending: links.slice(1).map((l) => l.id) };
}

describe('the reminder list', () => {
  it('shows each enterprise not yet answered with its contact and phone, never reminded yet', async () => {
    const { s, id, links } = await roundWithAnswer(3);
    const html = await (await s.get(`/admin/rounds/${id}/reminders`)).text();
    expect(html).toContain('未答复企业（2 家）');
    const names = new Map(s.enterprises.map((e) => [e.id, e.name]));
    expect(html).not.toContain(names.get(links[0]?.enterpriseId ?? '') ?? '?');
    for (const l of links.slice(1)) expect(html).toContain(names.get(l.enterpriseId) ?? '?');
    expect(html.match(/>未提醒</g)).toHaveLength(2);
  });
});

describe('标记已提醒', () => {
  it('one by one: a reminder row, the audit row, a flash, and the list shows when and how often', async () => {
    const { s, id, pending } = await roundWithAnswer(3);
    const res = await s.post(`/admin/rounds/${id}/reminders`, { only: pending[0] ?? '', ids: pending[1] ?? '' });
    expect(res.status).toBe(303);
    const rows = await remindersOf(id);
    expect(rows.map((r) => r.invitationId)).toEqual([pending[0]]);
    expect(rows[0]?.by).toBe(s.admin.user.id);
    expect((await roundAudit(id, 'remind'))[0]?.detail).toEqual({ reminded: 1, all: false });
    await s.post(`/admin/rounds/${id}/reminders`, { only: pending[0] ?? '' });
    const html = await (await s.get(`/admin/rounds/${id}/reminders`)).text();
    expect(html).toMatch(/<td>2<\/td>/);
    expect(html.match(/>未提醒</g)).toHaveLength(1);
  });

  it('in bulk: the ticked ones, or all not yet answered; answered ones are never reminded', async () => {
    const { s, id, answered, pending } = await roundWithAnswer(5);
    expect(
      (await s.post(`/admin/rounds/${id}/reminders`, { bulk: 'selected', ids: [pending[0] ?? '', pending[1] ?? '', answered] } as never))
        .status,
    ).toBe(303);
    expect((await remindersOf(id)).map((r) => r.invitationId).sort()).toEqual([pending[0], pending[1]].sort());
    expect((await s.post(`/admin/rounds/${id}/reminders`, { bulk: 'all' })).status).toBe(303);
    const all = await remindersOf(id);
    expect(all).toHaveLength(2 + 4);
    expect(all.some((r) => r.invitationId === answered)).toBe(false);
    expect((await roundAudit(id, 'remind')).map((a) => a.detail)).toEqual([
      { reminded: 2, all: false },
      { reminded: 4, all: true },
    ]);
  });

  it('refuses nothing ticked or only answered ones (422), and rounds not scheduled or open (409), storing nothing', async () => {
    const { s, id, answered } = await roundWithAnswer(2);
    const before = await tableCounts();
    expect((await s.post(`/admin/rounds/${id}/reminders`, { bulk: 'selected' })).status).toBe(422);
    const only = await s.post(`/admin/rounds/${id}/reminders`, { bulk: 'selected', ids: answered });
    expect(only.status).toBe(422);
    expect(await only.text()).toContain('请至少选择一家企业');
    expect((await s.post(`/admin/rounds/${id}/reminders`, { only: 'x' })).status).toBe(422);
    const { id: draft } = await s.create();
    expect((await s.post(`/admin/rounds/${draft}/reminders`, { bulk: 'all' })).status).toBe(409);
    expect((await s.get(`/admin/rounds/${draft}/reminders`)).status).toBe(409);
    const closed = await s.launched();
    await s.post(`/admin/rounds/${closed}/close`, { reason: '结束' });
    const after = await tableCounts();
    expect((await s.post(`/admin/rounds/${closed}/reminders`, { bulk: 'all' })).status).toBe(409);
    expect(changed(after, await tableCounts(), ['audit_log'])).toEqual({});
    // A closed round's list and chart stay readable, without the marking form.
    const page = await (await s.get(`/admin/rounds/${closed}/reminders`)).text();
    expect(page).not.toContain('name="bulk"');
    expect(changed(before, after, ['audit_log', 'campaigns', 'campaign_counters', 'invitations'])).toEqual({});
  });

  it('works for a scheduled round (the office may call ahead)', async () => {
    const s = await roundDesk(2);
    const id = await s.launched({}, chinaLocalInput(Date.now() + 24 * 3600_000));
    expect((await s.post(`/admin/rounds/${id}/reminders`, { bulk: 'all' })).status).toBe(303);
    expect(await remindersOf(id)).toHaveLength(2);
  });
});

describe('the reminder sheet and file', () => {
  it('print one QR code per enterprise not yet answered, with its contact and reminders, audited', async () => {
    const { s, id, pending } = await roundWithAnswer(4);
    await s.post(`/admin/rounds/${id}/reminders`, { only: pending[0] ?? '' });
    const html = await (await s.get(`/admin/rounds/${id}/reminders/sheet`)).text();
    expect(html.match(/<svg/g)).toHaveLength(3);
    expect(html).toContain('催答单');
    expect(html.match(/共 1 次/g)).toHaveLength(1);
    expect(html.match(/>未提醒</g)).toHaveLength(2);
    expect(await roundAudit(id, 'export_reminder_sheet')).toHaveLength(1);
  });

  it('export the same list as a CSV named after the round and its date', async () => {
    const { s, id, pending } = await roundWithAnswer(3);
    await s.post(`/admin/rounds/${id}/reminders`, { only: pending[1] ?? '' });
    const res = await s.get(`/admin/rounds/${id}/reminders.csv`);
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toMatch(new RegExp(`催答名单_.+_${chinaToday()}\\.csv`));
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toBe('企业名称,统一社会信用代码,联系人,联系电话,答复情况,最近提醒,提醒次数,链接');
    expect(lines).toHaveLength(3);
    const counts = lines
      .slice(1)
      .map((l) => l.split(',')[6])
      .sort();
    expect(counts).toEqual(['0', '1']);
    expect(lines.slice(1).every((l) => l.split(',')[4] === '已打开' || l.split(',')[4] === '未打开')).toBe(true);
  });
});

describe('the daily chart', () => {
  it('is an SVG with its own title, and a table of answers, reminders and the rate so far per day', async () => {
    const { s, id } = await roundWithAnswer(4);
    await s.post(`/admin/rounds/${id}/reminders`, { bulk: 'all' });
    const html = await (await s.get(`/admin/rounds/${id}/reminders`)).text();
    expect(html).toMatch(/<svg class="chart" role="img" aria-labelledby="daily-responses-title daily-responses-desc"/);
    expect(html).toContain('<title id="daily-responses-title">');
    // Today: 1 answer, 3 reminders, 1 of 4 answered.
    expect(html).toContain(`<td>${chinaToday()}</td><td>1</td><td>3</td><td>25.0%</td>`);
  });
});
