import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode, normaliseCreditCode } from '../../schema/credit-code';
import { enterpriseInput } from '../../schema/inputs/enterprises';

// GB 32100-2015: the check character is C18 = 31 − (Σ Ci·Wi mod 31), Wi = 3^(i−1) mod 31, over the
// alphabet 0-9 A-H J-N P-R T U W-Y. Computed by hand below so the test does not trust the code it tests.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function referenceCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17.charAt(i)) * (3 ** i % 31);
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

const REAL = ['91350100M000100Y43', '91110000600037341L'];

describe('统一社会信用代码', () => {
  it('accepts real codes whose check character the reference computation confirms', () => {
    for (const code of REAL) {
      expect(referenceCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
      expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
      expect(isValidCreditCode(code)).toBe(true);
    }
  });

  it('agrees with the reference on generated bodies', () => {
    for (let n = 0; n < 200; n++) {
      const body = `9144${String(n * 7919).padStart(13, '0')}`;
      expect(creditCodeCheckChar(body)).toBe(referenceCheckChar(body));
    }
  });

  it('refuses every wrong check character', () => {
    const [code = ''] = REAL;
    for (const ch of ALPHABET) {
      if (ch === code.charAt(17)) continue;
      expect(isValidCreditCode(code.slice(0, 17) + ch)).toBe(false);
    }
  });

  it('refuses the wrong length', () => {
    const [code = ''] = REAL;
    expect(isValidCreditCode(code.slice(0, 17))).toBe(false);
    expect(isValidCreditCode(`${code}0`)).toBe(false);
    expect(isValidCreditCode('')).toBe(false);
  });

  it('refuses the letters I, O, Z, S and V anywhere', () => {
    for (const letter of 'IOZSV') {
      expect(creditCodeCheckChar(`91350100${letter}00010004`)).toBeNull();
      expect(isValidCreditCode(`91350100${letter}000100Y43`)).toBe(false);
      expect(isValidCreditCode(`91350100M000100Y4${letter}`)).toBe(false);
    }
  });

  it('normalises lower case and spaces copied from a licence', () => {
    expect(normaliseCreditCode(' 9135 0100m000100y43 ')).toBe('91350100M000100Y43');
    expect(isValidCreditCode('91350100m000100y43')).toBe(false);
    expect(isValidCreditCode(normaliseCreditCode('91350100m000100y43'))).toBe(true);
  });

  it('is checked the same way by the enterprise input schema', () => {
    const base = { name: '企业', sector: 'drug' };
    const ok = enterpriseInput.safeParse({ ...base, creditCode: '91110000600037341l' });
    expect(ok.success && ok.data.creditCode).toBe('91110000600037341L');
    const bad = enterpriseInput.safeParse({ ...base, creditCode: '91110000600037341M' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('err.creditCode');
  });
});
