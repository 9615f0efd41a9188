// A round's personal links as files and pages: the links CSV, the printable QR sheet, and one
// enterprise's link with its QR code. The files are CSV or .xlsx, from one sheet definition each. Only once the round went out (ROUND_MOVES.links): nothing goes
// out while a round is a draft, and a voided round's links are dead. Downloads hand out the right to
// answer, so each file is audited; file names carry the round's name and date (issue 17).
import { Hono } from 'hono';
import { InvitationLinkPage } from '../../web/pages/admin/round-link';
import { RoundSheetPage } from '../../web/pages/admin/rounds-sheet';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import { download, FORMATS } from '../lib/download';
import { notFound } from '../lib/errors';
import { roundFileNames } from '../lib/filename';
import { qrPath } from '../lib/qr';
import { render } from '../lib/render';
import { linkToken, linkUrl } from './link-token';
import { linksSheet, sheetCards, withLinks } from './links-csv';
import { askerOf, roundFor } from './round-load';
import { readInvitation, roundInvitations } from './rounds.queries';

export const roundFileRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';

for (const format of FORMATS) {
  roundFileRoutes.get(`${ID}/links.${format}`, async (c) => {
    const db = c.get('db');
    const round = await roundFor(c, 'links');
    const pending = c.req.query('pending') === '1';
    const rows = await withLinks(await roundInvitations(db, round.id, pending), c.env.LINK_SECRET, c.env.APP_ORIGIN);
    const detail = { rows: rows.length, format };
    await auditStatement(db, c, { action: 'export_links', objectType: 'campaign', objectId: round.id, detail });
    const label = c.get('t')(pending ? 'round.filePending' : 'round.fileLinks');
    return download(linksSheet(round.name, rows), format, roundFileNames(label, pending ? 'pending-links' : 'survey-links', round));
  });
}

roundFileRoutes.get(`${ID}/sheet`, async (c) => {
  const db = c.get('db');
  const t = c.get('t');
  const round = await roundFor(c, 'links');
  const rows = await withLinks(await roundInvitations(db, round.id), c.env.LINK_SECRET, c.env.APP_ORIGIN);
  await auditStatement(db, c, { action: 'export_qr_sheet', objectType: 'campaign', objectId: round.id, detail: { rows: rows.length } });
  const title = t('round.sheetTitle', { name: round.name });
  return render(c, <RoundSheetPage title={title} hint={t('round.sheetHint')} asker={askerOf(round)} cards={sheetCards(rows)} />);
});

/** One enterprise's link and QR code, to copy into a chat or show on a screen to scan. */
roundFileRoutes.get(`${ID}/links/:invitation{[0-9a-f-]{36}}`, async (c) => {
  const round = await roundFor(c, 'links');
  const invitation = await readInvitation(c.get('db'), round.id, c.req.param('invitation'));
  if (!invitation) throw notFound();
  const url = linkUrl(c.env.APP_ORIGIN, await linkToken(c.env.LINK_SECRET, invitation.id));
  return render(
    c,
    <InvitationLinkPage
      round={{ id: round.id, name: round.name }}
      asker={askerOf(round)}
      invitation={invitation}
      url={url}
      qr={qrPath(url)}
    />,
  );
});
