// The work report as a document: title, sections of paragraphs, sub-headings and tables of text, the
// 口径 notes and the 落款. Built once from the figures (report.data.ts) and written twice — as the HTML
// page (web/pages/report.tsx) and as the Word file (report-docx.ts) — so what is printed and what is
// downloaded cannot drift apart. Every cell is already text: suppression (样本不足) is decided in the data
// layer, never here.
import { inLang } from '../../schema/form-definition';
import { chinaDate } from '../../schema/rules/china-time';
import { interval, one, pct, problemRates, type Rate, rate, rateText } from '../../schema/rules/figures';
import { showsGood } from '../../schema/rules/satisfaction';
import type { Lang, Translate } from '../../web/i18n';
import { satisfiedLabel } from '../../web/pages/stats/parts';
import type { Report } from './report.data';

export type DocTable = { head: string[]; rows: { label: string; cells: string[] }[] };
export type DocBlock = { p: string } | { h3: string } | { table: DocTable };
export type DocSection = { heading: string; blocks: DocBlock[] };
export type ReportDocument = {
  title: string;
  period: string;
  sections: DocSection[];
  notes: string[];
  /** 落款: the programme's issuing office (empty when the programme has none) and the date in China. */
  office: string;
  date: string;
};

/** The date of a 落款 (GB/T 9704-2012 §7.3.5.1: Arabic numerals, year in full, no leading zeros). */
export function signatureDate(day: string, t: Translate): string {
  const [y, m, d] = day.split('-').map(Number);
  return t('report.date', { y: y ?? '', m: m ?? '', d: d ?? '', iso: day });
}

const docTable = (head: string[], rows: DocTable['rows']) => ({ table: { head, rows } });
const table = (head: string[], rows: DocTable['rows']): DocBlock => docTable(head, rows);

export function reportDocument(
  report: Report,
  meta: { programme: string; office: string; today: string; k: number; t: Translate; lang: Lang },
): ReportDocument {
  const { t, lang, k } = meta;
  const { data, period, previous } = report;
  const { problems: p, survey } = data;
  const sat = survey.overall;
  const suppressed = t('stats.suppressed');
  const satisfied = satisfiedLabel(t, sat.scale);
  const itemTitle = new Map(survey.items.map((i) => [i.key, inLang(i.title, lang)]));
  const unitName = (label: string | null) => label ?? t('stats.noUnit');
  const units = table(
    [
      t('report.unit'),
      t('stats.paired'),
      t('stats.contacts'),
      t('stats.onsite'),
      t('stats.threeOnes'),
      t('stats.raisedLed'),
      t('stats.closeRate'),
      t('stats.overdue'),
      t('stats.medianDispatchDays'),
      t('stats.medianAcceptDays'),
      t('stats.medianHandlingDays'),
      t('stats.supervised'),
      t('stats.unresolved'),
      satisfied,
    ],
    report.units.map((u) => ({
      label: unitName(u.label),
      cells: [
        String(u.activity?.paired ?? 0),
        String(u.activity?.contacts ?? 0),
        String(u.activity?.onsite ?? 0),
        u.activity ? rateText(rate(u.activity.met, u.activity.pairs)) : '—',
        String(u.problems?.raised ?? 0),
        u.problems ? rateText(problemRates(u.problems).closeRate) : '—',
        String(u.problems?.overdue ?? 0),
        one(u.problems?.medianDispatchDays),
        one(u.problems?.medianAcceptDays),
        one(u.problems?.medianHandlingDays),
        String(u.problems?.supervised ?? 0),
        String(u.problems?.unresolved ?? 0),
        // 满意率 stays the last column: test/integration/suppression.test.ts reads it there.
        !u.satisfaction
          ? '—'
          : u.satisfaction.hidden || u.satisfaction.satisfaction.satisfied.value === null
            ? suppressed
            : rateText(u.satisfaction.satisfaction.satisfied),
      ],
    })),
  );
  const categories = docTable(
    [t('report.category'), t('stats.raised'), t('report.share'), t('stats.closeRate')],
    report.categories
      .filter((c) => c.group.raised > 0)
      .slice(0, 8)
      .map((c) => ({
        label: c.label,
        cells: [String(c.group.raised), pct(p.raised ? c.group.raised / p.raised : null), rateText(problemRates(c.group).closeRate)],
      })),
  );
  const good = showsGood(sat.scale);
  const items = table(
    [t('stats.item'), t('stats.valid'), satisfied, ...(good ? [t('stats.good')] : []), t('stats.score')],
    sat.items.map((i) => ({
      label: itemTitle.get(i.key) ?? i.key,
      cells: i.suppressed
        ? [String(i.valid), suppressed, ...(good ? [''] : []), '']
        : [String(i.valid), pct(i.satisfied.value), ...(good ? [pct(i.good.value)] : []), one(i.score)],
    })),
  );
  const claims: DocBlock[] = [{ p: t('report.claimsAbout', { k }) }];
  if (!report.claims.length) claims.push({ p: t('claims.none') });
  for (const c of report.claims) {
    const rows = c.groups.map((g) => ({
      label: unitName(g.label),
      cells: g.hidden ? [suppressed, suppressed] : [String(g.checked), rateText(rate(g.contradicted, g.checked))],
    }));
    if (c.total)
      rows.push({ label: t('claims.total'), cells: [String(c.total.checked), rateText(rate(c.total.contradicted, c.total.checked))] });
    claims.push(
      { h3: t('claims.round', { name: c.round.name, closed: chinaDate(c.round.closesAt) }) },
      table([t('report.unit'), t('claims.checked'), t('claims.rate')], rows),
    );
  }
  // The intervals, out of the narrative and the tables (issue 19): one appendix for whoever asks how sure a rate is.
  const ci = (label: string, r: Rate) => ({ label, cells: [pct(r.value), `${r.k}/${r.n}`, interval(r)] });
  const intervals = [
    ci(t('stats.threeOnes'), rate(data.activity.met, data.activity.pairs)),
    ci(t('stats.closeRate'), data.rates.closeRate),
    ci(t('stats.onTimeRate'), data.rates.onTimeRate),
    ci(t('stats.resolveRate'), data.rates.resolveRate),
    ci(t('stats.resolveRateConfirmed'), data.rates.resolveRateConfirmed),
    ci(t('stats.responseRate'), rate(survey.submitted, survey.invited)),
    ...(sat.suppressed || sat.satisfied.value === null ? [] : [ci(satisfied, sat.satisfied)]),
    ...sat.items.filter((i) => !i.suppressed).map((i) => ci(t('report.ciItem', { item: itemTitle.get(i.key) ?? i.key }), i.satisfied)),
  ].filter((r) => r.cells[2] !== '');
  return {
    title: t('report.heading', { programme: meta.programme }),
    period: previous
      ? t('report.period', { from: period.from, to: period.to, pfrom: previous.from, pto: previous.to })
      : t('report.periodAlone', { from: period.from, to: period.to }),
    sections: [
      { heading: t('report.s1'), blocks: report.summary.map((s) => ({ p: s })) },
      {
        heading: t('report.s2'),
        blocks: [
          previous
            ? table(
                [t('report.figure'), t('report.now'), t('report.before'), t('report.change')],
                report.headlines.map((h) => ({ label: h.label, cells: [h.now, h.before ?? '', h.change ?? ''] })),
              )
            : table(
                [t('report.figure'), t('report.now')],
                report.headlines.map((h) => ({ label: h.label, cells: [h.now] })),
              ),
        ],
      },
      { heading: t('report.s3'), blocks: [units] },
      { heading: t('report.s4'), blocks: [categories.table.rows.length ? categories : { p: t('report.noCategories') }] },
      { heading: t('report.s5'), blocks: [sat.items.length ? items : { p: t('report.sum.noSurvey') }] },
      { heading: t('report.s6'), blocks: claims },
      {
        heading: t('report.s7'),
        blocks: [{ p: t('report.ciAbout') }, table([t('report.figure'), t('report.value'), t('report.kn'), t('report.ci')], intervals)],
      },
    ],
    notes: [t('report.notes', { k, scale: t(`stats.scale.${sat.scale}`) })],
    office: meta.office.trim(),
    date: signatureDate(meta.today, t),
  };
}
