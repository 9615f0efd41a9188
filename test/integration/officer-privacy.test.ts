// Officers must not learn how an enterprise answered (issue 14 §1): their own page shows survey figures
// only for closed rounds, from a snapshot the daily run takes once after the close, with 满意率 and the
// item scores in whole numbers above k — no counts, no n, no distribution, no round name unless shared —
// and neither a recompute nor a pairing edit nor a later answer moves it.
import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { groupCounts, officerSnapshots, roundSnapshots } from '../../schema/survey-tables';
import { auditLog } from '../../schema/tables';
import { DAILY_CRON } from '../../worker/daily/daily-run';
import worker from '../../worker/index';
import { call, db, login, makeEnterprise, makeProgramme, makeUnit, makeUser, pair, postForm, signedIn } from '../fixtures';
import { closeNow, respond, satisfactionAnswer, surveyRound } from '../fixtures/stats';

const daily = (at = Date.now()) =>
  worker.scheduled(createScheduledController({ scheduledTime: at, cron: DAILY_CRON }), env, createExecutionContext());
/** The survey part of the officer's page: its section, up to the end of the page's content (not the script's nonce). */
const roundsSection = (html: string) => html.slice(html.indexOf('<section aria-labelledby="rounds"'), html.indexOf('</main>'));
/** An officer with six paired enterprises in one unit, a round over them answered by five. */
async function setting() {
  const programme = await makeProgramme({ startsOn: '2026-01-01', endsOn: '2026-12-31' });
  const unit = await makeUnit();
  const officer = await makeUser({ role: 'officer', unitId: unit.id });
  const enterprises = [];
  for (let i = 0; i < 6; i++) {
    const e = await makeEnterprise();
    await pair(programme.id, officer.id, e.id, true, { startsOn: '2026-01-01' });
    enterprises.push(e);
  }
  const round = await surveyRound(
    programme.id,
    enterprises.map((e) => e.id),
    { name: '秘密批次名称' },
  );
  return { programme, unit, officer, enterprises, round, cookie: await login(officer) };
}

describe('the officer’s own survey figures', () => {
  it('do not exist while the round is open: an answer given between two loads changes nothing on the page', async () => {
    const s = await setting();
    const page = async () => roundsSection(await (await call(`/stats/mine?programme=${s.programme.id}`, { cookie: s.cookie })).text());
    for (const link of s.round.links.slice(0, 5)) await respond(s.round, link.token, satisfactionAnswer([5, 4, 4, 5, 5, 4]));
    const before = await page();
    await respond(s.round, (s.round.links[5] as { token: string }).token, satisfactionAnswer([1, 1, 1, 1, 1, 1]));
    expect(await page()).toBe(before);
    expect(before).toContain('本行动还没有结束的调查批次');
    expect(before).not.toContain('秘密批次名称');
  });

  it('say 统计中 after the close until the daily run froze them, then show 满意率 and scores rounded, and no distribution', async () => {
    const s = await setting();
    // Six answers of 5, 4, 4, 5, 5, 1 on every item: 满意率 (两档) = 30/36 = 83.3 %, each item's score
    // (3·100 + 2·80 + 0) / 6 = 76.7
    const answers = [5, 4, 4, 5, 5, 1].map((v) => satisfactionAnswer([v, v, v, v, v, v]));
    for (const [i, link] of s.round.links.entries()) await respond(s.round, link.token, answers[i] as Record<string, string>);
    await closeNow(s.round.id);
    const url = `/stats/mine?programme=${s.programme.id}`;
    const counting = roundsSection(await (await call(url, { cookie: s.cookie })).text());
    expect(counting).toContain('第 1 轮调查');
    expect(counting).toContain('data-state="counting"');
    expect(counting).toContain('统计中');
    expect(counting).not.toMatch(/\d+%/);
    await daily();
    expect(await db().select().from(roundSnapshots).where(eq(roundSnapshots.campaignId, s.round.id)).get()).toBeTruthy();
    const shown = roundsSection(await (await call(url, { cookie: s.cookie })).text());
    expect(shown).toContain('<strong data-state="shown">83%</strong>');
    expect(shown).toMatch(/服务态度<\/td><td>77<\/td>/);
    expect(shown).not.toContain('83.3'); // rounded
    expect(shown).not.toContain('秘密批次名称'); // not shareable
    // the 口径 names the scale's steps (口径：两档（非常满意＋满意）); no column or cell counts them
    expect(shown).toContain('口径：两档（非常满意＋满意）');
    for (const never of ['>非常满意<', '>满意<', '>不满意<', '>有效', '/6', '/5', '置信区间', '(n=']) expect(shown).not.toContain(never);
    // 好评率 never appears beside it, nor does a per-option count of any question
    expect(shown).not.toContain('好评率');
  });

  it('do not move after the close: a late recompute, a pairing ended and a pairing backdated leave the page as it was', async () => {
    const s = await setting();
    for (const link of s.round.links.slice(0, 5)) await respond(s.round, link.token, satisfactionAnswer([5, 5, 5, 5, 5, 5]));
    await closeNow(s.round.id);
    await daily();
    const url = `/stats/mine?programme=${s.programme.id}`;
    const frozen = roundsSection(await (await call(url, { cookie: s.cookie })).text());
    expect(frozen).toContain('<strong data-state="shown">100%</strong>');
    const live = () =>
      db()
        .select({ n: groupCounts.count })
        .from(groupCounts)
        .where(
          and(
            eq(groupCounts.campaignId, s.round.id),
            eq(groupCounts.dimension, 'officer'),
            eq(groupCounts.groupKey, s.officer.id),
            eq(groupCounts.questionKey, ''),
          ),
        )
        .get();
    expect((await live())?.n).toBe(5);

    const admin = await signedIn();
    // The pairing of the first enterprise is corrected to have started in the next month: the answer, given
    // this month, no longer counts for the officer live…
    const [first] = await db().all<{ id: string }>(
      sql`SELECT id FROM assignments WHERE officer_id = ${s.officer.id} AND enterprise_id = ${s.enterprises[0]?.id ?? ''}`,
    );
    await db().run(sql`UPDATE assignments SET starts_on = '2026-12-31' WHERE id = ${first?.id ?? ''}`);
    expect((await live())?.n).toBe(4);
    expect((await postForm('/admin/stats/recompute', {}, { cookie: admin.cookie })).status).toBe(303);
    // …a second officer is paired with a past start, and a daily run comes again
    const other = await makeUser({ role: 'officer', unitId: s.unit.id });
    await pair(s.programme.id, other.id, s.enterprises[1]?.id ?? '', false, { startsOn: '2026-01-01' });
    await daily(Date.now() + 86_400_000);
    expect(roundsSection(await (await call(url, { cookie: s.cookie })).text())).toBe(frozen);
    expect(
      (await db().select().from(officerSnapshots).where(eq(officerSnapshots.campaignId, s.round.id)).all()).map((o) => o.officerId),
    ).toEqual([s.officer.id]);
  });

  it('show 样本不足 under k valid answers, and the name only once an admin shares it (audited)', async () => {
    const s = await setting();
    for (const link of s.round.links.slice(0, 4)) await respond(s.round, link.token, satisfactionAnswer([5, 5, 5, 5, 5, 5]));
    await closeNow(s.round.id);
    await daily();
    const url = `/stats/mine?programme=${s.programme.id}`;
    const few = roundsSection(await (await call(url, { cookie: s.cookie })).text());
    expect(few).toContain('data-state="suppressed"');
    expect(few).not.toMatch(/\d+%/);
    const admin = await signedIn();
    expect((await postForm(`/admin/rounds/${s.round.id}/share`, {}, { cookie: admin.cookie })).status).toBe(303);
    expect(await (await call(`/admin/rounds/${s.round.id}`, { cookie: admin.cookie })).text()).toContain(
      '是：干部本人统计页显示本批次名称',
    );
    expect(roundsSection(await (await call(url, { cookie: s.cookie })).text())).toContain('秘密批次名称');
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, s.round.id), eq(auditLog.action, 'share_name')))
      .all();
    expect(audit).toHaveLength(1);
    expect((await postForm(`/admin/rounds/${s.round.id}/unshare`, {}, { cookie: admin.cookie })).status).toBe(303);
    expect(roundsSection(await (await call(url, { cookie: s.cookie })).text())).not.toContain('秘密批次名称');
    // officers cannot share
    expect((await postForm(`/admin/rounds/${s.round.id}/share`, {}, { cookie: s.cookie })).status).toBe(403);
  });

  it('are withheld when the officer’s group holds answers of a unit the round’s unit table hides', async () => {
    // Unit A: officer a leads 6 enterprises, all answer. Unit B: officer b leads 2, both answer (B < k: hidden,
    // and A hidden with it as its complement). Officer a also helps one of B's enterprises: a's group = A + 1
    // of B (7 answers). The unit table hides B and, as its complement, the smallest other unit, A; a's group
    // reaches into B, so it is withheld though it has 7 answers. Officer c (unit C) leads 7 others: shown.
    const programme = await makeProgramme({ startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const [ua, ub, uc] = [await makeUnit(), await makeUnit(), await makeUnit()];
    const a = await makeUser({ role: 'officer', unitId: ua.id });
    const b = await makeUser({ role: 'officer', unitId: ub.id });
    const c = await makeUser({ role: 'officer', unitId: uc.id });
    const ids: string[] = [];
    const lead = async (o: { id: string }, n: number) => {
      const out = [];
      for (let i = 0; i < n; i++) {
        const e = await makeEnterprise();
        await pair(programme.id, o.id, e.id, true, { startsOn: '2026-01-01' });
        ids.push(e.id);
        out.push(e);
      }
      return out;
    };
    await lead(a, 6);
    const ofB = await lead(b, 2);
    await lead(c, 7);
    await pair(programme.id, a.id, ofB[0]?.id ?? '', false, { startsOn: '2026-01-01' });
    const round = await surveyRound(programme.id, ids);
    for (const link of round.links) await respond(round, link.token, satisfactionAnswer([5, 4, 5, 4, 5, 4]));
    await closeNow(round.id);
    await daily();
    const state = async (o: typeof a) =>
      /data-state="(\w+)"/.exec(
        roundsSection(await (await call(`/stats/mine?programme=${programme.id}`, { cookie: await login(o) })).text()),
      )?.[1];
    expect(await state(a)).toBe('suppressed');
    expect(await state(b)).toBe('suppressed');
    expect(await state(c)).toBe('shown');
    const withheld = await db().select().from(officerSnapshots).where(eq(officerSnapshots.campaignId, round.id)).all();
    expect(withheld.find((o) => o.officerId === a.id)).toMatchObject({ responses: 7, withheld: true });
    expect(withheld.find((o) => o.officerId === c.id)).toMatchObject({ responses: 7, withheld: false });
  });
});
