// Which programme a statistics page is about (worker/stats/filters.ts): the one asked for, else the
// latest-starting programme running today that is not disabled, else the first in the list (enabled
// before disabled, latest start first); an unknown id is a 404, no programme at all is null.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { resolveFilters } from '../../worker/stats/filters';
import { db, makeProgramme } from '../fixtures';

const TODAY = '2026-06-15';

describe('resolveFilters', () => {
  it('picks the programme asked for, else the latest running one, else the latest', async () => {
    await db().run(sql`DELETE FROM programmes WHERE id NOT IN (SELECT programme_id FROM assignments)`);
    expect(await db().get<{ n: number }>(sql`SELECT count(*) AS n FROM programmes`)).toEqual({ n: 0 });
    expect(await resolveFilters(db(), {}, TODAY)).toBeNull();

    const past = await makeProgramme({ name: '往年', startsOn: '2024-01-01', endsOn: '2024-12-31' });
    expect((await resolveFilters(db(), {}, TODAY))?.programme.id).toBe(past.id); // nothing running: the latest

    const early = await makeProgramme({ name: '早', startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const late = await makeProgramme({ name: '晚', startsOn: '2026-03-01', endsOn: '2026-09-30' });
    const hidden = await makeProgramme({ name: '停用', startsOn: '2026-05-01', endsOn: '2026-12-31', disabled: true });
    const f = await resolveFilters(db(), {}, TODAY);
    // with the programme's 满意率 口径 (issue 14), 两档 unless set
    expect(f?.programme).toEqual({ id: late.id, name: '晚', startsOn: '2026-03-01', endsOn: '2026-09-30', satisfactionScale: 'top2' });
    expect(f?.programmes.map((p) => p.name)).toEqual(['晚', '早', '往年', '停用']);
    expect(f?.period).toEqual({ from: '2026-03-01', to: '2026-09-30' });
    expect((await resolveFilters(db(), {}, '2026-10-01'))?.programme.id).toBe(early.id); // late has ended
    expect((await resolveFilters(db(), { programme: hidden.id }, TODAY))?.programme.id).toBe(hidden.id);
    await expect(resolveFilters(db(), { programme: 'no-such-id' }, TODAY)).rejects.toMatchObject({ status: 404 });
  });
});
