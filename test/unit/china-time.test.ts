// schema/rules/china-time.ts: the one calendar. Checked against the platform's own Asia/Shanghai
// formatting, so the arithmetic shortcut (UTC+8, no DST) cannot drift from the real zone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  chinaDate,
  chinaDateTime,
  chinaLocalInput,
  chinaMidnight,
  chinaMonth,
  chinaToday,
  daysBetween,
  isDate,
  monthEnd,
  monthRange,
  monthsBetween,
  nextMonth,
  parseChinaLocal,
} from '../../schema/rules/china-time';

const zone = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const reference = (ms: number) => {
  const p = Object.fromEntries(zone.formatToParts(ms).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
};

describe('China time', () => {
  it('turns an instant into the date in Beijing: 16:30 UTC is already tomorrow', () => {
    const at = Date.parse('2026-06-30T16:30:00Z');
    expect(chinaToday(at)).toBe('2026-07-01');
    expect(chinaDate(at)).toBe('2026-07-01');
    expect(chinaMonth(at)).toBe('2026-07');
    expect(chinaDateTime(at)).toBe('2026-07-01 00:30');
    expect(chinaLocalInput(at)).toBe('2026-07-01T00:30');
    expect(chinaToday(Date.parse('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(chinaToday(Date.parse('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
  });

  it('agrees with Asia/Shanghai for any instant from 2000 to 2100, in any order', () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 11, 31) });
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (list) => {
        for (const ms of list) expect(chinaDateTime(ms)).toBe(reference(ms));
      }),
    );
  });

  it('maps dates to midnights and back', () => {
    expect(chinaMidnight('2026-07-01')).toBe(Date.parse('2026-06-30T16:00:00Z'));
    expect(chinaDate(chinaMidnight('2026-07-01'))).toBe('2026-07-01');
    expect(parseChinaLocal('2026-07-01T00:30')).toBe(Date.parse('2026-06-30T16:30:00Z'));
    expect(parseChinaLocal('2026-07-01T00:30:15')).toBe(Date.parse('2026-06-30T16:30:15Z'));
  });

  it('refuses times that do not exist instead of rolling them over', () => {
    for (const bad of [
      '2026-02-30T10:00',
      '2026-13-01T10:00',
      '2026-01-01T24:00',
      '2026-01-01T10:60',
      '0026-01-01T10:00x',
      '2026-1-1T10:00',
    ])
      expect(parseChinaLocal(bad)).toBeNaN();
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-2-28')).toBe(false);
  });

  it('does calendar arithmetic across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(monthEnd('2028-02')).toBe('2028-02-29');
    expect(monthEnd('2026-04-12')).toBe('2026-04-30');
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-01-01', '2026-12-31', 3)).toEqual(['2026-10', '2026-11', '2026-12']);
  });
});
