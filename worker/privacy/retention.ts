// Retention (issue 13, 个人信息保护法 art. 19): for each programme with a retention of N months whose end
// is more than N months past, the daily run clears the personal data the figures do not need —
// enterprises' contact names and phones, the contact names in its memos, and the IP addresses of its
// audit rows (respondents' and officers': invitations, memos, problems) — and keeps every figure.
// An enterprise keeps its contact while any other programme it is paired in still keeps its data.
// Each kind is cleared in pages of PAGE rows, each page one batch with its audit row (`retention_purge`,
// how many rows, through SQLite's changes()), so a purge is never unaudited. Memo photos: none yet.
// Idempotent: only rows that still hold data are touched. Raw SQL with fixed text.
import type { DailyJob, JobContext } from '../daily/jobs';
import { d1Of } from '../lib/db';

const PAGE = 500;

/** ?1 today: programmes whose retention has run out. SQLite's date() adds the months. */
const DUE = `SELECT id FROM programmes WHERE retention_months IS NOT NULL
  AND date(ends_on, '+' || retention_months || ' months') < ?1 ORDER BY ends_on`;

/** ?2 today: an enterprise still held by a programme that keeps its data (no retention, or not yet run out). */
const STILL_KEPT = `EXISTS (SELECT 1 FROM assignments a2 JOIN programmes p2 ON p2.id = a2.programme_id
  WHERE a2.enterprise_id = e.id AND (p2.retention_months IS NULL OR date(p2.ends_on, '+' || p2.retention_months || ' months') >= ?2))`;

/** ?1 programme; enterprise_contacts also ?2 today, ?3 now. */
const PURGES = {
  enterprise_contacts: `UPDATE enterprises SET contact_name = '', contact_phone = '', updated_at = ?3 WHERE rowid IN (
    SELECT e.rowid FROM enterprises e WHERE e.id IN (SELECT enterprise_id FROM assignments WHERE programme_id = ?1)
      AND (e.contact_name <> '' OR e.contact_phone <> '') AND NOT ${STILL_KEPT} LIMIT ${PAGE}) RETURNING 1`,
  memo_contacts: `UPDATE memos SET contact_name = '' WHERE rowid IN (
    SELECT rowid FROM memos WHERE programme_id = ?1 AND contact_name <> '' LIMIT ${PAGE}) RETURNING 1`,
  audit_addresses: `UPDATE audit_log SET ip = NULL, ip_salt = NULL WHERE rowid IN (
    SELECT a.rowid FROM audit_log a WHERE a.ip IS NOT NULL AND (
      (a.object_type = 'invitation' AND a.object_id IN (SELECT i.id FROM invitations i JOIN campaigns c ON c.id = i.campaign_id WHERE c.programme_id = ?1))
      OR (a.object_type = 'memo' AND a.object_id IN (SELECT id FROM memos WHERE programme_id = ?1))
      OR (a.object_type = 'problem' AND a.object_id IN (SELECT id FROM problems WHERE programme_id = ?1))) LIMIT ${PAGE}) RETURNING 1`,
} as const;
type Kind = keyof typeof PURGES;

/** Right after a purge statement in the batch: its audit row, only if it changed rows (changes() is its count). */
const AUDITED = `INSERT INTO audit_log (at, action, object_type, object_id, detail)
  SELECT ?3, 'retention_purge', 'programme', ?1, json_object('cleared', ?2, 'rows', changes()) WHERE changes() > 0`;

async function purge(ctx: JobContext, programmeId: string, kind: Kind): Promise<number> {
  const d1 = d1Of(ctx.db);
  let rows = 0;
  for (let page = 0; page < ctx.maxPages; page++) {
    const [cleared] = await d1.batch([
      d1.prepare(PURGES[kind]).bind(...(kind === 'enterprise_contacts' ? [programmeId, ctx.today, ctx.now] : [programmeId])),
      d1.prepare(AUDITED).bind(programmeId, kind, ctx.now),
    ]);
    // Counted by RETURNING: D1's `changes` also counts what the tables' triggers wrote (figure_version's).
    const n = cleared?.results.length ?? 0;
    rows += n;
    if (n < PAGE) break;
  }
  return rows;
}

const run = async (ctx: JobContext) => {
  const { results: due } = await d1Of(ctx.db).prepare(DUE).bind(ctx.today).all<{ id: string }>();
  const totals: Record<Kind, number> = { enterprise_contacts: 0, memo_contacts: 0, audit_addresses: 0 };
  for (const { id } of due) for (const kind of Object.keys(PURGES) as Kind[]) totals[kind] += await purge(ctx, id, kind);
  return {
    detail: `${due.length} programmes past retention: ${totals.enterprise_contacts} enterprise contacts, ${totals.memo_contacts} memo contacts, ${totals.audit_addresses} audit addresses cleared`,
  };
};

export const retentionJob: DailyJob = { name: 'retention-purge', run };
