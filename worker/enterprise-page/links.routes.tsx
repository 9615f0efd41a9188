// The office hands out 我的诉求 links (issue 16): the list of the current programme's paired enterprises
// with their link's state, bulk issue, re-issue one (the old link stops working), and a printable sheet
// with a QR code per enterprise. Mounted under /admin, so only admins reach it: officers never see a
// link, and so cannot confirm a result in the enterprise's name. Every issue, re-issue and sheet is audited.
import { type Context, Hono } from 'hono';
import { chinaToday } from '../../schema/rules/china-time';
import { EnterpriseLinksPage } from '../../web/pages/admin/enterprise-links';
import { RoundSheetPage } from '../../web/pages/admin/rounds-sheet';
import { currentProgramme, readProgramme } from '../admin/programmes.queries';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import { notFound } from '../lib/errors';
import { setFlash } from '../lib/flash';
import { qrPath } from '../lib/qr';
import { render } from '../lib/render';
import { issueLinks, programmeLinks, urlOf } from './links.queries';

export const enterpriseLinkRoutes = new Hono<AppEnv>();

const programmeOrNull = (c: Context<AppEnv>) => currentProgramme(c.get('db'), chinaToday());

enterpriseLinkRoutes.get('/', async (c) => {
  const programme = await programmeOrNull(c);
  const rows = programme ? await programmeLinks(c.get('db'), programme.id) : [];
  return render(c, <EnterpriseLinksPage programme={programme} rows={rows} />);
});

enterpriseLinkRoutes.post('/issue', async (c) => {
  const programme = await programmeOrNull(c);
  if (!programme) throw notFound();
  const missing = (await programmeLinks(c.get('db'), programme.id)).filter((r) => !r.linkId);
  const n = await issueLinks(
    c,
    programme.id,
    missing.map((r) => ({ enterpriseId: r.enterpriseId, reissue: false })),
  );
  setFlash(c, 'elinks.issued', { n });
  return c.redirect('/admin/enterprise-links', 303);
});

enterpriseLinkRoutes.post('/:id{[0-9a-f-]{36}}/reissue', async (c) => {
  const programme = await programmeOrNull(c);
  const row = programme && (await programmeLinks(c.get('db'), programme.id)).find((r) => r.enterpriseId === c.req.param('id'));
  if (!programme || !row) throw notFound();
  await issueLinks(c, programme.id, [{ enterpriseId: row.enterpriseId, reissue: row.linkId !== null }]);
  setFlash(c, 'elinks.reissued', { name: row.name });
  return c.redirect('/admin/enterprise-links', 303);
});

enterpriseLinkRoutes.get('/sheet', async (c) => {
  const t = c.get('t');
  const programme = await programmeOrNull(c);
  if (!programme) throw notFound();
  const db = c.get('db');
  const rows = (await programmeLinks(db, programme.id)).filter((r) => r.linkId !== null);
  await auditStatement(db, c, {
    action: 'export_enterprise_link_sheet',
    objectType: 'programme',
    objectId: programme.id,
    detail: { rows: rows.length },
  });
  const cards = await Promise.all(
    rows.map(async (r) => {
      const url = await urlOf(c, r.linkId as string);
      return { enterprise: r.name, url, qr: qrPath(url), lines: [t('mine.title')] };
    }),
  );
  const full = await readProgramme(db, programme.id);
  const asker = { office: full?.issuingOffice ?? '', phone: full?.helpPhone ?? '' };
  return render(
    c,
    <RoundSheetPage title={t('elinks.sheetTitle', { name: programme.name })} hint={t('elinks.sheetHint')} asker={asker} cards={cards} />,
  );
});
