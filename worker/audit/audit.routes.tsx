// /admin/audit (issue 13): the audit view, its CSV, the chain's verification and the daily anchors.
// Mounted under /admin, so only admins reach it (requireRole, audited refusals); downloads are audited.
import { Hono } from 'hono';
import { auditQuery, verifyQuery } from '../../schema/inputs/audit';
import { AuditPage } from '../../web/pages/admin/audit';
import { AuditAnchorsPage, AuditVerifyPage } from '../../web/pages/admin/audit-verify';
import type { AppEnv } from '../app-env';
import { zh } from '../exports/format';
import { audit } from '../lib/audit';
import { csvResponse, csvTable } from '../lib/csv-write';
import { render } from '../lib/render';
import { auditCsv, listAnchors, listAudit } from './audit.queries';
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

auditRoutes.get('/anchors.csv', async (c) => {
  const anchors = await listAnchors(c.get('db'));
  await audit(c, { action: 'export', objectType: 'audit_anchors' });
  const header = ['audit.col.day', 'audit.col.lastId', 'audit.col.hash'] as const;
  const rows = anchors.map((a) => [a.day, String(a.lastId), a.hash]);
  return csvResponse(
    await csvTable(
      header.map((k) => zh(k)),
      rows,
    ),
    '审计每日锚点.csv',
    'audit_anchors.csv',
  );
});

export const auditCsvRoute = new Hono<AppEnv>();

/** /admin/audit.csv: the view's filter, every row. */
auditCsvRoute.get('/', async (c) => {
  const q = auditQuery.parse(c.req.query());
  await audit(c, { action: 'export', objectType: 'audit_log', detail: { ...q } });
  return csvResponse(await auditCsv(c.get('db'), q), '审计日志.csv', 'audit_log.csv');
});
