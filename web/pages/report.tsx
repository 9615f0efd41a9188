// 工作汇报: a printable A4 document, with its own stylesheet (web/styles/report.css) instead of the app
// shell, so the printout holds the report only. The filter bar is for the screen and is not printed.
import type { ComponentChildren } from 'preact';
import { inLang } from '../../schema/form-definition';
import { chinaDate } from '../../schema/rules/china-time';
import { interval, one, pct, problemRates, rate } from '../../schema/rules/figures';
import { showsGood } from '../../schema/rules/satisfaction';
import type { Report } from '../../worker/reports/report.data';
import { usePage } from '../context';
import { type Filter, FilterForm, satisfiedLabel } from './stats/parts';

const Pct = ({ r }: { r: { value: number | null; k: number; n: number; low: number | null; high: number | null } }) => (
  <>
    {pct(r.value)}
    {r.n > 0 && <small> ({`${r.k}/${r.n}`})</small>}
  </>
);

function Table({ head, children }: { head: string[]; children: ComponentChildren }) {
  return (
    <table>
      <thead>
        <tr>
          {head.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

export function ReportPage({
  report,
  filter,
  programme,
  generated,
  k,
}: {
  report: Report;
  filter: Filter;
  programme: string;
  generated: string;
  k: number;
}) {
  const { t, lang } = usePage();
  const { data } = report;
  const { activity: a, problems: p, rates, survey } = data;
  const sat = survey.overall;
  const title = t('report.heading', { programme });
  const itemTitle = new Map(survey.items.map((i) => [i.key, inLang(i.title, lang)]));
  const suppressed = t('stats.suppressed');
  const satisfied = satisfiedLabel(t, sat.scale);
  return (
    <html lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/assets/report.css" />
      </head>
      <body>
        <nav class="toolbar" aria-label={t('report.title')}>
          <a href={`/admin/stats?programme=${filter.programmeId}&from=${filter.from}&to=${filter.to}`}>{t('stats.overview')}</a>
          <FilterForm filter={filter} />
          <p>{t('report.printHint')}</p>
        </nav>
        <main class="report">
          <h1>{title}</h1>
          <p class="period">{t('report.period', { from: filter.from, to: filter.to })}</p>
          <h2>{t('report.s1')}</h2>
          {report.summary.map((s) => (
            <p class="summary">{s}</p>
          ))}
          <h2>{t('report.s2')}</h2>
          <Table head={[t('report.figure'), t('report.value')]}>
            {[
              [t('stats.paired'), a.paired],
              [t('stats.contacted'), a.enterprises],
              [t('stats.contacts'), a.contacts],
              [t('stats.onsite'), a.onsite],
              [t('stats.threeOnes'), <Pct r={rate(a.met, a.pairs)} />],
              [t('stats.raised'), p.raised],
              [t('stats.closedInPeriod'), p.closedInPeriod],
              [t('report.resolved'), p.dueResolved],
              [t('stats.closeRate'), <Pct r={rates.closeRate} />],
              [t('stats.onTimeRate'), <Pct r={rates.onTimeRate} />],
              [t('stats.resolveRate'), <Pct r={rates.resolveRate} />],
              [t('stats.resolveRateConfirmed'), <Pct r={rates.resolveRateConfirmed} />],
              [t('stats.confirmedShare'), <Pct r={rates.confirmedShare} />],
              [t('stats.officerShare'), <Pct r={rates.officerShare} />],
              [t('stats.overdue'), p.overdue],
              [t('stats.unresolved'), p.unresolved],
              [t('stats.supervised'), p.supervised],
              [t('stats.medianDispatchDays'), one(p.medianDispatchDays)],
              [t('stats.medianAcceptDays'), one(p.medianAcceptDays)],
              [t('stats.medianHandlingDays'), one(p.medianHandlingDays)],
              [t('stats.responseRate'), <Pct r={rate(survey.submitted, survey.invited)} />],
              [satisfied, sat.suppressed ? suppressed : <Pct r={sat.satisfied} />],
              [t('stats.composite'), sat.suppressed ? suppressed : one(sat.composite)],
            ].map(([label, value]) => (
              <tr>
                <th scope="row">{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          </Table>
          <h2>{t('report.s3')}</h2>
          <Table
            head={[
              t('stats.group'),
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
            ]}
          >
            {report.units.map((u) => (
              <tr>
                <th scope="row">{u.label ?? t('stats.noUnit')}</th>
                <td>{u.activity?.paired ?? 0}</td>
                <td>{u.activity?.contacts ?? 0}</td>
                <td>{u.activity?.onsite ?? 0}</td>
                <td>{u.activity ? <Pct r={rate(u.activity.met, u.activity.pairs)} /> : '—'}</td>
                <td>{u.problems?.raised ?? 0}</td>
                <td>{u.problems ? <Pct r={problemRates(u.problems).closeRate} /> : '—'}</td>
                <td>{u.problems?.overdue ?? 0}</td>
                <td>{one(u.problems?.medianDispatchDays)}</td>
                <td>{one(u.problems?.medianAcceptDays)}</td>
                <td>{one(u.problems?.medianHandlingDays)}</td>
                <td>{u.problems?.supervised ?? 0}</td>
                <td>{u.problems?.unresolved ?? 0}</td>
                <td>
                  {!u.satisfaction ? (
                    '—'
                  ) : u.satisfaction.hidden || u.satisfaction.satisfaction.satisfied.value === null ? (
                    suppressed
                  ) : (
                    <Pct r={u.satisfaction.satisfaction.satisfied} />
                  )}
                </td>
              </tr>
            ))}
          </Table>
          <h2>{t('report.s4')}</h2>
          <Table head={[t('report.category'), t('stats.raised'), t('report.share'), t('stats.closeRate')]}>
            {report.categories
              .filter((c) => c.group.raised > 0)
              .slice(0, 8)
              .map((c) => (
                <tr>
                  <th scope="row">{c.label}</th>
                  <td>{c.group.raised}</td>
                  <td>{pct(p.raised ? c.group.raised / p.raised : null)}</td>
                  <td>
                    <Pct r={problemRates(c.group).closeRate} />
                  </td>
                </tr>
              ))}
          </Table>
          <h2>{t('report.s5')}</h2>
          <Table
            head={[
              t('stats.item'),
              t('stats.valid'),
              satisfied,
              t('report.ci'),
              ...(showsGood(sat.scale) ? [t('stats.good')] : []),
              t('stats.score'),
            ]}
          >
            {sat.items.map((i) => (
              <tr>
                <th scope="row">{itemTitle.get(i.key) ?? i.key}</th>
                <td>{i.valid}</td>
                <td>{i.suppressed ? suppressed : pct(i.satisfied.value)}</td>
                <td>{i.suppressed ? '' : interval(i.satisfied)}</td>
                {showsGood(sat.scale) && <td>{i.suppressed ? '' : pct(i.good.value)}</td>}
                <td>{i.suppressed ? '' : one(i.score)}</td>
              </tr>
            ))}
          </Table>
          <h2>{t('report.s6')}</h2>
          <p>{t('report.claimsAbout', { k })}</p>
          {report.claims.length === 0 && <p>{t('claims.none')}</p>}
          {report.claims.map((c) => (
            <>
              <h3>{t('claims.round', { name: c.round.name, closed: chinaDate(c.round.closesAt) })}</h3>
              <Table head={[t('stats.group'), t('claims.checked'), t('claims.rate')]}>
                {c.groups.map((g) => (
                  <tr>
                    <th scope="row">{g.label ?? t('stats.noUnit')}</th>
                    <td>{g.hidden ? suppressed : g.checked}</td>
                    <td>{g.hidden ? suppressed : <Pct r={rate(g.contradicted, g.checked)} />}</td>
                  </tr>
                ))}
                {c.total && (
                  <tr>
                    <th scope="row">{t('claims.total')}</th>
                    <td>{c.total.checked}</td>
                    <td>
                      <Pct r={rate(c.total.contradicted, c.total.checked)} />
                    </td>
                  </tr>
                )}
              </Table>
            </>
          ))}
          <footer>
            <p>{t('report.notes', { k, scale: t(`stats.scale.${sat.scale}`) })}</p>
            <p>{t('report.generated', { at: generated })}</p>
          </footer>
        </main>
      </body>
    </html>
  );
}
