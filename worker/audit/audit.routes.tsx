// /admin/audit (issue 13): the audit view, its CSV and .xlsx, the chain's verification and the daily anchors.
// Mounted under /admin, so only admins reach it (requireRole, audited refusals); downloads are audited.
import { Hono } from 'hono';
import { auditQuery, verifyQuery } from '../../schema/inputs/audit';
import { AuditPage } from '../../web/pages/admin/audit';
import { AuditAnchorsPage, AuditVerifyPage } from '../../web/pages/admin/audit-verify';
import type { AppEnv } from '../app-env';
import { zh } from '../exports/format';
import { audit } from '../lib/audit';
import { download, FORMATS } from '../lib/download';
import { render } from '../lib/render';
import { sheetOf } from '../lib/sheet';
import { auditSheet, listAnchors, listAudit } from './audit.queries';
import { verifyAudit } from './verify';

export const auditRoutes = new Hono<AppEnv>();

/** Rows one verification request checks at most; the page offers to continue after the last. */
const VERIFY_MAX_ROWS = 100_000;

auditRoutes.get('/', async (c) => {
  const q = auditQuery.parse(c.req.query());
  const { rows, older } = await listAudit(c.get('db'), q);
  return render(c, <AuditPage rows={rows} older={older} q={q} />);
});

auditRoutes.get('/verify', async (c) => {
  const { after } = verifyQuery.parse(c.req.query());
  const report = await verifyAudit(c.get('db'), { afterId: after, maxRows: VERIFY_MAX_ROWS });
  c.header('Cache-Control', 'no-store');
  return render(c, <AuditVerifyPage report={report} now={Date.now()} maxRows={VERIFY_MAX_ROWS} />);
});

auditRoutes.get('/anchors', async (c) => render(c, <AuditAnchorsPage anchors={await listAnchors(c.get('db'))} />));

const ANCHOR_COLUMNS = [
  ['audit.col.day', 'date'],
  ['audit.col.lastId', 'number'],
  ['audit.col.hash', 'code'],
] as const;

for (const format of FORMATS) {
  auditRoutes.get(`/anchors.${format}`, async (c) => {
    const anchors = await listAnchors(c.get('db'));
    await audit(c, { action: 'export', objectType: 'audit_anchors', detail: { format } });
    const columns = ANCHOR_COLUMNS.map(([k, type]) => ({ header: zh(k), type, about: zh(k) }));
    const sheet = sheetOf(
      columns,
      [zh('audit.anchors')],
      anchors.map((a) => [a.day, a.lastId, a.hash]),
    );
    return download(sheet, format, { filename: '审计每日锚点.csv', fallback: 'audit_anchors.csv' });
  });
}

/** /admin/audit.csv and .xlsx: the view's filter, every row. Mounted at /admin. */
export const auditFileRoutes = new Hono<AppEnv>();

for (const format of FORMATS) {
  auditFileRoutes.get(`/audit.${format}`, async (c) => {
    const q = auditQuery.parse(c.req.query());
    await audit(c, { action: 'export', objectType: 'audit_log', detail: { ...q, format } });
    return download(auditSheet(c.get('db'), q), format, { filename: '审计日志.csv', fallback: 'audit_log.csv' });
  });
}
