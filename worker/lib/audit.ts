import type { Context } from 'hono';
import { auditLog } from '../../schema/tables';
import type { AppEnv, Db } from '../app-env';
import { d1Of } from './db';

export type AuditEntry = {
  action: string;
  objectType?: string;
  objectId?: string;
  detail?: Record<string, unknown>;
};

/** The client address as Cloudflare reports it (absent in local tests). */
export const clientIp = (c: Context<AppEnv>) => c.req.header('cf-connecting-ip') ?? null;

function auditRow(c: Context<AppEnv>, entry: AuditEntry) {
  return {
    at: Date.now(),
    actorId: c.get('user')?.id ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    ip: clientIp(c),
  };
}

/** An audit_log insert, to be put in the same batch as the change it records. */
export function auditStatement(db: Db, c: Context<AppEnv>, entry: AuditEntry) {
  return db.insert(auditLog).values(auditRow(c, entry));
}

/**
 * An audit row written only if the statement just before it in the batch changed a row, for changes
 * guarded by the state they start from (a survey round's moves): when another admin's move got there
 * first, the guarded change does nothing and neither does its audit row. The same columns as
 * auditStatement; a D1 statement, since drizzle's batch cannot bind raw SQL.
 */
export function auditStatementIfChanged(db: Db, c: Context<AppEnv>, entry: AuditEntry): D1PreparedStatement {
  const r = auditRow(c, entry);
  return d1Of(db)
    .prepare(`INSERT INTO audit_log (at, actor_id, action, object_type, object_id, detail, ip)
      SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE changes() > 0`)
    .bind(r.at, r.actorId, r.action, r.objectType, r.objectId, r.detail, r.ip);
}

/** For audit rows that stand alone (refusals), written without failing the request that triggered them. */
export async function audit(c: Context<AppEnv>, entry: AuditEntry) {
  try {
    await auditStatement(c.get('db'), c, entry);
  } catch (err) {
    console.error('audit write failed', err);
  }
}
