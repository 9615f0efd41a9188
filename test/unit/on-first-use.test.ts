import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { onFirstUse } from '../../schema/on-first-use';

describe('onFirstUse', () => {
  it('builds nothing at definition, then once, on the first read', () => {
    let builds = 0;
    const value = onFirstUse(() => {
      builds++;
      return {
        n: 41,
        inc() {
          return this.n + 1;
        },
      };
    });
    expect(builds).toBe(0);
    expect(value.inc()).toBe(42);
    expect(value.n).toBe(41);
    expect(builds).toBe(1);
  });

  it('stands in for a zod schema: parses, composes, spreads and passes instanceof like the schema itself', () => {
    const direct = z.strictObject({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'err.date') });
    const deferred = onFirstUse(() => z.strictObject({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'err.date') }));
    for (const input of [{ day: '2026-11-23' }, { day: '23/11/2026' }, { day: '2026-11-23', extra: 1 }, null]) {
      expect(deferred.safeParse(input)).toEqual(direct.safeParse(input));
    }
    expect(deferred instanceof z.ZodObject).toBe(true);
    const wrapped = z.object({ inner: deferred.optional(), list: z.array(deferred).max(1) });
    expect(wrapped.safeParse({ list: [{ day: 'x' }] }).error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['list.0.day', 'err.date'],
    ]);
    const fields = onFirstUse(() => ({ day: z.string().min(1, 'err.required') }));
    expect(z.strictObject({ ...fields }).safeParse({ day: '' }).error?.issues[0]?.message).toBe('err.required');
  });
});
