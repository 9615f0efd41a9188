import { describe, expect, it } from 'vitest';
import { wilson, Z95 } from '../../schema/rules/wilson';

describe('Wilson 95 % interval', () => {
  it('has no interval without data', () => {
    expect(wilson(0, 0)).toBeNull();
  });

  it('matches the closed forms at the ends: 0/n → [0, z²/(n+z²)], n/n → [n/(n+z²), 1]', () => {
    const z2 = Z95 * Z95;
    expect(wilson(0, 10)).toEqual({ low: 0, high: expect.closeTo(z2 / (10 + z2), 12) });
    expect(wilson(10, 10)).toEqual({ low: expect.closeTo(10 / (10 + z2), 12), high: 1 });
    expect(wilson(0, 10)?.high).toBeCloseTo(0.277533, 6);
    expect(wilson(1, 1)?.low).toBeCloseTo(0.206549, 6); // a single response: wide, never [1, 1]
  });

  it('matches published values (R: prop.test(81, 263, correct = FALSE))', () => {
    const ci = wilson(81, 263);
    expect(ci?.low).toBeCloseTo(0.255289, 6);
    expect(ci?.high).toBeCloseTo(0.36621, 5);
  });

  it('is centred on ½ at 5/10 and mirrors k ↔ n − k', () => {
    const mid = wilson(5, 10);
    expect(mid?.low).toBeCloseTo(0.236593, 6);
    expect(mid?.high).toBeCloseTo(0.763407, 6);
    const a = wilson(4, 7);
    const b = wilson(3, 7);
    expect(a?.low).toBeCloseTo(1 - (b?.high ?? 0), 12);
    expect(a?.low).toBeCloseTo(0.250458, 6);
    expect(a?.high).toBeCloseTo(0.84178, 5);
  });

  it('stays inside [0, 1] and contains the point estimate', () => {
    for (let n = 1; n <= 40; n++) {
      for (let k = 0; k <= n; k++) {
        const ci = wilson(k, n);
        expect(ci).not.toBeNull();
        if (!ci) continue;
        expect(ci.low).toBeGreaterThanOrEqual(0);
        expect(ci.high).toBeLessThanOrEqual(1);
        expect(ci.low).toBeLessThanOrEqual(k / n + 1e-12);
        expect(ci.high).toBeGreaterThanOrEqual(k / n - 1e-12);
      }
    }
  });

  it('refuses impossible counts', () => {
    expect(() => wilson(3, 2)).toThrow(RangeError);
    expect(() => wilson(-1, 2)).toThrow(RangeError);
  });
});
