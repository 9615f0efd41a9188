// The links of a round as a download, CSV or .xlsx (one sheet definition, lib/sheet.ts), for mail merge
// and SMS tools — DESIGN §7: UTF-8 with BOM, CRLF, RFC 4180, formula-looking cells neutralised in the
// CSV; text cells for the credit code and phone in the .xlsx — and the cards of the printable QR sheet.
// Links are derived again from LINK_SECRET; D1 holds only their hashes.
import { translator } from '../../web/i18n';
import type { SheetCard } from '../../web/pages/admin/rounds-sheet';
import { type Sheet, sheetOf } from '../lib/sheet';
import { linkToken, linkUrl } from './link-token';
import { qrPath } from './qr';
import type { InvitationRow } from './rounds.queries';

type Linked = InvitationRow & { url: string };

export const withLinks = (rows: InvitationRow[], secret: string, origin: string): Promise<Linked[]> =>
  Promise.all(rows.map(async (r) => ({ ...r, url: linkUrl(origin, await linkToken(secret, r.id)) })));

/** Chinese headers whatever the admin's language: the file goes to Chinese office software. */
export function linksSheet(round: string, rows: Linked[]): Sheet<never> {
  const t = translator('zh');
  return sheetOf(
    [
      { header: t('round.enterprise'), type: 'text', about: t('export.about.enterprise') },
      { header: t('round.creditCode'), type: 'code', about: t('export.about.creditCode') },
      { header: t('round.contact'), type: 'text', about: t('export.about.contact') },
      { header: t('round.phone'), type: 'code', about: t('export.about.phone') },
      { header: t('round.link'), type: 'text', about: t('export.about.link') },
    ],
    [t('export.note.round', { round }), t('export.note.links')],
    rows.map((r) => [r.enterprise, r.creditCode, r.contactName, r.contactPhone, r.url]),
  );
}

export const sheetCards = (rows: Linked[]): SheetCard[] => rows.map((r) => ({ enterprise: r.enterprise, url: r.url, qr: qrPath(r.url) }));
