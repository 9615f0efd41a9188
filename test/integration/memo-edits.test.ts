// Editing a saved memo (issue 22): the author's text edits within 7 days (schema/rules/memo-edit.ts), the
// admin's audited correction of the fields 三个一 counts by, every role against both moves, bad input,
// a storage fault, and the 三个一 rollups staying exactly what a rebuild from the raw rows gives.
import { env } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memoRevisions } from '../../schema/memo-record-tables';
import { activityCounts, activityPairMonths, activityReach, memos, problems } from '../../schema/memo-tables';
import { addDays, chinaMidnight, chinaToday } from '../../schema/rules/china-time';
import { canEditMemo, editableUntil } from '../../schema/rules/memo-edit';
import { auditLog } from '../../schema/tables';
import { createApp } from '../../worker/app';
import { activityRecomputeStatements } from '../../worker/stats/activity-rollup';
import { call, countRows, db, makeEnterprise, ORIGIN, pair, postForm, signedIn } from '../fixtures';
import { handlerOf, makeUnit, memoForm, memoRow, pairedOfficer, postMemo, problemRow, theProgramme } from '../fixtures/memos';

async function savedMemo(rows = [problemRow()]) {
  const officer = await pairedOfficer();
  const form = memoForm(officer.enterprise.id, rows);
  expect((await postMemo(officer.cookie, form)).status).toBe(303);
  return { ...officer, memoId: String(form.id) };
}

const revisionsOf = (memoId: string) => db().select().from(memoRevisions).where(eq(memoRevisions.memoId, memoId)).all();
const auditOf = (memoId: string, action: string) =>
  db().select().from(auditLog).where(sql`${auditLog.objectId} = ${memoId} AND ${auditLog.action} = ${action}`).all();
const edit = (cookie: string, memoId: string, data: Record<string, string>) => postForm(`/memos/${memoId}/edit`, data, { cookie });

describe('the edit window (schema/rules/memo-edit.ts)', () => {
  it('runs through the 7th China day after the day of saving, for the author only', () => {
    // Saved at 23:30 China time on 2026-03-01 (15:30 UTC): editable through 2026-03-08 in China.
    const createdAt = chinaMidnight('2026-03-01') + 23.5 * 3600_000;
    const memo = { officerId: 'o1', createdAt };
    expect(editableUntil(createdAt)).toBe('2026-03-08');
    const lastMoment = chinaMidnight('2026-03-09') - 1;
    expect(canEditMemo(memo, { id: 'o1', role: 'officer' }, lastMoment)).toBe(true);
    expect(canEditMemo(memo, { id: 'o1', role: 'officer' }, lastMoment + 1)).toBe(false);
    expect(canEditMemo(memo, { id: 'o2', role: 'officer' }, createdAt)).toBe(false);
    expect(canEditMemo(memo, { id: 'o1', role: 'admin' }, createdAt)).toBe(false);
  });
});

describe('the author’s edit', () => {
  it('stores the new text, one revision with only the changed fields, and an audit row; the file shows it', async () => {
    const { cookie, memoId, enterprise, user } = await savedMemo();
    expect(await (await call(`/memos/${memoId}`, { cookie })).text()).toContain(`href="/memos/${memoId}/edit"`);
    const page = await call(`/memos/${memoId}/edit`, { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('生产经营正常，新生产线正在调试。');
    const res = await edit(cookie, memoId, {
      participants: '张伟、企业总经理',
      contactName: '李明',
      contactTitle: '总经理',
      businessSituation: '新生产线已投产，<b>订单</b>增加。',
      policiesExplained: '讲解了技改补贴政策。',
      nextSteps: '',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/memos/${memoId}`);
    expect(await memoRow(memoId)).toMatchObject({ businessSituation: '新生产线已投产，<b>订单</b>增加。', nextSteps: '', mode: 'onsite' });
    const revs = await revisionsOf(memoId);
    expect(revs).toHaveLength(1);
    expect(revs[0]).toMatchObject({ editorId: user.id, kind: 'edit', reason: '' });
    expect(JSON.parse(revs[0]?.before ?? '')).toEqual({
      businessSituation: '生产经营正常，新生产线正在调试。',
      nextSteps: '下月再次走访。',
    });
    expect(JSON.parse(revs[0]?.after ?? '')).toEqual({ businessSituation: '新生产线已投产，<b>订单</b>增加。', nextSteps: '' });
    const audits = await auditOf(memoId, 'memo_edit');
    expect(audits.map((a) => [a.actorId, JSON.parse(a.detail ?? '')])).toEqual([[user.id, { fields: ['businessSituation', 'nextSteps'] }]]);
    const file = await (await call(`/enterprises/${enterprise.id}`, { cookie })).text();
    expect(file).toContain(`data-revision="${revs[0]?.id}"`);
    expect(file).toContain('修改记录（1 次）');
    expect(file).toContain('&lt;b>订单&lt;/b>');
    expect(file).not.toContain('<b>订单</b>');
    // Saving the same text again records nothing.
    expect((await edit(cookie, memoId, { businessSituation: '新生产线已投产，<b>订单</b>增加。', nextSteps: '' })).status).toBe(303);
    const after = await revisionsOf(memoId);
    // Blank fields left out of the post are blanks: participants etc. were cleared this time.
    expect(after).toHaveLength(2);
    expect(JSON.parse(after[1]?.after ?? '')).toEqual({ participants: '', contactName: '', contactTitle: '', policiesExplained: '' });
  });

  it('refuses the enterprise, the visit date and the mode (they decide 三个一): 422, nothing stored', async () => {
    const { cookie, memoId } = await savedMemo();
    const before = await memoRow(memoId);
    const other = await makeEnterprise();
    const refused: Record<string, string>[] = [{ enterpriseId: other.id }, { visitDate: '2020-01-01' }, { mode: 'phone' }];
    for (const extra of refused) {
      const res = await edit(cookie, memoId, { businessSituation: '改了', ...extra });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain(Object.keys(extra)[0]);
      expect(html).toContain('改了'); // the input is kept
    }
    expect(await memoRow(memoId)).toEqual(before);
    expect(await revisionsOf(memoId)).toHaveLength(0);
    expect(await auditOf(memoId, 'memo_edit')).toHaveLength(0);
  });

  it('answers bad text with 422 and the field’s message, and stores nothing', async () => {
    const { cookie, memoId } = await savedMemo();
    const before = await memoRow(memoId);
    const res = await edit(cookie, memoId, { businessSituation: '长'.repeat(2001), contactName: '王' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="e-businessSituation"[^>]*>[^<]+/);
    expect(html).toContain('aria-invalid="true"');
    expect(await memoRow(memoId)).toEqual(before);
    expect(await revisionsOf(memoId)).toHaveLength(0);
  });

  it('closes after the 7th day: 403, audited, nothing stored', async () => {
    const { cookie, memoId } = await savedMemo();
    const eightDaysAgo = chinaMidnight(addDays(chinaToday(), -8)) + 3600_000;
    await db().update(memos).set({ createdAt: eightDaysAgo }).where(eq(memos.id, memoId));
    expect((await call(`/memos/${memoId}/edit`, { cookie })).status).toBe(403);
    expect((await edit(cookie, memoId, { businessSituation: '迟到的修改' })).status).toBe(403);
    expect((await memoRow(memoId))?.businessSituation).toBe('生产经营正常，新生产线正在调试。');
    expect((await auditOf(memoId, 'forbidden')).length).toBe(2);
    // Seven days ago is still inside the window.
    await db()
      .update(memos)
      .set({ createdAt: chinaMidnight(addDays(chinaToday(), -7)) })
      .where(eq(memos.id, memoId));
    expect((await edit(cookie, memoId, { businessSituation: '第七天的修改' })).status).toBe(303);
  });

  it('is answered with 503 and leaves the memo as it was when the batch fails', async () => {
    const { cookie, memoId } = await savedMemo();
    const before = await memoRow(memoId);
    const audits = await countRows('audit_log');
    const req = new Request(`${ORIGIN}/memos/${memoId}/edit`, {
      method: 'POST',
      body: new URLSearchParams({ businessSituation: '不会保存' }),
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    const res = await createApp().fetch(req, { ...env, FAULT_INJECT: 'memo-last' });
    expect(res.status).toBe(503);
    expect(await res.text()).not.toMatch(/INSERT|SQLITE|memo_revisions/);
    expect(await memoRow(memoId)).toEqual(before);
    expect(await revisionsOf(memoId)).toHaveLength(0);
    expect(await countRows('audit_log')).toBe(audits);
  });
});

describe('every role against the edit and the correction', () => {
  it('lets only the author edit and only an admin correct; those who may not see the memo get 404', async () => {
    const { cookie: author, memoId, enterprise } = await savedMemo();
    const stranger = await signedIn('officer');
    const colleague = await signedIn('officer'); // paired with the same enterprise: sees the memo, may not edit it
    await pair((await theProgramme()).id, colleague.user.id, enterprise.id, false);
    const admin = await signedIn('admin');
    const handler = await handlerOf((await makeUnit()).id);
    const cases: [string, string, number, number][] = [
      // who, cookie, edit status, correct status
      ['author', author, 303, 403],
      ['colleague', colleague.cookie, 403, 403],
      ['stranger', stranger.cookie, 404, 403],
      ['admin', admin.cookie, 403, 303],
      ['handler', handler.cookie, 404, 403],
    ];
    const memoPage = await (await call(`/memos/${memoId}`, { cookie: colleague.cookie })).text();
    expect(memoPage).not.toContain(`/memos/${memoId}/edit`);
    expect(memoPage).not.toContain(`/memos/${memoId}/correct`);
    expect(await (await call(`/memos/${memoId}`, { cookie: admin.cookie })).text()).toContain(`href="/memos/${memoId}/correct"`);
    for (const [who, cookie, editStatus, correctStatus] of cases) {
      const res = await edit(cookie, memoId, { businessSituation: `由${who}修改` });
      expect(res.status, who).toBe(editStatus);
      const corr = await postForm(
        `/memos/${memoId}/correct`,
        { enterpriseId: enterprise.id, visitDate: chinaToday(), mode: 'phone', reason: `${who}更正` },
        { cookie },
      );
      expect(corr.status, who).toBe(correctStatus);
    }
    const revs = await revisionsOf(memoId);
    expect(revs.map((r) => [r.kind, r.editorId])).toEqual([
      ['edit', (await memoRow(memoId))?.officerId],
      ['correct', admin.user.id],
    ]);
    expect((await memoRow(memoId))?.businessSituation).toBe('由author修改');
  });
});

const snapshot = async () => ({
  pairs: await db().select().from(activityPairMonths).orderBy(sql`1, 2, 3, 4`).all(),
  counts: await db().select().from(activityCounts).orderBy(sql`1, 2, 3, 4`).all(),
  reach: await db().select().from(activityReach).orderBy(sql`1, 2, 3, 4, 5`).all(),
});

describe('the admin’s correction', () => {
  it('moves the memo (and its problems) to another enterprise, date and mode; the rollups match a rebuild', async () => {
    const { memoId, enterprise, user, programmeId } = await savedMemo([problemRow(), problemRow({ onSpot: 'on' })]);
    const other = await makeEnterprise();
    await pair(programmeId, user.id, other.id, false);
    const { cookie } = await signedIn('admin');
    const form = await (await call(`/memos/${memoId}/correct`, { cookie })).text();
    expect(form).toContain(`<option value="${other.id}"`);
    const lastMonth = addDays(`${chinaToday().slice(0, 7)}-01`, -3);
    // Without a reason, or to an enterprise the officer was never paired with, or in the future: 422, nothing stored.
    const stranger = await makeEnterprise();
    const bad = [
      { enterpriseId: other.id, visitDate: lastMonth, mode: 'phone', reason: '' },
      { enterpriseId: stranger.id, visitDate: lastMonth, mode: 'phone', reason: '录错企业' },
      { enterpriseId: other.id, visitDate: addDays(chinaToday(), 1), mode: 'phone', reason: '录错日期' },
    ];
    const before = await snapshot();
    for (const data of bad) expect((await postForm(`/memos/${memoId}/correct`, data, { cookie })).status).toBe(422);
    expect(await revisionsOf(memoId)).toHaveLength(0);
    expect(await snapshot()).toEqual(before);

    const res = await postForm(
      `/memos/${memoId}/correct`,
      { enterpriseId: other.id, visitDate: lastMonth, mode: 'phone', reason: '录错企业' },
      { cookie },
    );
    expect(res.status).toBe(303);
    expect(await memoRow(memoId)).toMatchObject({ enterpriseId: other.id, visitDate: lastMonth, mode: 'phone' });
    const moved = await db().select().from(problems).where(eq(problems.memoId, memoId)).all();
    expect(moved.map((p) => p.enterpriseId)).toEqual([other.id, other.id]);
    const [rev] = await revisionsOf(memoId);
    expect(rev).toMatchObject({ kind: 'correct', reason: '录错企业' });
    expect(JSON.parse(rev?.before ?? '')).toEqual({ enterpriseId: enterprise.id, visitDate: chinaToday(), mode: 'onsite' });
    expect((await auditOf(memoId, 'memo_correct')).length).toBe(1);
    // The old pair-month lost the memo, the new one has it as a contact and no on-site visit.
    const pairs = await db().select().from(activityPairMonths).where(eq(activityPairMonths.officerId, user.id)).all();
    expect(pairs.map((p) => [p.enterpriseId, p.month, p.memos, p.onsite])).toContainEqual([other.id, lastMonth.slice(0, 7), 1, 0]);
    expect(pairs.some((p) => p.enterpriseId === enterprise.id && p.memos > 0)).toBe(false);
    const kept = await snapshot();
    await db().batch(activityRecomputeStatements().map((q) => db().run(sql.raw(q))) as [never]);
    expect(await snapshot()).toEqual(kept);
  });
});
