// A lease in D1: one statement takes it if it is free or expired, so two runs racing for the same
// work cannot both win (INSERT … ON CONFLICT … WHERE is atomic in SQLite). The holder releases it when
// done; a crashed holder's lease simply expires.
import type { Db } from '../app-env';
import { d1Of } from './db';

const TAKE = `INSERT INTO leases (name, holder, expires_at) VALUES (?1, ?2, ?3)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at WHERE leases.expires_at <= ?4
  RETURNING holder`;
const RELEASE = 'DELETE FROM leases WHERE name = ?1 AND holder = ?2';

/** Takes the lease `name` for `ms`; false when someone else holds it. */
export async function takeLease(db: Db, name: string, holder: string, ms: number, now = Date.now()): Promise<boolean> {
  const row = await d1Of(db)
    .prepare(TAKE)
    .bind(name, holder, now + ms, now)
    .first<{ holder: string }>();
  return row?.holder === holder;
}

export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await d1Of(db).prepare(RELEASE).bind(name, holder).run();
}
