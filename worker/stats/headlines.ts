// The headline figures of the work report (二、主要数据) and of the overview's tiles, each this period, the
// previous period of the same length and the change between them (环比, issue 19). Both periods' figures
// come from the same queries (comparedOverview, dashboard.ts), so the two columns are counted alike; this
// only lays them side by side. A rate's change is in percentage points (a rate's own "growth" would
// misread); a count's is the difference with its relative growth; a median's, days. Suppressed 满意率 stays
// 样本不足 in either column.
import { one, type Rate, rate, rateText } from '../../schema/rules/figures';
import type { MessageKey, Translate } from '../../web/i18n';
import { satisfiedLabel } from '../../web/pages/stats/parts';
import type { Headlines } from './dashboard';

type Value = { count: number } | { rate: Rate } | { days: number | null } | { score: number | null } | { suppressed: true };

/** Which figure a headline is: a message key of its label, or 满意率 (labelled by its 口径). */
export type HeadlineKey = MessageKey | 'satisfied';

/** The direction of a change, for the overview's arrows; null when either side has no figure. */
export type Trend = 'up' | 'down' | 'flat';

/** `before`, `change` and `trend` are null when there is no previous period to compare with. */
export type Headline = { key: HeadlineKey; label: string; now: string; before: string | null; change: string | null; trend: Trend | null };

const signed = (d: number, digits: number) => `${d > 0 ? '+' : d < 0 ? '−' : ''}${Math.abs(d).toFixed(digits)}`;

function text(v: Value, t: Translate): string {
  if ('suppressed' in v) return t('stats.suppressed');
  if ('count' in v) return String(v.count);
  if ('rate' in v) return rateText(v.rate);
  return one('days' in v ? v.days : v.score);
}

/** The difference now − before in the figure's own unit (a rate's in proportion), or null. */
function difference(now: Value, before: Value): number | null {
  if ('count' in now && 'count' in before) return now.count - before.count;
  if ('rate' in now && 'rate' in before && now.rate.value !== null && before.rate.value !== null) return now.rate.value - before.rate.value;
  if ('days' in now && 'days' in before && now.days !== null && before.days !== null) return now.days - before.days;
  if ('score' in now && 'score' in before && now.score !== null && before.score !== null) return now.score - before.score;
  return null;
}

const trendOf = (d: number | null): Trend | null => (d === null ? null : d > 0 ? 'up' : d < 0 ? 'down' : 'flat');

function change(now: Value, before: Value, t: Translate): string {
  const d = difference(now, before);
  if (d === null) return t('report.change.none');
  if ('count' in now && 'count' in before) {
    if (d === 0) return t('report.change.flat');
    return before.count ? t('report.change.count', { d: signed(d, 0), r: signed((d / before.count) * 100, 1) }) : signed(d, 0);
  }
  if ('rate' in now) return t('report.change.points', { d: signed(d * 100, 1) });
  if ('days' in now) return t('report.change.days', { d: signed(d, 1) });
  return t('report.change.score', { d: signed(d, 1) });
}

function values(o: Headlines): [HeadlineKey, Value][] {
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

/** The headline figures side by side with the previous period's; `only` picks some, in its order (the overview's tiles). */
export function headlines(now: Headlines, before: Headlines | null, t: Translate, only?: readonly HeadlineKey[]): Headline[] {
  const previous = new Map(before ? values(before) : []);
  const all = values(now);
  const picked = only ? only.flatMap((k) => all.filter(([key]) => key === k)) : all;
  return picked.map(([key, v]) => {
    const b = previous.get(key);
    const label = key === 'satisfied' ? satisfiedLabel(t, now.survey.overall.scale) : t(key);
    return {
      key,
      label,
      now: text(v, t),
      before: b ? text(b, t) : null,
      change: b ? change(v, b, t) : null,
      trend: b ? trendOf(difference(v, b)) : null,
    };
  });
}

/**
 * The overview's tiles (issue 19), each one or two headline figures: 帮扶企业; 走访 and 上门; 提出 and
 * 办结; 办结率 and 按期办结率; 满意率 in the programme's 口径; 三个一 达标率. At most 8 tiles.
 */
export const OVERVIEW_TILES: readonly (readonly HeadlineKey[])[] = [
  ['stats.paired'],
  ['stats.contacts', 'stats.onsite'],
  ['stats.raised', 'stats.closedInPeriod'],
  ['stats.closeRate', 'stats.onTimeRate'],
  ['satisfied'],
  ['stats.threeOnes'],
];

/** The overview's tiles with this period's figures and the previous period's. */
export const overviewTiles = (now: Headlines, before: Headlines | null, t: Translate): Headline[][] =>
  OVERVIEW_TILES.map((keys) => headlines(now, before, t, keys));
