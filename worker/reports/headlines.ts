// The work report's headline figures (二、主要数据), each this period, the previous period of the same
// length and the change between them (环比, issue 19). Both periods' figures come from the same
// overview() (report.data.ts), so the two columns are counted the same way; this only lays them side by
// side. A rate's change is in percentage points (a rate's own "growth" would misread); a count's is the
// difference with its relative growth; a median's, days. Suppressed 满意率 stays 样本不足 in either column.
import { one, pct, type Rate, rate } from '../../schema/rules/figures';
import type { MessageKey, Translate } from '../../web/i18n';
import { satisfiedLabel } from '../../web/pages/stats/parts';
import type { Overview } from '../stats/dashboard';

type Value = { count: number } | { rate: Rate } | { days: number | null } | { score: number | null } | { suppressed: true };

/** `before` and `change` are null when there is no previous period to compare with. */
export type Headline = { label: string; now: string; before: string | null; change: string | null };

/** "75.0% (3/4)": a rate as every table of the report prints it, with its k/n (the CI is in the appendix). */
export const rateText = (r: Rate): string => (r.n > 0 ? `${pct(r.value)} (${r.k}/${r.n})` : pct(r.value));

const signed = (d: number, digits: number) => `${d > 0 ? '+' : d < 0 ? '−' : ''}${Math.abs(d).toFixed(digits)}`;

function text(v: Value, t: Translate): string {
  if ('suppressed' in v) return t('stats.suppressed');
  if ('count' in v) return String(v.count);
  if ('rate' in v) return rateText(v.rate);
  return one('days' in v ? v.days : v.score);
}

function change(now: Value, before: Value, t: Translate): string {
  if ('count' in now && 'count' in before) {
    const d = now.count - before.count;
    if (d === 0) return t('report.change.flat');
    return before.count ? t('report.change.count', { d: signed(d, 0), r: signed((d / before.count) * 100, 1) }) : signed(d, 0);
  }
  if ('rate' in now && 'rate' in before && now.rate.value !== null && before.rate.value !== null) {
    return t('report.change.points', { d: signed((now.rate.value - before.rate.value) * 100, 1) });
  }
  if ('days' in now && 'days' in before && now.days !== null && before.days !== null) {
    return t('report.change.days', { d: signed(now.days - before.days, 1) });
  }
  if ('score' in now && 'score' in before && now.score !== null && before.score !== null) {
    return t('report.change.score', { d: signed(now.score - before.score, 1) });
  }
  return t('report.change.none');
}

function values(o: Overview): [MessageKey | 'satisfied', Value][] {
  const { activity: a, problems: p, rates, survey } = o;
  const sat = survey.overall;
  const shown = !sat.suppressed && sat.satisfied.value !== null;
  return [
    ['stats.paired', { count: a.paired }],
    ['stats.contacted', { count: a.enterprises }],
    ['stats.contacts', { count: a.contacts }],
    ['stats.onsite', { count: a.onsite }],
    ['stats.threeOnes', { rate: rate(a.met, a.pairs) }],
    ['stats.raised', { count: p.raised }],
    ['stats.closedInPeriod', { count: p.closedInPeriod }],
    ['report.resolved', { count: p.dueResolved }],
    ['stats.closeRate', { rate: rates.closeRate }],
    ['stats.onTimeRate', { rate: rates.onTimeRate }],
    ['stats.resolveRate', { rate: rates.resolveRate }],
    // 回访 by who gave it, and 解决率 on the enterprise's own confirmations only (issue 16).
    ['stats.resolveRateConfirmed', { rate: rates.resolveRateConfirmed }],
    ['stats.confirmedShare', { rate: rates.confirmedShare }],
    ['stats.officerShare', { rate: rates.officerShare }],
    ['stats.overdue', { count: p.overdue }],
    ['stats.unresolved', { count: p.unresolved }],
    ['stats.supervised', { count: p.supervised }],
    ['stats.medianDispatchDays', { days: p.medianDispatchDays }],
    ['stats.medianAcceptDays', { days: p.medianAcceptDays }],
    ['stats.medianHandlingDays', { days: p.medianHandlingDays }],
    ['stats.responseRate', { rate: rate(survey.submitted, survey.invited) }],
    ['satisfied', shown ? { rate: sat.satisfied } : { suppressed: true }],
    ['stats.composite', shown ? { score: sat.composite } : { suppressed: true }],
  ];
}

export function headlines(now: Overview, before: Overview | null, t: Translate): Headline[] {
  const previous = new Map(before ? values(before) : []);
  return values(now).map(([key, v]) => {
    const b = previous.get(key);
    const label = key === 'satisfied' ? satisfiedLabel(t, now.survey.overall.scale) : t(key);
    return { label, now: text(v, t), before: b ? text(b, t) : null, change: b ? change(v, b, t) : null };
  });
}
