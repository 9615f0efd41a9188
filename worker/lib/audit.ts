import { type SQL, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { auditLog } from '../../schema/tables';
import type { AppEnv, Db } from '../app-env';
import { d1Of } from './db';
import { randomToken } from './tokens';

export type AuditEntry = {
  action: string;
  objectType?: string;
  objectId?: string;
  detail?: Record<string, unknown>;
};

/** The client address as Cloudflare reports it (absent in local tests). */
export const clientIp = (c: Context<AppEnv>) => c.req.header('cf-connecting-ip') ?? null;

/**
 * The salt the audit chain hashes an address with (worker/audit/chain-hash.ts), drawn by the writer so
 * the chaining step computes the same hashes however often it runs; null without an address.
 */
export const ipSaltFor = (ip: string | null) => (ip === null ? null : randomToken(16));

/** Tells the app that this request wrote audit rows, so it links them after the response (worker/audit/chain.ts). */
export const markAudited = (c: Context<AppEnv>) => c.set('audited', true);

function auditValues(c: Context<AppEnv>, entry: AuditEntry, at: number) {
  const ip = clientIp(c);
  markAudited(c);
  return {
    at,
    actorId: c.get('user')?.id ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    ip,
    ipSalt: ipSaltFor(ip),
  };
}

/** An audit_log insert, to be put in the same batch as the change it records. */
export function auditStatement(db: Db, c: Context<AppEnv>, entry: AuditEntry, at = Date.now()) {
  return db.insert(auditLog).values(auditValues(c, entry, at));
}

/**
 * An audit row written only if the statement just before it in the batch changed a row, for changes
 * guarded by the state they start from (a survey round's moves): when another admin's move got there
 * first, the guarded change does nothing and neither does its audit row. A D1 statement, since
 * drizzle's batch cannot bind raw SQL; the chain's columns are left to the chaining step.
 */
export function auditStatementIfChanged(db: Db, c: Context<AppEnv>, entry: AuditEntry, at = Date.now()): D1PreparedStatement {
  const v = auditValues(c, entry, at);
  return d1Of(db)
    .prepare(`INSERT INTO audit_log (at, actor_id, action, object_type, object_id, detail, ip, ip_salt)
      SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE changes() > 0`)
    .bind(v.at, v.actorId, v.action, v.objectType, v.objectId, v.detail, v.ip, v.ipSalt);
}

/**
 * An audit_log insert that happens only if `guard` holds when the batch runs (INSERT … SELECT … WHERE),
 * for moves decided on in the batch itself (a problem's guarded move, a link's first open). The values
 * in table order; the chain's hash and digest are left to the chaining step.
 */
export function auditStatementIf(db: Db, c: Context<AppEnv>, entry: AuditEntry, guard: SQL, at = Date.now()) {
  const v = auditValues(c, entry, at);
  return db
    .insert(auditLog)
    .select(
      sql`SELECT NULL, ${v.at}, ${v.actorId}, ${v.action}, ${v.objectType}, ${v.objectId}, ${v.detail}, ${v.ip}, NULL, ${v.ipSalt}, NULL WHERE ${guard}`,
    );
}

/** For audit rows that stand alone (refusals), written without failing the request that triggered them. */
export async function audit(c: Context<AppEnv>, entry: AuditEntry) {
  try {
    await auditStatement(c.get('db'), c, entry);
  } catch (err) {
    console.error('audit write failed', err);
  }
}

/** The window in which one source's refusals of one kind share one audit row (issue 13). */
export const REFUSAL_WINDOW_MS = 15 * 60_000;

// The window's counter row is `refused:<action>:<source>@<window start>`: aligned windows, one row each,
// never reset, so the count a row stands for can be read as long as the row is kept.
const COUNT_REFUSAL = `INSERT INTO throttles (key, count, window_start) VALUES (?1, 1, ?2)
  ON CONFLICT (key) DO UPDATE SET count = count + 1`;
const FIRST_REFUSAL = `INSERT INTO audit_log (at, actor_id, action, object_type, object_id, detail, ip, ip_salt)
  SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?9 WHERE (SELECT count FROM throttles WHERE key = ?8) = 1`;

/**
 * Audits a refusal of an anonymous or repeated request (cross_site, session_rejected, login_throttled,
 * link_throttled, a respondent's refused link) once per `source` and window: the first one writes the
 * audit row, naming the counter of its window (`detail.counter`); the rest only add to that counter,
 * which the admin's audit view shows beside the row. One batch, no read first, so the audit log grows
 * by at most one row per source, kind and 15 minutes however fast the requests come.
 */
export async function auditRefusal(c: Context<AppEnv>, entry: AuditEntry, source: string, now = Date.now()) {
  const start = now - (now % REFUSAL_WINDOW_MS);
  const counter = `refused:${entry.action}:${source}@${start}`;
  const d1 = d1Of(c.get('db'));
  const v = auditValues(c, { ...entry, detail: { ...entry.detail, counter } }, now);
  try {
    await d1.batch([
      d1.prepare(COUNT_REFUSAL).bind(counter, start),
      d1.prepare(FIRST_REFUSAL).bind(v.at, v.actorId, v.action, v.objectType, v.objectId, v.detail, v.ip, counter, v.ipSalt),
    ]);
  } catch (err) {
    console.error('audit write failed', err);
  }
}

/** The source of an anonymous request: its client address (`local` when there is none, as in tests). */
export const sourceOf = (c: Context<AppEnv>) => clientIp(c) ?? 'local';
