// Issue 20: a breakdown shows its groups BREAKDOWN_PAGE at a time (200 officers were 0.5 MB of HTML),
// from one set of kept figures; every group is on exactly one page, a page past the last shows the last,
// a malformed page number the first, and the claims beside them are those of the groups shown.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BREAKDOWN_PAGE } from '../../schema/inputs/stats';
import { call, makeEnterprise, makeProgramme, makeUnit, makeUser, pair, signedIn } from '../fixtures';

const officersOn = (html: string) => new Set([...html.matchAll(/\/admin\/stats\/officers\/([0-9a-f-]{36})/g)].map((m) => m[1]));

describe('breakdown pages', () => {
  it('shows the groups a page at a time, each on one page, with a pager', async () => {
    const programme = await makeProgramme({ startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const unit = await makeUnit();
    const officers = new Set<string>();
    for (let i = 0; i < BREAKDOWN_PAGE + 5; i++) {
      const o = await makeUser({ role: 'officer', unitId: unit.id });
      await pair(programme.id, o.id, (await makeEnterprise()).id, true);
      officers.add(o.id);
    }
    const { cookie } = await signedIn('admin');
    const q = `programme=${programme.id}&from=2026-01-01&to=2026-12-31&by=officer`;
    const get = async (extra: string) => {
      const res = await call(`/admin/stats/breakdown?${q}${extra}`, { cookie });
      expect(res.status).toBe(200);
      return res.text();
    };
    const [first, second, past, bad] = [await get(''), await get('&page=2'), await get('&page=99'), await get('&page=x')];
    expect(officersOn(first).size).toBe(BREAKDOWN_PAGE);
    expect(officersOn(second).size).toBe(5);
    expect(new Set([...officersOn(first), ...officersOn(second)])).toEqual(officers);
    expect(officersOn(past)).toEqual(officersOn(second));
    expect(officersOn(bad)).toEqual(officersOn(first));
    // The pager: the total, a link onward from the first page, back from the second, none onward from the last.
    expect(first).toContain('class="pager"');
    expect(first).toContain(`共 ${BREAKDOWN_PAGE + 5} 条`);
    expect(first).toMatch(/href="\?[^"]*page=2"/);
    expect(second).toMatch(/href="\?[^"]*page=1"/);
    expect(second).not.toMatch(/href="\?[^"]*page=3"/);
    // Each page asked for keeps its own slice: 1, 2 and 99 (the malformed number reads as 1).
    const kept = await env.DB.prepare('SELECT count(*) AS n FROM figure_cache WHERE key LIKE \'["breakdown",%\' AND key LIKE ?1')
      .bind(`%${programme.id}%`)
      .first<{ n: number }>();
    expect(kept?.n).toBe(3);
    // A single unit: no pager.
    const byUnit = await (await call(`/admin/stats/breakdown?${q.replace('by=officer', 'by=unit')}`, { cookie })).text();
    expect(officersOn(byUnit).size).toBe(0);
    expect(byUnit).not.toContain('class="pager"');
  });
});
