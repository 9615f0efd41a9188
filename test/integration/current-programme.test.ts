// Which programme is current (worker/admin/programmes.queries.ts): one rule for the officer's home, the
// memo form and every statistics page, on China's calendar.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentProgramme } from '../../worker/admin/programmes.queries';
import { call, db, makeEnterprise, makeProgramme, pair, signedIn } from '../fixtures';

afterEach(() => {
  vi.useRealTimers();
});

describe('the current programme', () => {
  it('switches at midnight in Beijing, not at midnight UTC: at 16:30 UTC the new programme has begun', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2031-06-30T16:30:00Z')); // 2031-07-01 00:30 in Beijing
    const old = await makeProgramme({ name: '上半年行动', startsOn: '2031-01-01', endsOn: '2031-06-30' });
    const fresh = await makeProgramme({ name: '下半年行动', startsOn: '2031-07-01', endsOn: '2031-12-31' });
    const officer = await signedIn('officer');
    await pair(fresh.id, officer.user.id, (await makeEnterprise({ name: '七月结对企业' })).id);
    await pair(old.id, officer.user.id, (await makeEnterprise({ name: '六月结对企业' })).id);

    const html = await (await call('/', { cookie: officer.cookie })).text();
    expect(html).toContain('下半年行动');
    expect(html).toContain('七月结对企业');
    expect(html).not.toContain('六月结对企业');

    vi.setSystemTime(Date.parse('2031-06-30T15:30:00Z')); // 23:30 on 06-30 in Beijing: still the old one
    const before = await (await call('/', { cookie: officer.cookie })).text();
    expect(before).toContain('上半年行动');
    expect(before).toContain('六月结对企业');
  });

  it('is never a disabled programme, and falls back to the latest enabled one when none is running', async () => {
    const today = '2041-06-15';
    const ended = await makeProgramme({ startsOn: '2040-01-01', endsOn: '2040-12-31' });
    expect((await currentProgramme(db(), today))?.id).toBe(ended.id);
    const running = await makeProgramme({ startsOn: '2041-01-01', endsOn: '2041-12-31' });
    await makeProgramme({ startsOn: '2041-03-01', endsOn: '2041-12-31', disabled: true });
    expect((await currentProgramme(db(), today))?.id).toBe(running.id);
  });
});
