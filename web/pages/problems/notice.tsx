// 督办通知单: a document page on A4 (web/styles/report.css, like the work report): to the unit, the
// overdue and supervised problems it leads, then the office's name and the date. The toolbar is not printed.
import { daysBetween } from '../../../schema/rules/china-time';
import { usePage } from '../../context';

type Row = {
  id: string;
  code: string;
  description: string;
  raisedOn: string;
  due: string;
  supervisedOn: string | null;
  superviseNote: string;
  superviseBy: string | null;
  enterpriseName: string;
};

export function NoticePage({ unit, rows, today, office }: { unit: string; rows: Row[]; today: string; office: string }) {
  const { t, lang } = usePage();
  const title = t('notice.title');
  return (
    <html lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${unit} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/assets/report.css" />
      </head>
      <body>
        <nav class="toolbar" aria-label={title}>
          <a href="/admin">{t('admin.title')}</a>
          <p>{t('notice.print')}</p>
        </nav>
        <main class="report notice-sheet">
          <h1>{title}</h1>
          <p class="addressee">{t('notice.to', { unit })}</p>
          <p class="summary">{rows.length ? t('notice.intro') : t('notice.none')}</p>
          {rows.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('problem.code')}</th>
                  <th scope="col">{t('problem.enterprise')}</th>
                  <th scope="col">{t('problem.description')}</th>
                  <th scope="col">{t('problem.raisedOn')}</th>
                  <th scope="col">{t('problem.deadline')}</th>
                  <th scope="col">{t('notice.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr data-problem={r.id}>
                    <td>{r.code}</td>
                    <td>{r.enterpriseName}</td>
                    <td>{r.description}</td>
                    <td>{r.raisedOn}</td>
                    <td>{r.due}</td>
                    <td>
                      {r.due < today && <div>{t('notice.overdueDays', { n: daysBetween(r.due, today) })}</div>}
                      {r.supervisedOn && (
                        <div>{t('problem.supervisedInfo', { date: r.supervisedOn, by: r.superviseBy ?? '', note: r.superviseNote })}</div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div class="sign">
            <p>{office}</p>
            <p>{today}</p>
          </div>
        </main>
      </body>
    </html>
  );
}
