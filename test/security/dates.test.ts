// Issue 13, weakness 5: impossible dates were accepted. A round opening on 0000-01-01 was stored as 1900
// (Date.UTC maps years 0–99 to 1900–1999) and a memo dated 0000-01-01 was counted in the rollups. Every
// date input is now refused outside 2000-01-01 … 2100-12-31 with a field message, nothing stored
// (the rule lives in schema/rules/china-time.ts).
import { describe, expect, it } from 'vitest';
import { isDate, parseChinaLocal } from '../../schema/rules/china-time';
import { countRows, postForm, signedIn } from '../fixtures';
import { memoForm, pairedOfficer, postMemo } from '../fixtures/memos';
import { roundDesk } from '../integration/rounds.fixtures';
import { storesNothing } from './helpers';

const RANGE = '日期须在 2000-01-01 至 2100-12-31 之间';

describe('dates outside 2000-01-01 … 2100-12-31 are refused with a field message', () => {
  it('refuses a round opening on 0000-01-01 or closing in 2101', async () => {
    const desk = await roundDesk(2);
    await storesNothing(async () => {
      const res = await desk.post('/admin/rounds', desk.fields({ closesAt: '2101-01-01T00:00' }));
      expect(res.status).toBe(422);
      expect(await res.text()).toMatch(new RegExp(`id="e-closesAt"[^>]*>${RANGE}`));
    });
    const { id } = await desk.create({ closesAt: '2100-12-31T23:59' });
    expect(id).not.toBe('');
    const drafts = await countRows('campaigns');
    await storesNothing(async () => {
      for (const opensAt of ['0000-01-01T00:00', '0099-12-31T23:59']) {
        const res = await desk.post(`/admin/rounds/${id}/launch`, { start: 'at', opensAt });
        expect(res.status, opensAt).toBe(422);
        expect(await res.text()).toMatch(new RegExp(`id="e-opensAt"[^>]*>${RANGE}`));
      }
    });
    expect(await countRows('campaigns')).toBe(drafts);
    expect((await desk.post(`/admin/rounds/${id}/launch`, { start: 'now' })).status).toBe(303);
  });

  it('refuses a memo dated 0000-01-01, so nothing reaches the rollups', async () => {
    const officer = await pairedOfficer();
    await storesNothing(async () => {
      for (const visitDate of ['0000-01-01', '1999-12-31', '2101-01-01']) {
        const res = await postMemo(officer.cookie, memoForm(officer.enterprise.id, [], { visitDate }));
        expect(res.status, visitDate).toBe(422);
        expect(await res.text()).toContain(RANGE);
      }
    });
  });

  it('refuses programme periods outside the range, and accepts its two ends', async () => {
    const { cookie } = await signedIn('admin');
    const programme = (startsOn: string, endsOn: string) =>
      postForm('/admin/programmes', { name: `行动${crypto.randomUUID().slice(0, 8)}`, startsOn, endsOn, phase: 'pairing' }, { cookie });
    await storesNothing(async () => {
      for (const [startsOn, endsOn] of [
        ['0000-01-01', '2026-12-31'],
        ['2026-01-01', '9999-12-31'],
      ] as const) {
        const res = await programme(startsOn, endsOn);
        expect(res.status).toBe(422);
        expect(await res.text()).toContain(RANGE);
      }
    });
    expect((await programme('2000-01-01', '2100-12-31')).status).toBe(303);
  });

  it('is one rule: isDate and parseChinaLocal share the range', () => {
    expect([isDate('1999-12-31'), isDate('2000-01-01'), isDate('2100-12-31'), isDate('2101-01-01'), isDate('2026-02-30')]).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
    expect(parseChinaLocal('0000-01-01T00:00')).toBeNaN();
    expect(parseChinaLocal('2000-01-01T08:00')).toBe(Date.UTC(2000, 0, 1));
  });
});
