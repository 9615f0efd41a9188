import { describe, expect, it } from 'vitest';
import { allows, ROUND_MOVES, ROUND_STATES, roundState } from '../../schema/rules/round-state';

const opensAt = 1_000;
const closesAt = 2_000;

describe('roundState', () => {
  it('follows the stored status, then the times', () => {
    expect(roundState({ status: 'draft', opensAt, closesAt }, 1_500)).toBe('draft');
    expect(roundState({ status: 'void', opensAt, closesAt }, 1_500)).toBe('void');
    expect(roundState({ status: 'launched', opensAt, closesAt }, 999)).toBe('scheduled');
    expect(roundState({ status: 'launched', opensAt, closesAt }, 1_000)).toBe('open');
    expect(roundState({ status: 'launched', opensAt, closesAt }, 1_999)).toBe('open');
    expect(roundState({ status: 'launched', opensAt, closesAt }, 2_000)).toBe('closed');
  });
});

describe('the moves each state allows (issue 17)', () => {
  it('is exactly this table', () => {
    const table = Object.fromEntries(ROUND_STATES.map((s) => [s, Object.keys(ROUND_MOVES).filter((m) => allows(m as never, s))]));
    expect(table).toEqual({
      draft: ['edit', 'reseed', 'launch', 'void'],
      scheduled: ['void', 'remind', 'links'],
      open: ['close', 'extend', 'void', 'remind', 'links'],
      // A closed round stays closed: officers' figures are frozen at close.
      closed: ['links'],
      void: [],
    });
  });
});
