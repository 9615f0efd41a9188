// The admin's audit view (issue 13): rows newest first, filtered by who, what, object and period, in
// keyset pages over the primary key; the CSV export walks the same filter to the end. A refusal row
// (worker/lib/audit.ts auditRefusal) shows how many refusals it stands for: its counter row while the
// window is kept, then the count the daily run wrote to the log (`refusals_counted`).
// Drizzle's sql template for the dynamic filter (fixed fragments, values bound).
import { type SQL, sql } from 'drizzle-orm';
import { ANONYMOUS, type AuditQuery } from '../../schema/inputs/audit';
import { addDays, chinaMidnight } from '../../schema/rules/china-time';
import type { Db } from '../app-env';
import { PAGE_ROWS, zh } from '../exports/format';
import type { Sheet } from '../lib/sheet';
import { readAll } from '../stats/sql';

export const AUDIT_PAGE = 50;

export type AuditRow = {
  id: number;
  at: number;
  login: string | null;
  name: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  detail: string | null;
  ip: string | null;
  chained: 0 | 1;
  /** How many refusals this row stands for (itself included), for aggregated refusals. */
  repeats: number | null;
};

function where(q: AuditQuery): SQL {
  const parts: SQL[] = [sql`1 = 1`];
  if (q.who === ANONYMOUS) parts.push(sql`a.actor_id IS NULL`);
  else if (q.who) parts.push(sql`a.actor_id = (SELECT id FROM users WHERE login = ${q.who})`);
  if (q.action) parts.push(sql`a.action = ${q.action}`);
  if (q.objectType) parts.push(sql`a.object_type = ${q.objectType}`);
  if (q.objectId) parts.push(sql`a.object_id = ${q.objectId}`);
  if (q.from) parts.push(sql`a.at >= ${chinaMidnight(q.from)}`);
  if (q.to) parts.push(sql`a.at < ${chinaMidnight(addDays(q.to, 1))}`);
  return sql.join(parts, sql` AND `);
}

const rowsAfter = (q: AuditQuery, before: number | undefined, limit: number) => sql`
  SELECT a.id, a.at, u.login, u.name, a.action, a.object_type AS objectType, a.object_id AS objectId, a.detail, a.ip,
    a.hash IS NOT NULL AS chained,
    coalesce(t.count, f.detail ->> '$.count') AS repeats
  FROM audit_log a
    LEFT JOIN users u ON u.id = a.actor_id
    LEFT JOIN throttles t ON t.key = a.detail ->> '$.counter'
    LEFT JOIN audit_log f ON f.object_type = 'counter' AND f.object_id = a.detail ->> '$.counter'
  WHERE ${where(q)} ${before ? sql`AND a.id < ${before}` : sql``}
  ORDER BY a.id DESC LIMIT ${limit}`;

/** A page of rows, newest first, and the cursor of the next (older) page. */
export async function listAudit(db: Db, q: AuditQuery): Promise<{ rows: AuditRow[]; older: number | null }> {
  const [rows] = await readAll<[AuditRow]>(db, [rowsAfter(q, q.before, AUDIT_PAGE + 1)]);
  const page = rows.slice(0, AUDIT_PAGE);
  return { rows: page, older: rows.length > AUDIT_PAGE ? (page.at(-1)?.id ?? null) : null };
}

const AUDIT_COLUMNS = [
  'audit.col.id',
  'audit.col.at',
  'audit.col.login',
  'audit.col.name',
  'audit.col.action',
  'audit.col.objectType',
  'audit.col.objectId',
  'audit.col.detail',
  'audit.col.repeats',
  'audit.col.ip',
  'audit.col.chained',
] as const;

const AUDIT_TYPES = ['number', 'datetime', 'text', 'text', 'text', 'text', 'code', 'longText', 'number', 'code', 'text'] as const;

/** The filtered rows as a download (CSV or .xlsx), newest first, in keyset pages (memory stays flat). */
export function auditSheet(db: Db, q: AuditQuery): Sheet<number> {
  return {
    columns: AUDIT_COLUMNS.map((k, i) => ({ header: zh(k), type: AUDIT_TYPES[i] ?? 'text', about: zh(k) })),
    notes: [zh('export.note.chinaTime')],
    page: async (before) => {
      const [rows] = await readAll<[AuditRow]>(db, [rowsAfter(q, before ?? undefined, PAGE_ROWS)]);
      const out = rows.map((r) => [
        r.id,
        r.at,
        r.login ?? '',
        r.name ?? '',
        r.action,
        r.objectType ?? '',
        r.objectId ?? '',
        r.detail ?? '',
        r.repeats,
        r.ip ?? '',
        r.chained ? zh('yes') : zh('no'),
      ]);
      return { rows: out, next: rows.length === PAGE_ROWS ? (rows.at(-1)?.id ?? null) : null };
    },
  };
}

export type AnchorRow = { day: string; lastId: number; hash: string; createdAt: number };

export async function listAnchors(db: Db): Promise<AnchorRow[]> {
  const [rows] = await readAll<[AnchorRow]>(db, [
    sql`SELECT day, last_id AS lastId, hash, created_at AS createdAt FROM audit_anchors ORDER BY day DESC LIMIT 3660`,
  ]);
  return rows;
}
