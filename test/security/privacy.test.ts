// Issue 13 — privacy notices (个人信息处理告知) on the survey and sign-in pages, set per programme with a
// sensible default, and retention: the daily run clears contact data and audit addresses of programmes
// ended more than N months ago, audited, and keeps the figures.
import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memos } from '../../schema/memo-tables';
import { addDays, chinaToday } from '../../schema/rules/china-time';
import { campaigns } from '../../schema/survey-tables';
import { enterprises, programmes } from '../../schema/tables';
import { chainPending } from '../../worker/audit/chain';
import { verifyAudit } from '../../worker/audit/verify';
import { DAILY_CRON } from '../../worker/daily/daily-run';
import worker from '../../worker/index';
import { newId } from '../../worker/lib/tokens';
import { call, db, makeEnterprise, makeProgramme, makeUser, pair, postForm, signedIn } from '../fixtures';
import { client, makeRound, ready, stored, VALID } from '../integration/rounds.fixtures';
import { assertSafeHtml, XSS } from './helpers';

const programmeOf = async (campaignId: string) =>
  (await db().select({ id: campaigns.programmeId }).from(campaigns).where(eq(campaigns.id, campaignId)).get())?.id as string;

describe('the privacy notice', () => {
  it('is on the survey page: the default, naming the programme’s retention, or the programme’s own text, escaped', async () => {
    const survey = await ready();
    const page = async () => (await call('/s', { cookie: survey.cookie })).text();
    const first = await page();
    expect(first).toContain('<summary>个人信息处理告知</summary>');
    expect(first).toContain('企业联系人姓名和电话');
    expect(first).toContain('按主管部门的档案管理规定保存');
    const programmeId = await programmeOf(survey.campaignId);
    await db().update(programmes).set({ retentionMonths: 6 }).where(eq(programmes.id, programmeId));
    expect(await page()).toContain('帮扶行动结束 6 个月后，联系人姓名、电话和审计记录中的 IP 地址将被删除');
    await db()
      .update(programmes)
      .set({ privacyNotice: `本行动由市链办负责。${XSS.img}\n\n咨询电话 12345。` })
      .where(eq(programmes.id, programmeId));
    const own = await page();
    expect(own).toContain('<p>本行动由市链办负责。&lt;img src=x onerror=alert(1)></p><p>咨询电话 12345。</p>');
    assertSafeHtml(own, 'survey page with a programme notice');
    expect(own).not.toContain('企业联系人姓名和电话');
  });

  it('is on the sign-in page, from the current programme', async () => {
    const programme = await makeProgramme({ startsOn: chinaToday(), privacyNotice: '当前行动的告知文本' });
    const html = await (await call('/login')).text();
    expect(html).toContain('<summary>个人信息处理告知</summary>');
    expect(html).toContain('当前行动的告知文本');
    const failed = await postForm('/login', { login: `nobody-${programme.id}`, password: 'x' });
    expect(await failed.text()).toContain('当前行动的告知文本');
  });

  it('is set on the programme form, with the retention in months (1–120, or blank)', async () => {
    const { cookie } = await signedIn('admin');
    const name = `告知行动${crypto.randomUUID().slice(0, 6)}`;
    const base = { name, startsOn: '2026-01-01', endsOn: '2026-12-31', phase: 'pairing', privacyNotice: '自定义告知' };
    for (const retentionMonths of ['0', '121', '1.5']) {
      const res = await postForm('/admin/programmes', { ...base, retentionMonths }, { cookie });
      expect(res.status, retentionMonths).toBe(422);
      expect(await res.text()).toMatch(/id="e-retentionMonths"/);
    }
    expect((await postForm('/admin/programmes', { ...base, retentionMonths: '24' }, { cookie })).status).toBe(303);
    const row = await db().select().from(programmes).where(eq(programmes.name, name)).get();
    expect(row).toMatchObject({ privacyNotice: '自定义告知', retentionMonths: 24 });
    const edit = await (await call(`/admin/programmes/${row?.id}/edit`, { cookie })).text();
    expect(edit).toContain('自定义告知</textarea>');
    expect(edit).toMatch(/<input id="f-retentionMonths" name="retentionMonths"[^>]* value="24"/);
  });
});

describe('retention', () => {
  const today = chinaToday();
  const fire = () =>
    worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: DAILY_CRON }), env, createExecutionContext());

  it('clears contacts and audit addresses of a programme ended more than N months ago, audited, keeping the figures', async () => {
    // A: ended 13 months ago, keeps 12 months → due. Its round was answered (audit rows with addresses).
    const round = await makeRound({ size: 2 });
    const a = await programmeOf(round.campaignId);
    await db()
      .update(programmes)
      .set({ startsOn: '2020-01-01', endsOn: addDays(today, -400), retentionMonths: 12 })
      .where(eq(programmes.id, a));
    const [only = '', shared = ''] = round.links.map((l) => l.enterpriseId);
    for (const id of [only, shared])
      await db().update(enterprises).set({ contactName: '王经理', contactPhone: '13800000000' }).where(eq(enterprises.id, id));
    const headers = client();
    const opened = await call(`/s/${round.links[0]?.token}`, { headers });
    const cookie = opened.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    expect((await postForm(`/s?round=${round.campaignId}`, VALID, { cookie, headers })).status).toBe(200);
    // the shared enterprise is also paired in B, which keeps its data (no retention)
    const b = await makeProgramme();
    await pair(b.id, (await makeUser()).id, shared);
    const officer = await makeUser();
    await db().insert(memos).values({
      id: newId(),
      programmeId: a,
      enterpriseId: only,
      officerId: officer.id,
      visitDate: '2020-05-01',
      mode: 'onsite',
      contactName: '王经理',
      createdAt: Date.now(),
    });
    // C: ended 11 months ago, keeps 12 → not yet
    const c = await makeProgramme({ startsOn: '2020-01-01', endsOn: addDays(today, -330), retentionMonths: 12 });
    const kept = await makeEnterprise({ contactName: '李主任', contactPhone: '13900000000' });
    await pair(c.id, officer.id, kept.id);
    await chainPending(db());
    const figures = await stored(round.campaignId);

    await fire();

    const contact = async (id: string) =>
      db().select({ name: enterprises.contactName, phone: enterprises.contactPhone }).from(enterprises).where(eq(enterprises.id, id)).get();
    expect(await contact(only)).toEqual({ name: '', phone: '' });
    expect(await contact(shared)).toEqual({ name: '王经理', phone: '13800000000' });
    expect(await contact(kept.id)).toEqual({ name: '李主任', phone: '13900000000' });
    expect((await db().select({ n: memos.contactName }).from(memos).where(eq(memos.programmeId, a)).all()).map((m) => m.n)).toEqual(['']);
    const addresses = await env.DB.prepare(
      "SELECT action, ip, ip_salt, ip_digest FROM audit_log WHERE object_type = 'invitation' AND object_id = ?1 ORDER BY id",
    )
      .bind(round.links[0]?.id)
      .all<{ action: string; ip: string | null; ip_salt: string | null; ip_digest: string | null }>();
    expect(addresses.results.map((r) => r.action)).toEqual(['link_opened', 'survey_submitted']);
    for (const r of addresses.results)
      expect(r).toMatchObject({ ip: null, ip_salt: null, ip_digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const purges = await env.DB.prepare("SELECT object_id, detail FROM audit_log WHERE action = 'retention_purge' ORDER BY id").all();
    expect(purges.results).toEqual([
      { object_id: a, detail: '{"cleared":"enterprise_contacts","rows":1}' },
      { object_id: a, detail: '{"cleared":"memo_contacts","rows":1}' },
      { object_id: a, detail: '{"cleared":"audit_addresses","rows":2}' },
    ]);
    expect(await stored(round.campaignId)).toEqual(figures); // the figures stay
    expect(await verifyAudit(db())).toMatchObject({ broken: null, unchained: 0 }); // the chain holds without the addresses
    await fire(); // again: nothing left to clear, nothing audited
    expect((await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'retention_purge'").first<{ n: number }>())?.n).toBe(
      3,
    );
  });
});
