// 工作汇报: a printable A4 document, with its own stylesheet (web/styles/report.css) instead of the app
// shell, so the printout holds the report only. The toolbar (filters, print, Word download) is for the
// screen and is not printed. The content is the same ReportDocument the .docx is written from.
import type { ReportDocument } from '../../worker/reports/report.document';
import { usePage } from '../context';
import { type Filter, FilterForm } from './stats/parts';

/** A figure's " (k/n)" in smaller type on the page (the .docx writes the same text plainly). */
function Cell({ text }: { text: string }) {
  const kn = / \(\d+\/\d+\)$/.exec(text);
  return kn ? (
    <>
      {text.slice(0, kn.index)}
      <small>{kn[0]}</small>
    </>
  ) : (
    text
  );
}

export function ReportPage({ doc, filter }: { doc: ReportDocument; filter: Filter }) {
  const { t, lang, nonce } = usePage();
  const query = new URLSearchParams({ programme: filter.programmeId, from: filter.from, to: filter.to }).toString();
  return (
    <html lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${doc.title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/assets/report.css" />
      </head>
      <body>
        <nav class="toolbar" aria-label={t('report.title')}>
          <a href={`/admin/stats?${query}`}>{t('stats.overview')}</a>
          <FilterForm filter={filter} />
          <button type="button" id="print" hidden>
            {t('report.print')}
          </button>
          <a href={`/admin/report.docx?${query}`}>{t('report.docx')}</a>
          <p>{t('report.printHint')}</p>
          {!doc.office && <p class="warn">{t('report.noOffice')}</p>}
        </nav>
        <main class="report">
          <h1>{doc.title}</h1>
          <p class="period">{doc.period}</p>
          {doc.sections.map((s) => (
            <section>
              <h2>{s.heading}</h2>
              {s.blocks.map((b) =>
                'p' in b ? (
                  <p class="summary">{b.p}</p>
                ) : 'h3' in b ? (
                  <h3>{b.h3}</h3>
                ) : (
                  <table>
                    <thead>
                      <tr>
                        {b.table.head.map((h) => (
                          <th scope="col">{h}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {b.table.rows.map((r) => (
                        <tr>
                          <th scope="row">{r.label}</th>
                          {r.cells.map((c) => (
                            <td>
                              <Cell text={c} />
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ),
              )}
            </section>
          ))}
          <footer>
            {doc.notes.map((n) => (
              <p>{n}</p>
            ))}
            <div class="signature">
              {doc.office && <p>{doc.office}</p>}
              <p>{doc.date}</p>
            </div>
          </footer>
        </main>
        {/* Shows the print button (hidden without JavaScript). */}
        <script type="module" src="/assets/report-print.js" nonce={nonce} />
      </body>
    </html>
  );
}
