// The links of a round as downloads, CSV or .xlsx from one sheet definition each (lib/sheet.ts), for mail
// merge and SMS tools — DESIGN §7: UTF-8 with BOM, CRLF, RFC 4180, formula-looking cells neutralised in
// the CSV; text cells for the credit code and phone in the .xlsx — and the cards of the printable QR
// sheets. Links are derived again from LINK_SECRET; D1 holds only their hashes.
import { translator } from '../../web/i18n';
import type { SheetCard } from '../../web/pages/admin/rounds-sheet';
import { qrPath } from '../lib/qr';
import { type Column, type Sheet, sheetOf } from '../lib/sheet';
import { linkToken, linkUrl } from './link-token';
import type { InvitationRow } from './rounds.queries';

export type Linked = InvitationRow & { url: string };

export const withLinks = (rows: InvitationRow[], secret: string, origin: string): Promise<Linked[]> =>
  Promise.all(rows.map(async (r) => ({ ...r, url: linkUrl(origin, await linkToken(secret, r.id)) })));

/** Chinese headers whatever the admin's language: the file goes to Chinese office software. */
const zh = translator('zh');

const who = (): Column[] => [
  { header: zh('round.enterprise'), type: 'text', about: zh('export.about.enterprise') },
  { header: zh('round.creditCode'), type: 'code', about: zh('export.about.creditCode') },
  { header: zh('round.contact'), type: 'text', about: zh('export.about.contact') },
  { header: zh('round.phone'), type: 'code', about: zh('export.about.phone') },
];
const link = (): Column => ({ header: zh('round.link'), type: 'text', about: zh('export.about.link') });
const notes = (round: string) => [zh('export.note.round', { round }), zh('export.note.links')];

export function linksSheet(round: string, rows: Linked[]): Sheet<never> {
  return sheetOf(
    [...who(), link()],
    notes(round),
    rows.map((r) => [r.enterprise, r.creditCode, r.contactName, r.contactPhone, r.url]),
  );
}

/** 催答名单: who has not answered, how to reach them, and how often they were reminded already. */
export function remindersSheet(round: string, rows: Linked[]): Sheet<never> {
  return sheetOf(
    [
      ...who(),
      { header: zh('round.inviteStatus'), type: 'text', about: zh('round.inviteStatus') },
      { header: zh('remind.lastAt'), type: 'datetime', about: zh('remind.lastAt') },
      { header: zh('remind.times'), type: 'number', about: zh('remind.times') },
      link(),
    ],
    [...notes(round), zh('export.note.chinaTime')],
    rows.map((r) => [
      r.enterprise,
      r.creditCode,
      r.contactName,
      r.contactPhone,
      zh(r.openedAt ? 'round.inviteStatus.openedShort' : 'round.inviteStatus.created'),
      r.remindedAt ?? null,
      r.reminded,
      r.url,
    ]),
  );
}

export const sheetCards = (rows: Linked[], lines: (r: Linked) => string[] = () => []): SheetCard[] =>
  rows.map((r) => ({ enterprise: r.enterprise, url: r.url, qr: qrPath(r.url), lines: lines(r) }));
