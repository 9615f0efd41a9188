import { type Asker, askerText } from '../../components/asker';
import { QrCode, type QrGeometry } from '../../components/qr-code';
import { usePage } from '../../context';

export type SheetCard = { enterprise: string; url: string; qr: QrGeometry; lines: string[] };

/**
 * A printable sheet: one card per enterprise with its personal QR code and link, laid out for A4
 * (print rules in respondent.css), each card naming who asks and until when, since cards are cut apart
 * and handed out. A page of its own, without the admin menu, so it prints clean. The reminder sheet
 * is the same page over the enterprises not yet answered, with their contact and reminders.
 */
export function RoundSheetPage({ title, hint, asker, cards }: { title: string; hint: string; asker: Asker; cards: SheetCard[] }) {
  const { t, lang } = usePage();
  const askerLine = askerText(asker, t);
  return (
    <html lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href="/assets/respondent.css" />
      </head>
      <body class="sheet">
        <main>
          <h1>{title}</h1>
          <p class="sheet-hint">
            {hint} {askerLine}
          </p>
          <div class="sheet-cards">
            {cards.map((card) => (
              <figure class="sheet-card">
                <QrCode qr={card.qr} label={card.enterprise} />
                <figcaption>
                  <strong>{card.enterprise}</strong>
                  {card.lines.map((l) => (
                    <small>{l}</small>
                  ))}
                  <small>{askerLine}</small>
                  <small>{card.url}</small>
                </figcaption>
              </figure>
            ))}
          </div>
        </main>
      </body>
    </html>
  );
}
