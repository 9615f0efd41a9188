// chinaTime writes one timestamp per row of the exports; it keeps the last day's date text, so it is
// checked against the plain Date formatting over instants in random order (the cache changes day
// almost every call) and in file order (it rarely does), and at the day's edges in China time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaTime } from '../../worker/exports/format';

const reference = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const instant = fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2099-12-31T23:59:59Z') });

describe('chinaTime', () => {
  it('is the China-time minute, at the edges of a day', () => {
    expect(chinaTime(Date.parse('2026-03-31T15:59:59.999Z'))).toBe('2026-03-31 23:59');
    expect(chinaTime(Date.parse('2026-03-31T16:00:00Z'))).toBe('2026-04-01 00:00');
    expect(chinaTime(Date.parse('2026-04-12T01:30:00Z'))).toBe('2026-04-12 09:30');
    expect(chinaTime(Date.parse('2028-02-28T16:00:00Z'))).toBe('2028-02-29 00:00');
    expect(chinaTime(null)).toBe('');
    expect(chinaTime(0)).toBe('');
  });

  it('matches Date formatting for any instants, in any order', () => {
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 200 }), (list) => {
        for (const ms of list) expect(chinaTime(ms)).toBe(reference(ms));
        for (const ms of [...list].sort((a, b) => a - b)) expect(chinaTime(ms)).toBe(reference(ms));
      }),
    );
  });
});
