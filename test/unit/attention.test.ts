// 需要关注 (issue 19): the overview's ranked lists stay at ATTENTION_CAP entries however many units,
// officers, items and rounds there are, worst first, and only what is actually below the line.
import { describe, expect, it } from 'vitest';
import { rate, roundRates } from '../../schema/rules/figures';
import type { ActivityGroup } from '../../worker/stats/activity.queries';
import { ATTENTION_CAP, attention } from '../../worker/stats/attention';
import type { Overview } from '../../worker/stats/dashboard';
import type { ProblemGroup } from '../../worker/stats/problems.queries';
import type { RoundFigures } from '../../worker/stats/satisfaction';

const NOW = Date.parse('2026-06-15T12:00:00+08:00');
const DAY = 86_400_000;

const activity = (key: string, met: number, pairs: number): ActivityGroup => ({
  key,
  label: key,
  enterprises: 0,
  contacts: 0,
  onsite: 0,
  paired: 0,
  pairs,
  met,
});
const unitProblems = (key: string, overdue: number) => ({ key, label: key, overdue }) as ProblemGroup;
const round = (id: string, invited: number, submitted: number, opensAt: number, closesAt: number) =>
  ({
    id,
    name: id,
    invited,
    submitted,
    opened: submitted,
    opensAt,
    closesAt,
    ...roundRates({ invited, opened: submitted, submitted }),
  }) as RoundFigures;
const item = (key: string, k: number, n: number) => ({ key, suppressed: false as const, satisfied: rate(k, n), score: (k / n) * 100 });

/** A programme of 200 units and 500 officers: pairs met 10/100 overall; unit i met i % 20 of 100. */
function big(): { data: Overview; officers: ActivityGroup[] } {
  const units = Array.from({ length: 200 }, (_, i) => activity(`u${i}`, i % 20, 100));
  const data = {
    activity: activity('all', 10, 100),
    byUnit: units.map((u, i) => unitProblems(u.key ?? '', i % 7)),
    activityByUnit: units,
    survey: {
      overall: {
        suppressed: false,
        items: [
          ...Array.from({ length: 40 }, (_, i) => item(`q${i}`, 50 + i, 100)),
          { key: 'hidden', suppressed: true as const, valid: 2, na: 0 },
        ],
      },
      rounds: [
        round('closed', 100, 10, NOW - 30 * DAY, NOW - DAY), // closed: not listed however low
        round('full', 10, 10, NOW - DAY, NOW + DAY), // everyone answered
        round('low', 100, 20, NOW - DAY, NOW + DAY),
        round('lower', 100, 5, NOW - DAY, NOW + DAY),
        round('later', 100, 0, NOW + DAY, NOW + 9 * DAY), // not open yet
        round('mid', 100, 60, NOW - DAY, NOW + DAY),
        round('half', 10, 5, NOW - DAY, NOW + DAY),
      ],
    },
  } as unknown as Overview;
  const officers = Array.from({ length: 500 }, (_, i) => activity(`o${i}`, i % 50, 300));
  return { data, officers };
}

describe('attention', () => {
  it('lists at most three of each, worst first, whatever the size of the programme', () => {
    const { data, officers } = big();
    const a = attention(data, officers, NOW);
    expect(ATTENTION_CAP).toBe(3);
    expect(a.overdueUnits.map((g) => [g.key, g.overdue])).toEqual([
      ['u6', 6],
      ['u13', 6],
      ['u20', 6],
    ]);
    expect(a.lowItems.map((i) => i.key)).toEqual(['q0', 'q1', 'q2']);
    expect(a.line.value).toBe(0.1);
    // Units meeting 0 of 100 first (u0, u20, u40 …); the line is 10 %.
    expect(a.unitsBelow.map((u) => [u.group.key, u.threeOnes.k])).toEqual([
      ['u0', 0],
      ['u20', 0],
      ['u40', 0],
    ]);
    expect(a.officersBelow.map((o) => o.group.key)).toEqual(['o0', 'o50', 'o100']);
    expect(a.lowRounds.map((r) => r.id)).toEqual(['lower', 'low', 'half']);
  });

  it('lists nobody when all are on the line, and no item of a suppressed total', () => {
    const { data } = big();
    const even = [activity('a', 1, 10), activity('b', 2, 20)];
    const a = attention(
      {
        ...data,
        activity: activity('all', 3, 30),
        activityByUnit: even,
        survey: { ...data.survey, overall: { ...data.survey.overall, suppressed: true } },
      },
      even,
      NOW,
    );
    expect(a.unitsBelow).toEqual([]);
    expect(a.officersBelow).toEqual([]);
    expect(a.lowItems).toEqual([]);
  });
});
