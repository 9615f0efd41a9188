// The links of a round as downloads: CSVs for mail merge / SMS tools (DESIGN §7: UTF-8 with BOM, CRLF,
// RFC 4180, formula-looking cells neutralised — all done by worker/lib/csv.ts) and the cards of the
// printable QR sheets. Links are derived again from LINK_SECRET; D1 holds only their hashes.

import type { Context } from 'hono';
import { chinaDateTime } from '../../schema/rules/china-time';
import { translator } from '../../web/i18n';
import type { SheetCard } from '../../web/pages/admin/rounds-sheet';
import type { AppEnv } from '../app-env';
import { csvDocument } from '../lib/csv';
import { attachment, roundFileNames } from '../lib/filename';
import { qrPath } from '../lib/qr';
import { linkToken, linkUrl } from './link-token';
import type { InvitationRow } from './rounds.queries';

export type Linked = InvitationRow & { url: string };

export const withLinks = (rows: InvitationRow[], secret: string, origin: string): Promise<Linked[]> =>
  Promise.all(rows.map(async (r) => ({ ...r, url: linkUrl(origin, await linkToken(secret, r.id)) })));

/** Chinese headers whatever the admin's language: the file goes to Chinese office software. */
const zh = translator('zh');

export function linksCsv(rows: Linked[]): string {
  const header = [zh('round.enterprise'), zh('round.creditCode'), zh('round.contact'), zh('round.phone'), zh('round.link')];
  return csvDocument([header, ...rows.map((r) => [r.enterprise, r.creditCode, r.contactName, r.contactPhone, r.url])]);
}

/** 催答名单: who has not answered, how to reach them, and how often they were reminded already. */
export function remindersCsv(rows: Linked[]): string {
  const header = [
    zh('round.enterprise'),
    zh('round.creditCode'),
    zh('round.contact'),
    zh('round.phone'),
    zh('round.inviteStatus'),
    zh('remind.lastAt'),
    zh('remind.times'),
    zh('round.link'),
  ];
  return csvDocument([
    header,
    ...rows.map((r) => [
      r.enterprise,
      r.creditCode,
      r.contactName,
      r.contactPhone,
      zh(r.openedAt ? 'round.inviteStatus.openedShort' : 'round.inviteStatus.created'),
      r.remindedAt ? chinaDateTime(r.remindedAt) : '',
      String(r.reminded),
      r.url,
    ]),
  ]);
}

export const sheetCards = (rows: Linked[], lines: (r: Linked) => string[] = () => []): SheetCard[] =>
  rows.map((r) => ({ enterprise: r.enterprise, url: r.url, qr: qrPath(r.url), lines: lines(r) }));

/** A CSV download of a round, named by what it holds, the round's name and date (issue 17). */
export function csvDownload(
  c: Context<AppEnv>,
  body: string,
  round: { id: string; name: string; opensAt: number },
  label: string,
  ascii: string,
) {
  const name = roundFileNames(label, ascii, round);
  return c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': attachment(name.filename, name.fallback),
    'Cache-Control': 'no-store',
  });
}
