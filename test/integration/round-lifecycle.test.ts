// Issue 17: 草稿 → 已排期 → 进行中 → 已结束, or 已作废. Every move: its status code, the row it leaves, its
// audit row with the reason, nothing stored on a refusal; states follow the times when read, and
// reading never writes; a closed round stays closed.
import { describe, expect, it } from 'vitest';
import { chinaDateTime, chinaLocalInput } from '../../schema/rules/china-time';
import { changed, tableCounts } from '../security/helpers';
import { answer, campaignRow, roundAudit, roundDesk, setTimes, tokensOf } from './rounds.fixtures';

const HOUR = 3600_000;
const flashOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('__Host-flash=')) ?? '';

describe('launching a draft', () => {
  it('now: the round is open at once, the launch audited, and a flash says so', async () => {
    const s = await roundDesk(3);
    const { id } = await s.create();
    expect((await s.get(`/admin/rounds/${id}/launch`)).status).toBe(200);
    const t0 = Date.now();
    const res = await s.post(`/admin/rounds/${id}/launch`, { start: 'now' });
    expect(res.status).toBe(303);
    expect(decodeURIComponent(flashOf(res))).toContain('flash.round.launched');
    const row = await campaignRow(id);
    expect(row?.status).toBe('launched');
    expect(row?.opensAt).toBeGreaterThanOrEqual(t0);
    expect(row?.launchedAt).toBe(row?.opensAt);
    const [audit] = await roundAudit(id, 'launch');
    expect(audit?.detail).toEqual({ opensAt: row?.opensAt, closesAt: row?.closesAt, invited: 3 });
    const html = await (await s.get(`/admin/rounds/${id}`)).text();
    expect(html).toContain('badge state-open');
    expect(html).toContain('正在接受答卷');
  });

  it('at a chosen time: the round is scheduled until then', async () => {
    const s = await roundDesk(2);
    const { id } = await s.create();
    const at = Math.ceil((Date.now() + 2 * 24 * HOUR) / 60_000) * 60_000;
    expect((await s.post(`/admin/rounds/${id}/launch`, { start: 'at', opensAt: chinaLocalInput(at) })).status).toBe(303);
    expect((await campaignRow(id))?.opensAt).toBe(at);
    const html = await (await s.get(`/admin/rounds/${id}`)).text();
    expect(html).toContain('badge state-scheduled');
    expect(html).toContain(`将于 ${chinaDateTime(at)} 开始`);
    expect(await (await s.get('/admin/rounds')).text()).toContain('已排期');
  });

  it('is refused for a start already past, a start after the close, or no start (422), storing nothing', async () => {
    const s = await roundDesk(2);
    const { id } = await s.create({ closesAt: chinaLocalInput(Date.now() + 24 * HOUR) });
    const before = await tableCounts();
    const cases: [Record<string, string>, string][] = [
      [{ start: 'at', opensAt: chinaLocalInput(Date.now() - HOUR) }, '指定的开始时间已过'],
      [{ start: 'at', opensAt: chinaLocalInput(Date.now() + 48 * HOUR) }, '开始时间必须早于截止时间'],
      [{ start: 'at', opensAt: '' }, '必填'],
      [{ start: 'later' }, ''],
    ];
    for (const [body, message] of cases) {
      const res = await s.post(`/admin/rounds/${id}/launch`, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(await res.text()).toContain(message);
    }
    expect(changed(before, await tableCounts())).toEqual({});
    expect((await campaignRow(id))?.status).toBe('draft');
  });

  it('happens once: a launched round is not launched again (409)', async () => {
    const s = await roundDesk(2);
    const id = await s.launched();
    const before = await tableCounts();
    expect((await s.post(`/admin/rounds/${id}/launch`, { start: 'now' })).status).toBe(409);
    expect((await s.get(`/admin/rounds/${id}/launch`)).status).toBe(409);
    expect(changed(before, await tableCounts(), ['audit_log'])).toEqual({});
    expect(await roundAudit(id, 'launch')).toHaveLength(1);
  });
});

describe('closing early', () => {
  it('asks first, needs a reason, records the close time and audits the reason', async () => {
    const s = await roundDesk(2);
    const id = await s.launched();
    const page = await (await s.get(`/admin/rounds/${id}/close`)).text();
    expect(page).toContain('已结束的批次不能重新打开');
    expect(page).toContain(`action="/admin/rounds/${id}/close"`);
    const before = await tableCounts();
    expect((await s.post(`/admin/rounds/${id}/close`, { reason: '' })).status).toBe(422);
    expect(changed(before, await tableCounts())).toEqual({});
    const planned = (await campaignRow(id))?.closesAt;
    const t0 = Date.now();
    expect((await s.post(`/admin/rounds/${id}/close`, { reason: '已达到统计需要的答卷数' })).status).toBe(303);
    const row = await campaignRow(id);
    expect(row?.closesAt).toBeGreaterThanOrEqual(t0);
    expect(row?.closesAt).toBeLessThanOrEqual(Date.now());
    const [audit] = await roundAudit(id, 'close');
    expect(audit?.detail).toEqual({ reason: '已达到统计需要的答卷数', from: planned, to: row?.closesAt });
    expect(await (await s.get(`/admin/rounds/${id}`)).text()).toContain('badge state-closed');
  });

  it('leaves the round closed for good: no move but downloads afterwards (409, nothing stored)', async () => {
    const s = await roundDesk(2);
    const id = await s.launched();
    await s.post(`/admin/rounds/${id}/close`, { reason: '提前完成' });
    const row = await campaignRow(id);
    const before = await tableCounts();
    const moves: [string, Record<string, string>][] = [
      ['close', { reason: '再关一次' }],
      ['extend', { closesAt: chinaLocalInput(Date.now() + 72 * HOUR), reason: '重新打开' }],
      ['launch', { start: 'now' }],
      ['void', { reason: '作废' }],
      ['reseed', { reason: '换种子' }],
      ['reminders', { bulk: 'all' }],
    ];
    for (const [move, body] of moves) expect((await s.post(`/admin/rounds/${id}/${move}`, body)).status, move).toBe(409);
    expect(changed(before, await tableCounts(), ['audit_log'])).toEqual({});
    expect(await campaignRow(id)).toEqual(row);
    expect((await s.get(`/admin/rounds/${id}/links.csv`)).status).toBe(200);
  });

  it('is not for a scheduled round: that one is voided instead', async () => {
    const s = await roundDesk(2);
    const id = await s.launched({}, chinaLocalInput(Date.now() + 24 * HOUR));
    expect((await s.post(`/admin/rounds/${id}/close`, { reason: '不办了' })).status).toBe(409);
    expect((await s.post(`/admin/rounds/${id}/void`, { reason: '不办了' })).status).toBe(303);
    expect((await campaignRow(id))?.status).toBe('void');
  });
});

describe('extending', () => {
  it('moves the close later while open, with the reason audited', async () => {
    const s = await roundDesk(2);
    const id = await s.launched();
    const from = (await campaignRow(id))?.closesAt ?? 0;
    const to = Math.ceil((from + 72 * HOUR) / 60_000) * 60_000;
    expect((await s.get(`/admin/rounds/${id}/extend`)).status).toBe(200);
    const res = await s.post(`/admin/rounds/${id}/extend`, { closesAt: chinaLocalInput(to), reason: '企业反映春节假期未能填写' });
    expect(res.status).toBe(303);
    expect((await campaignRow(id))?.closesAt).toBe(to);
    expect((await roundAudit(id, 'extend'))[0]?.detail).toEqual({ reason: '企业反映春节假期未能填写', from, to });
  });

  it('is refused for an earlier time (422) and without a reason (422), storing nothing', async () => {
    const s = await roundDesk(2);
    const id = await s.launched();
    const closes = (await campaignRow(id))?.closesAt ?? 0;
    const before = await tableCounts();
    const earlier = await s.post(`/admin/rounds/${id}/extend`, { closesAt: chinaLocalInput(closes - HOUR), reason: '缩短' });
    expect(earlier.status).toBe(422);
    expect(await earlier.text()).toContain('新的截止时间必须晚于当前截止时间');
    expect((await s.post(`/admin/rounds/${id}/extend`, { closesAt: chinaLocalInput(closes + 24 * HOUR) })).status).toBe(422);
    expect(changed(before, await tableCounts())).toEqual({});
  });

  it('is refused for a draft and a scheduled round (409)', async () => {
    const s = await roundDesk(2);
    const { id: draft } = await s.create();
    const scheduled = await s.launched({}, chinaLocalInput(Date.now() + 24 * HOUR));
    for (const id of [draft, scheduled]) {
      const res = await s.post(`/admin/rounds/${id}/extend`, { closesAt: chinaLocalInput(Date.now() + 30 * 24 * HOUR), reason: '延长' });
      expect(res.status).toBe(409);
    }
  });
});

describe('voiding', () => {
  it('works for a draft, a scheduled and an open round nobody answered, with the reason audited', async () => {
    const s = await roundDesk(2);
    const { id: draft } = await s.create();
    const scheduled = await s.launched({}, chinaLocalInput(Date.now() + 24 * HOUR));
    const open = await s.launched();
    for (const id of [draft, scheduled, open]) {
      const page = await (await s.get(`/admin/rounds/${id}/void`)).text();
      expect(page).toContain('所有链接立即失效');
      expect((await s.post(`/admin/rounds/${id}/void`, { reason: '抽样范围有误' })).status).toBe(303);
      const row = await campaignRow(id);
      expect(row?.status).toBe('void');
      expect(row?.voidedAt).toBeGreaterThan(0);
      expect((await roundAudit(id, 'void'))[0]?.detail).toMatchObject({ reason: '抽样范围有误' });
      expect(await (await s.get(`/admin/rounds/${id}`)).text()).toContain('badge state-void');
    }
  });

  it('is refused once an answer exists (409, the confirmation page too), storing nothing: only closing remains', async () => {
    const s = await roundDesk(3);
    const id = await s.launched();
    const [first] = await tokensOf(id);
    expect((await answer(id, first?.token ?? '')).status).toBe(200);
    const before = await tableCounts();
    const res = await s.post(`/admin/rounds/${id}/void`, { reason: '想重新抽' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('已有企业提交答卷，不能作废');
    expect((await s.get(`/admin/rounds/${id}/void`)).status).toBe(409);
    expect(changed(before, await tableCounts(), ['audit_log'])).toEqual({});
    expect((await campaignRow(id))?.status).toBe('launched');
    const page = await (await s.get(`/admin/rounds/${id}`)).text();
    expect(page).not.toContain(`href="/admin/rounds/${id}/void"`);
    expect(page).toContain(`href="/admin/rounds/${id}/close"`);
    expect((await s.post(`/admin/rounds/${id}/close`, { reason: '改为提前结束' })).status).toBe(303);
  });

  it('needs a reason', async () => {
    const s = await roundDesk(2);
    const { id } = await s.create();
    expect((await s.post(`/admin/rounds/${id}/void`, {})).status).toBe(422);
    expect((await campaignRow(id))?.status).toBe('draft');
  });
});

describe('states follow the times, and reading writes nothing', () => {
  it('scheduled → open → closed as the clock passes, with no row written by any page', async () => {
    const s = await roundDesk(2);
    const id = await s.launched({}, chinaLocalInput(Date.now() + 24 * HOUR));
    const pages = ['/admin/rounds', `/admin/rounds/${id}`, `/admin/rounds/${id}/reminders`, '/admin'];
    const read = async () => {
      const before = await tableCounts();
      const html = await (await s.get(`/admin/rounds/${id}`)).text();
      for (const p of pages) expect((await s.get(p)).status, p).toBe(200);
      expect(changed(before, await tableCounts())).toEqual({});
      return html;
    };
    expect(await read()).toContain('badge state-scheduled');
    await setTimes(id, { opensAt: Date.now() - HOUR });
    expect(await read()).toContain('badge state-open');
    await setTimes(id, { closesAt: Date.now() - 1 });
    expect(await read()).toContain('badge state-closed');
    expect((await campaignRow(id))?.status).toBe('launched');
  });
});
