import { usePage } from '../../context';

export type SheetCard = { enterprise: string; url: string; qr: { size: number; d: string } };

/**
 * The printable sheet: one card per enterprise with its personal QR code and link, laid out for A4
 * (print rules in respondent.css). A page of its own, without the admin menu, so it prints clean.
 */
export function RoundSheetPage({ name, cards }: { name: string; cards: SheetCard[] }) {
  const { t, lang } = usePage();
  const title = t('round.sheetTitle', { name });
  return (
    <html lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href="/assets/respondent.css" />
      </head>
      <body class="sheet">
        <h1>{title}</h1>
        <p class="sheet-hint">{t('round.sheetHint')}</p>
        <div class="sheet-cards">
          {cards.map((card) => (
            <figure class="sheet-card">
              <svg
                xmlns="http://www.w3.org/2000/svg"
                viewBox={`0 0 ${card.qr.size} ${card.qr.size}`}
                role="img"
                aria-label={card.enterprise}
                shape-rendering="crispEdges"
              >
                <rect width={card.qr.size} height={card.qr.size} fill="#fff" />
                <path d={card.qr.d} />
              </svg>
              <figcaption>
                <strong>{card.enterprise}</strong>
                <small>{card.url}</small>
              </figcaption>
            </figure>
          ))}
        </div>
      </body>
    </html>
  );
}
