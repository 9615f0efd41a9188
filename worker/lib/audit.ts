import type { Context } from 'hono';
import { auditLog } from '../../schema/tables';
import type { AppEnv, Db } from '../app-env';

export type AuditEntry = {
  action: string;
  objectType?: string;
  objectId?: string;
  detail?: Record<string, unknown>;
};

/** The client address as Cloudflare reports it (absent in local tests). */
export const clientIp = (c: Context<AppEnv>) => c.req.header('cf-connecting-ip') ?? null;

/** An audit_log insert, to be put in the same batch as the change it records. */
export function auditStatement(db: Db, c: Context<AppEnv>, entry: AuditEntry) {
  return db.insert(auditLog).values({
    at: Date.now(),
    actorId: c.get('user')?.id ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    ip: clientIp(c),
  });
}

/** For audit rows that stand alone (refusals), written without failing the request that triggered them. */
export async function audit(c: Context<AppEnv>, entry: AuditEntry) {
  try {
    await auditStatement(c.get('db'), c, entry);
  } catch (err) {
    console.error('audit write failed', err);
  }
}
