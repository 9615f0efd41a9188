import { describe, expect, it } from 'vitest';
import { chinaToday, monthOf, monthRange } from '../../schema/rules/china-time';
import { threeOnes } from '../../schema/rules/three-ones';

const zero = { contacts: 0, onsite: 0, solved: 0, noRequest: 0 };

describe('三个一', () => {
  it('is met only with a contact, an on-site visit and a solved problem', () => {
    expect(threeOnes({ contacts: 2, onsite: 1, solved: 1, noRequest: 0 })).toEqual({
      contact: true,
      onsite: true,
      solved: true,
      met: true,
    });
  });

  it('counts "no request" in place of a solved problem', () => {
    expect(threeOnes({ contacts: 1, onsite: 1, solved: 0, noRequest: 1 }).met).toBe(true);
  });

  it('is not met when any one of the three is missing', () => {
    expect(threeOnes(zero)).toEqual({ contact: false, onsite: false, solved: false, met: false });
    expect(threeOnes({ ...zero, contacts: 3, solved: 2 })).toMatchObject({ contact: true, onsite: false, solved: true, met: false });
    expect(threeOnes({ ...zero, contacts: 1, onsite: 1 })).toMatchObject({ solved: false, met: false });
    // an on-site visit is a contact, so onsite without contacts cannot come from real data; the rule still needs both
    expect(threeOnes({ ...zero, onsite: 1, solved: 1 }).met).toBe(false);
  });
});

describe('calendar helpers', () => {
  it('gives the half-open range of a month, across the year end', () => {
    expect(monthRange('2026-04')).toEqual({ from: '2026-04-01', to: '2026-05-01' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(monthRange('2026-09')).toEqual({ from: '2026-09-01', to: '2026-10-01' });
    expect(monthOf('2026-04-30')).toBe('2026-04');
  });

  it('dates in China time (UTC+8)', () => {
    expect(chinaToday(Date.parse('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(chinaToday(Date.parse('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
  });
});
