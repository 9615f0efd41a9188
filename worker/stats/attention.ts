// 需要关注 on the overview (issue 19): short ranked lists, each capped, so the page does not grow with the
// number of units, officers, items or rounds. Pure: the inputs are the groups overview() already read.
import { type Rate, rate } from '../../schema/rules/figures';
import type { ActivityGroup } from './activity.queries';
import type { Overview } from './dashboard';
import type { ProblemGroup } from './problems.queries';
import type { RoundFigures } from './satisfaction';

/** How many entries each list shows: a director reads the worst few, the sub-pages list the rest. */
export const ATTENTION_CAP = 3;

export type LowItem = { key: string; satisfied: Rate; score: number | null };
export type BelowLine = { group: ActivityGroup; threeOnes: Rate };

export type Attention = {
  /** ATTENTION_CAP, for the page to say how many it lists. */
  cap: number;
  /** Units leading the most overdue problems. */
  overdueUnits: ProblemGroup[];
  /** The survey items with the lowest 满意率 among those shown (an item under k is never ranked). */
  lowItems: LowItem[];
  /**
   * The 三个一 line is the programme's own 达标率 over the period: the units and officers below it, lowest
   * first. The figures come from memos and problems, not answers, so no suppression applies (DESIGN §6).
   */
  line: Rate;
  unitsBelow: BelowLine[];
  officersBelow: BelowLine[];
  /** Rounds still open and still waiting on answers, lowest 回收率 first. */
  lowRounds: RoundFigures[];
};

const byValue = (a: Rate, b: Rate) => (a.value ?? 0) - (b.value ?? 0);

function below(groups: ActivityGroup[], line: Rate): BelowLine[] {
  if (line.value === null) return [];
  const limit = line.value;
  return groups
    .map((group) => ({ group, threeOnes: rate(group.met, group.pairs) }))
    .filter((g) => g.threeOnes.value !== null && g.threeOnes.value < limit)
    .sort((a, b) => byValue(a.threeOnes, b.threeOnes) || b.group.pairs - a.group.pairs)
    .slice(0, ATTENTION_CAP);
}

export function attention(data: Overview, officers: ActivityGroup[], now: number): Attention {
  const line = rate(data.activity.met, data.activity.pairs);
  const sat = data.survey.overall;
  const lowItems = sat.suppressed
    ? []
    : sat.items
        .flatMap((i) => (i.suppressed || i.satisfied.value === null ? [] : [{ key: i.key, satisfied: i.satisfied, score: i.score }]))
        .sort((a, b) => byValue(a.satisfied, b.satisfied) || (a.score ?? 0) - (b.score ?? 0))
        .slice(0, ATTENTION_CAP);
  return {
    cap: ATTENTION_CAP,
    overdueUnits: data.byUnit
      .filter((g) => g.overdue > 0)
      .sort((a, b) => b.overdue - a.overdue)
      .slice(0, ATTENTION_CAP),
    lowItems,
    line,
    unitsBelow: below(data.activityByUnit, line),
    officersBelow: below(officers, line),
    lowRounds: data.survey.rounds
      .filter((r) => r.opensAt <= now && r.closesAt > now && r.submitted < r.invited)
      .sort((a, b) => byValue(a.responseRate, b.responseRate))
      .slice(0, ATTENTION_CAP),
  };
}
