// Every formula of DESIGN §6 against figures worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { median, problemRates, rate, roundRates, threeOnesRate, ZERO_PROBLEMS } from '../../schema/rules/figures';
import { DEFAULT_POINTS, itemStats, satisfaction } from '../../schema/rules/satisfaction';
import { statsConfig } from '../../worker/stats/config';
import { monthsOf, periodInstants, periodOf, upToToday } from '../../worker/stats/period';

const cfg = statsConfig(); // k = 5, points 100/80/60/30/0

describe('rates', () => {
  it('carry k, n and an interval; nothing to divide by gives nulls, not 0 %', () => {
    expect(rate(0, 0)).toEqual({ k: 0, n: 0, value: null, low: null, high: null });
    const r = rate(4, 5);
    expect(r).toMatchObject({ k: 4, n: 5, value: 0.8 });
    expect(r.low).toBeCloseTo(0.375535, 5);
    expect(r.high).toBeCloseTo(0.963774, 5);
  });

  it('response and opened rates are over invitations', () => {
    const r = roundRates({ invited: 40, opened: 30, submitted: 24 });
    expect(r.responseRate.value).toBe(0.6);
    expect(r.openedRate.value).toBe(0.75);
    expect(roundRates({ invited: 0, opened: 0, submitted: 0 }).responseRate.value).toBeNull();
  });
});

describe('one likert item', () => {
  // 3 非常满意, 4 满意, 2 基本满意, 1 不满意, 0 非常不满意, 2 不了解 → valid 10.
  const counts = { '5': 3, '4': 4, '3': 2, '2': 1, na: 2 };

  it('满意率 = top-2 / valid, 好评率 = top-3 / valid, score = mean points; 不了解 is not valid', () => {
    const s = itemStats('attitude', counts, cfg);
    if (s.suppressed) throw new Error('not suppressed');
    expect(s).toMatchObject({ valid: 10, na: 2, dist: [3, 4, 2, 1, 0] });
    expect(s.satisfied).toMatchObject({ k: 7, n: 10, value: 0.7 });
    expect(s.good).toMatchObject({ k: 9, n: 10, value: 0.9 });
    expect(s.score).toBeCloseTo((3 * 100 + 4 * 80 + 2 * 60 + 1 * 30) / 10, 12); // 77
  });

  it('uses configured points', () => {
    const s = itemStats('attitude', counts, statsConfig({ LIKERT_POINTS: '100, 75, 50, 25, 0' }));
    expect(!s.suppressed && s.score).toBeCloseTo((300 + 300 + 100 + 25) / 10, 12); // 72.5
  });

  it('is suppressed under k valid answers: only its n is given', () => {
    expect(itemStats('attitude', { '5': 4, na: 9 }, cfg)).toEqual({ key: 'attitude', valid: 4, na: 9, suppressed: true });
    expect(itemStats('attitude', { '5': 4 }, statsConfig({ SUPPRESSION_K: '3' })).suppressed).toBe(false);
  });

  it('ignores options that are not on the scale', () => {
    const s = itemStats('x', { '5': 5, '7': 9, yes: 2 }, cfg);
    expect(s).toMatchObject({ valid: 5, suppressed: false, score: 100 });
  });
});

describe('a group’s satisfaction', () => {
  it('with no responses: suppressed, no rates, no composite', () => {
    const s = satisfaction(
      0,
      [
        ['attitude', {}],
        ['overall', {}],
      ],
      cfg,
    );
    expect(s).toMatchObject({ responses: 0, suppressed: true, composite: null });
    expect(s.satisfied).toEqual({ k: 0, n: 0, value: null, low: null, high: null });
    expect(s.items.every((i) => i.suppressed)).toBe(true);
  });

  it('with every answer 不了解: enough responses but no valid answer anywhere', () => {
    const s = satisfaction(
      6,
      [
        ['attitude', { na: 6 }],
        ['overall', { na: 6 }],
      ],
      cfg,
    );
    expect(s.suppressed).toBe(false);
    expect(s.items).toEqual([
      { key: 'attitude', valid: 0, na: 6, suppressed: true },
      { key: 'overall', valid: 0, na: 6, suppressed: true },
    ]);
    expect(s.satisfied.value).toBeNull();
    expect(s.composite).toBeNull();
  });

  it('with a single response: suppressed at k = 5, exact at k = 1', () => {
    const one: [string, Record<string, number>][] = [
      ['attitude', { '5': 1 }],
      ['overall', { '3': 1 }],
    ];
    expect(satisfaction(1, one, cfg).suppressed).toBe(true);
    const s = satisfaction(1, one, statsConfig({ SUPPRESSION_K: '1' }));
    expect(s.satisfied).toMatchObject({ k: 1, n: 2, value: 0.5 });
    expect(s.composite).toBe(80); // (100 + 60) / 2
  });

  it('a group under k hides every item even when an item has k answers (a suppressed group)', () => {
    const s = satisfaction(4, [['attitude', { '5': 5 }]], cfg);
    expect(s.suppressed).toBe(true);
    expect(s.items[0]?.suppressed).toBe(true);
    expect(s.satisfied.value).toBeNull();
  });

  it('综合满意度 is the mean of item scores; pooled rates and the composite leave out items under k', () => {
    // attitude: 2×5, 2×4, 1×3 → 84; overall: 3×5, 2×4 → 92; policy_help: 3 answers only → left out.
    const s = satisfaction(
      6,
      [
        ['attitude', { '5': 2, '4': 2, '3': 1, na: 1 }],
        ['overall', { '5': 3, '4': 2, na: 1 }],
        ['policy_help', { '5': 3, na: 3 }],
      ],
      cfg,
    );
    expect(s.composite).toBeCloseTo((84 + 92) / 2, 12);
    expect(s.satisfied).toMatchObject({ k: 9, n: 10 }); // (4 + 5) / (5 + 5)
    expect(s.good).toMatchObject({ k: 10, n: 10 });
    expect(s.items.map((i) => i.suppressed)).toEqual([false, false, true]);
  });
});

describe('problem rates', () => {
  it('办结率 and 按期办结率 over due, 解决率 and 回访率 over closed', () => {
    const r = problemRates({ ...ZERO_PROBLEMS, due: 7, dueClosed: 4, dueOnTime: 3, dueFollowedUp: 3, dueResolved: 2 });
    expect(r.closeRate).toMatchObject({ k: 4, n: 7 });
    expect(r.onTimeRate).toMatchObject({ k: 3, n: 7 });
    expect(r.resolveRate).toMatchObject({ k: 2, n: 4, value: 0.5 });
    expect(r.followUpRate).toMatchObject({ k: 3, n: 4, value: 0.75 });
    expect(problemRates(ZERO_PROBLEMS).closeRate.value).toBeNull();
  });

  it('who gave the 回访 as shares of the 回访, and 解决率 on the enterprise’s confirmations only (issue 16)', () => {
    const r = problemRates({
      ...ZERO_PROBLEMS,
      due: 7,
      dueClosed: 4,
      dueFollowedUp: 4,
      dueResolved: 3,
      dueConfirmed: 1,
      dueResolvedConfirmed: 1,
    });
    expect(r.confirmedShare).toMatchObject({ k: 1, n: 4, value: 0.25 });
    expect(r.officerShare).toMatchObject({ k: 3, n: 4, value: 0.75 });
    expect(r.resolveRateConfirmed).toMatchObject({ k: 1, n: 4, value: 0.25 });
    expect(r.resolveRate.value).toBe(0.75);
  });

  it('median: middle value, mean of the two middle ones, null when empty', () => {
    expect(median([])).toBeNull();
    expect(median([40])).toBe(40);
    expect(median([47, 26, 40, 26])).toBe(33);
    expect(median([5, 1, 3])).toBe(3);
  });

  it('三个一 达标率 = pairs meeting all three / pairs assigned', () => {
    expect(threeOnesRate(5, 42)).toMatchObject({ k: 5, n: 42 });
    expect(threeOnesRate(5, 42).value).toBeCloseTo(0.119048, 6);
  });
});

describe('settings and periods', () => {
  it('defaults to k = 5 and 100/80/60/30/0; malformed overrides fall back', () => {
    expect(statsConfig()).toEqual({ k: 5, points: DEFAULT_POINTS, scale: 'top2' });
    expect(statsConfig({ SUPPRESSION_K: '0', LIKERT_POINTS: '1,2,3' })).toEqual({ k: 5, points: DEFAULT_POINTS, scale: 'top2' });
    expect(statsConfig({ SUPPRESSION_K: '10', LIKERT_POINTS: '100,90,70,40,0' })).toEqual({
      k: 10,
      points: [100, 90, 70, 40, 0],
      scale: 'top2',
    });
  });

  it('periods default to the programme’s, months are listed, and China midnight bounds the instants', () => {
    const prog = { startsOn: '2026-01-01', endsOn: '2026-12-31' };
    expect(periodOf({}, prog)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodOf({ from: '2026-05-01', to: '2026-03-01' }, prog)).toEqual({ from: '2026-03-01', to: '2026-05-01' });
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(upToToday({ from: '2026-01-01', to: '2026-12-31' }, '2026-06-15')).toEqual({ from: '2026-01-01', to: '2026-06-15' });
    const { start, end } = periodInstants({ from: '2026-03-01', to: '2026-03-01' });
    expect(new Date(start).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(end - start).toBe(86_400_000);
  });
});
