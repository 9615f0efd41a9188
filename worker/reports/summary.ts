// The auto-drafted sentences of the work report (工作汇报), in the style of the programme offices' own
// reports ("走访企业 N 家次, 解决问题 13 个, 满意率 98%"): built only from the figures on the same page,
// in the reader's language through the message catalogue. Pure, so each sentence is unit-tested.

import { one, pct, problemRates, rate } from '../../schema/rules/figures';
import { showsGood } from '../../schema/rules/satisfaction';
import type { Translate } from '../../web/i18n';
import type { ActivityGroup } from '../stats/activity.queries';
import type { SurveySummary } from '../stats/dashboard';
import type { ProblemGroup } from '../stats/problems.queries';

export type SummaryInput = {
  programme: string;
  from: string;
  to: string;
  activity: ActivityGroup;
  problems: ProblemGroup;
  /** Largest categories first, already translated. */
  topCategories: { label: string; raised: number }[];
  survey: SurveySummary;
  itemTitle: (key: string) => string;
  k: number;
};

/**
 * The largest categories by count, categories with the same count together (issue 19): whole groups are
 * taken until three categories are named, so a tie at the edge names every tied category, never an
 * arbitrary one of them.
 */
export function topCategoryGroups(categories: { label: string; raised: number }[]): { labels: string[]; n: number }[] {
  const groups: { labels: string[]; n: number }[] = [];
  let named = 0;
  for (const c of [...categories].filter((c) => c.raised > 0).sort((a, b) => b.raised - a.raised)) {
    const last = groups.at(-1);
    if (last?.n === c.raised) last.labels.push(c.label);
    else if (named >= 3) break;
    else groups.push({ labels: [c.label], n: c.raised });
    named++;
  }
  return groups;
}

export function draftSummary(s: SummaryInput, t: Translate): string[] {
  const { activity: a, problems: p, survey } = s;
  const rates = problemRates(p);
  const out = [
    t('report.sum.coverage', {
      programme: s.programme,
      from: s.from,
      to: s.to,
      paired: a.paired,
      contacts: a.contacts,
      enterprises: a.enterprises,
      onsite: a.onsite,
    }),
    t('report.sum.problems', { raised: p.raised, closed: p.closedInPeriod }) +
      (p.due
        ? t('report.sum.due', {
            due: p.due,
            closeRate: pct(rates.closeRate.value),
            onTime: pct(rates.onTimeRate.value),
            overdue: p.overdue,
          })
        : t('report.sum.noDue')),
  ];
  if (p.dueClosed) {
    out.push(
      t('report.sum.followUp', {
        followedUp: p.dueFollowedUp,
        followUpRate: pct(rates.followUpRate.value),
        resolveRate: pct(rates.resolveRate.value),
        median: one(p.medianDays),
      }),
    );
  }
  // Who gave the 回访, and 解决率 on the enterprise's own word only (issue 16): ground truth, not self-report.
  if (p.dueFollowedUp) {
    out.push(
      t('report.sum.confirmed', {
        confirmed: pct(rates.confirmedShare.value),
        officer: pct(rates.officerShare.value),
        rate: pct(rates.resolveRateConfirmed.value),
      }),
    );
  }
  // The supervision figures (issue 15): how long problems waited for 交办 and for 受理, how long units took, in
  // working days (medians over the problems due in the period), how many were under 督办, how many unresolvable.
  if (p.supervised || p.unresolved || p.medianDispatchDays !== null) {
    out.push(
      t('report.sum.supervision', {
        dispatch: one(p.medianDispatchDays),
        accept: one(p.medianAcceptDays),
        handling: one(p.medianHandlingDays),
        supervised: p.supervised,
        unresolved: p.unresolved,
      }),
    );
  }
  const ties = topCategoryGroups(s.topCategories);
  if (ties.length) {
    const text = ties.map(({ labels, n }) =>
      labels.length > 1
        ? t('report.sum.tie', { labels: labels.join(t('report.sum.and')), n })
        : t('report.sum.category', { label: labels[0] ?? '', n }),
    );
    // "资金融资（8 个）、用工人才（5 个）", but "资金融资（8 个），用地厂房、用工人才各 3 个": a tie read as one group.
    out.push(
      t('report.sum.categories', { list: text.join(t(ties.some((g) => g.labels.length > 1) ? 'report.sum.groups' : 'report.sum.and')) }),
    );
  }
  if (a.pairs) out.push(t('report.sum.threeOnes', { rate: pct(rate(a.met, a.pairs).value), met: a.met, pairs: a.pairs }));
  if (!survey.rounds.length) {
    out.push(t('report.sum.noSurvey'));
    return out;
  }
  const sat = survey.overall;
  const base = t('report.sum.survey', {
    rounds: survey.rounds.length,
    invited: survey.invited,
    submitted: survey.submitted,
    rate: pct(rate(survey.submitted, survey.invited).value),
  });
  // The seeds drawn, re-seeds included: the office is judged by these figures, so the report says how
  // often it drew the sample again (issue 17).
  const seeds = t('report.sum.seeds', { seeds: survey.seeds, redrawn: survey.seeds - survey.rounds.length });
  if (sat.suppressed || sat.satisfied.value === null) {
    out.push(base + t('report.sum.tooFew', { k: s.k }), seeds);
    return out;
  }
  // The 口径 beside the rate; under 三档 好评率 is the same rate, so it is not said twice (issue 14).
  const figures = { top2: pct(sat.satisfied.value), good: pct(sat.good.value), composite: one(sat.composite) };
  const scale = t(`stats.scaleShort.${sat.scale}`);
  out.push(base + t(showsGood(sat.scale) ? 'report.sum.satisfaction' : 'report.sum.satisfaction3', { ...figures, scale }), seeds);
  const shown = sat.items.filter((i) => !i.suppressed);
  const lowest = shown.reduce<(typeof shown)[number] | null>(
    (lo, i) => (!lo || (i.satisfied.value ?? 1) < (lo.satisfied.value ?? 1) ? i : lo),
    null,
  );
  if (shown.length > 1 && lowest) out.push(t('report.sum.lowest', { item: s.itemTitle(lowest.key), rate: pct(lowest.satisfied.value) }));
  return out;
}
