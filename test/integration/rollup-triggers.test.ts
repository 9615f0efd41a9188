// The triggers in the migrated database are exactly those the rollup definitions generate today
// (worker/stats/rollup-triggers.ts): a rule changed in its definition without a new migration
// (scripts/rollup-migration.ts), or a migration edited by hand, fails here. Compared with whitespace
// normalised, every trigger of the database, by name.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { FIGURE_SOURCES } from '../../worker/stats/figure-sources';
import { databaseTriggers, RETIRED_TRIGGERS } from '../../worker/stats/rollup-triggers';

const normal = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('rollup triggers', () => {
  it('in the migrated database are the generated ones, and no others', async () => {
    const { results } = await env.DB.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all<{
      name: string;
      tbl_name: string;
      sql: string;
    }>();
    const stored = Object.fromEntries(results.map((t) => [t.name, normal(t.sql)]));
    const generated = Object.fromEntries(databaseTriggers().map((t) => [t.name, normal(t.sql)]));
    expect(Object.keys(stored).sort()).toEqual(Object.keys(generated).sort());
    for (const [name, sql] of Object.entries(generated)) expect(stored[name], name).toBe(sql);
    // Every table a rollup is kept from has its triggers; none retired is left.
    expect(new Set(results.map((t) => t.tbl_name))).toEqual(
      new Set([
        'problems',
        'memos',
        'assignments',
        'users',
        'enterprises',
        'activity_pair_months',
        'activity_counts',
        'activity_reach',
        'group_counts',
        ...FIGURE_SOURCES,
      ]),
    );
    for (const name of RETIRED_TRIGGERS) expect(stored[name]).toBeUndefined();
  });

  it('are generated with distinct names, each once', () => {
    const names = databaseTriggers().map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
