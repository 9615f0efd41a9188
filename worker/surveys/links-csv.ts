// The links of a round as a download: a CSV for mail merge / SMS tools (DESIGN §7: UTF-8 with BOM,
// CRLF, RFC 4180, formula-looking cells neutralised — all done by worker/lib/csv.ts) and the cards of
// the printable QR sheet. Links are derived again from LINK_SECRET; D1 holds only their hashes.
import { translator } from '../../web/i18n';
import type { SheetCard } from '../../web/pages/admin/rounds-sheet';
import { csvDocument } from '../lib/csv';
import { linkToken, linkUrl } from './link-token';
import { qrPath } from './qr';
import type { InvitationRow } from './rounds.queries';

type Linked = InvitationRow & { url: string };

export const withLinks = (rows: InvitationRow[], secret: string, origin: string): Promise<Linked[]> =>
  Promise.all(rows.map(async (r) => ({ ...r, url: linkUrl(origin, await linkToken(secret, r.id)) })));

/** Chinese headers whatever the admin's language: the file goes to Chinese office software. */
export function linksCsv(rows: Linked[]): string {
  const t = translator('zh');
  const header = [t('round.enterprise'), t('round.creditCode'), t('round.contact'), t('round.phone'), t('round.link')];
  return csvDocument([header, ...rows.map((r) => [r.enterprise, r.creditCode, r.contactName, r.contactPhone, r.url])]);
}

export const sheetCards = (rows: Linked[]): SheetCard[] => rows.map((r) => ({ enterprise: r.enterprise, url: r.url, qr: qrPath(r.url) }));
