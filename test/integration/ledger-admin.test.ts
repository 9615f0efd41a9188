// The supervised ledger's admin pages: the working-day calendar (typed or from a CSV; a date outside its
// year, or a 调休 day that is no weekend, is refused with 422 and nothing stored), the default deadlines
// per category, and the unit handlers' accounts with their one-time setup links. Officers get 403.
import { and, eq, gte, lte } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { calendarDays, categoryDeadlines } from '../../schema/ledger-tables';
import { programmes, users } from '../../schema/tables';
import { call, db, makeProgramme, makeUnit, postForm, signedIn } from '../fixtures';
import { memoWithProblem, page, pairedOfficer, theAdmin } from '../fixtures/memos';
import { changed, tableCounts } from '../security/helpers';

const year2026 = () =>
  db()
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.date, '2026-01-01'), lte(calendarDays.date, '2026-12-31')))
    .orderBy(calendarDays.date)
    .all();

const upload = async (cookie: string, year: number, csv: string) => {
  const body = new FormData();
  body.append('file', new File([csv], 'holidays.csv', { type: 'text/csv' }));
  return call(`/admin/calendar/import?year=${year}`, { method: 'POST', cookie, body });
};

describe('the working-day calendar', () => {
  it('stores a year typed a date per line, and tells the admin home once the year is entered', async () => {
    const { cookie } = await theAdmin();
    expect((await page(cookie, '/admin')).html).toMatch(/data-calendar-missing/);
    const res = await postForm(
      '/admin/calendar?year=2026',
      { holidays: '2026-10-01 国庆节\n2026-10-02\n\n2026-10-05 国庆节', workdays: '2026-10-10 调休上班' },
      { cookie },
    );
    expect(res.status).toBe(303);
    expect(await year2026()).toEqual([
      { date: '2026-10-01', kind: 'holiday', note: '国庆节' },
      { date: '2026-10-02', kind: 'holiday', note: '' },
      { date: '2026-10-05', kind: 'holiday', note: '国庆节' },
      { date: '2026-10-10', kind: 'workday', note: '调休上班' },
    ]);
    const html = (await page(cookie, '/admin/calendar?year=2026')).html;
    expect(html).toContain('2026-10-10 调休上班');
    expect((await page(cookie, '/admin')).html).not.toMatch(/data-calendar-missing/);
  });

  it('refuses a date outside its year, a 调休 day that is no weekend, a date twice, with 422 and every line named', async () => {
    const { cookie } = await theAdmin();
    const before = await tableCounts();
    const stored = await year2026();
    const res = await postForm(
      '/admin/calendar?year=2026',
      { holidays: '2026-05-01\n2027-01-01 元旦\n2026-02-30\n2026-05-01', workdays: '2026-10-09' },
      { cookie },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('节假日第 2 行：2027-01-01 不在 2026 年内');
    expect(html).toContain('节假日第 3 行：“2026-02-30”不是有效日期');
    expect(html).toContain('节假日第 4 行：2026-05-01 重复出现');
    expect(html).toContain('调休上班日第 1 行：2026-10-09 不是周六或周日');
    expect(changed(before, await tableCounts())).toEqual({});
    expect(await year2026()).toEqual(stored);
  });

  it('imports a CSV of dates (日期, 类型, 说明), replacing the year; a wrong year or kind stores nothing', async () => {
    const { cookie } = await theAdmin();
    const ok = await upload(cookie, 2026, '日期,类型,说明\r\n2026-01-01,休,元旦\r\n2026-02-14,班,春节调休\r\n2026-02-16,休,春节\r\n');
    expect(ok.status).toBe(303);
    expect((await year2026()).map((r) => [r.date, r.kind])).toEqual([
      ['2026-01-01', 'holiday'],
      ['2026-02-14', 'workday'],
      ['2026-02-16', 'holiday'],
    ]);
    const before = await tableCounts();
    const wrongYear = await upload(cookie, 2026, '2026-01-01,休\n2025-12-31,休,跨年\n');
    expect(wrongYear.status).toBe(422);
    expect(await wrongYear.text()).toContain('2025-12-31 不在 2026 年内');
    const wrongKind = await upload(cookie, 2026, '2026-01-01,假\n');
    expect(wrongKind.status).toBe(422);
    expect(await wrongKind.text()).toContain('类型“假”无法识别');
    const binary = await upload(cookie, 2026, 'PK\u0003\u0004\u0000\u0000binary');
    expect(binary.status).toBe(422);
    expect(changed(before, await tableCounts())).toEqual({});
  });

  it('is admin-only', async () => {
    const officer = await signedIn('officer');
    expect((await call('/admin/calendar', { cookie: officer.cookie })).status).toBe(403);
    expect((await postForm('/admin/calendar?year=2026', { holidays: '2026-01-01' }, { cookie: officer.cookie })).status).toBe(403);
  });
});

describe('default deadlines', () => {
  it('stores working days per category and the programme default; a bad number is 422', async () => {
    const { cookie } = await theAdmin();
    const programme = await makeProgramme();
    const res = await postForm(
      `/admin/deadlines?programme=${programme.id}`,
      { defaultDays: '45', 'days.policy': '15', 'days.land': '' },
      { cookie },
    );
    expect(res.status).toBe(303);
    expect(await db().select().from(categoryDeadlines).where(eq(categoryDeadlines.programmeId, programme.id)).all()).toEqual([
      { programmeId: programme.id, category: 'policy', workingDays: 15 },
    ]);
    expect((await db().select().from(programmes).where(eq(programmes.id, programme.id)).get())?.defaultDeadlineDays).toBe(45);
    const before = await tableCounts();
    const bads: Record<string, string>[] = [
      { defaultDays: '0' },
      { defaultDays: '30', 'days.policy': 'abc' },
      { defaultDays: '30', 'days.land': '366' },
    ];
    for (const bad of bads) {
      expect((await postForm(`/admin/deadlines?programme=${programme.id}`, bad, { cookie })).status, JSON.stringify(bad)).toBe(422);
    }
    expect(changed(before, await tableCounts())).toEqual({});
    expect((await call(`/admin/deadlines?programme=${crypto.randomUUID()}`, { cookie })).status).toBe(404);
  });
});

describe('unit handlers', () => {
  it('are created by the admin, bound to a unit, and set their password through a one-time link', async () => {
    const { cookie } = await theAdmin();
    const unit = await makeUnit('市场监管局');
    const res = await postForm(
      '/admin/handlers',
      { login: 'scjg.li', name: '李主任', unitId: unit.id, phone: '', email: 'li@scjg.gov.cn' },
      { cookie },
    );
    // As for officers: the account is stored and its one-time setup link shown at once (200).
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/\/setup\/[A-Za-z0-9_-]{43}"/);
    const handler = await db().select().from(users).where(eq(users.login, 'scjg.li')).get();
    expect(handler).toMatchObject({ role: 'handler', unitId: unit.id, email: 'li@scjg.gov.cn', passwordHash: null });
    const list = (await page(cookie, '/admin/handlers')).html;
    expect(list).toContain('李主任');
    expect(list).not.toContain('scjg.li</td><td>帮扶'); // the officers' list is another page
    expect((await page(cookie, '/admin/officers')).html).not.toContain('李主任');
    const link = (await (await postForm(`/admin/handlers/${handler?.id}/setup-link`, {}, { cookie })).text()).match(
      /\/setup\/([A-Za-z0-9_-]+)"/,
    )?.[1];
    expect(link).toBeTruthy();
    expect((await postForm(`/setup/${link}`, { password: 'a long passphrase 2026', confirm: 'a long passphrase 2026' })).status).toBe(303);
    const login = await postForm('/login', { login: 'scjg.li', password: 'a long passphrase 2026' });
    expect(login.status).toBe(303);
    // The handler pages manage handlers only, and bad input is 422.
    expect((await postForm('/admin/handlers', { login: 'x', name: '', unitId: unit.id, email: 'not-an-email' }, { cookie })).status).toBe(
      422,
    );
    const officer = await pairedOfficer();
    expect((await call(`/admin/handlers/${officer.user.id}/edit`, { cookie })).status).toBe(404);
    const p = await memoWithProblem(officer.cookie, officer.enterprise.id);
    expect(p.status).toBe('pending');
  });
});
