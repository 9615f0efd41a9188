import { and, eq, gt } from 'drizzle-orm';
import { users } from '../../schema/tables';
import type { Db } from '../app-env';

export const findUserByLogin = (db: Db, login: string) => db.select().from(users).where(eq(users.login, login)).get();

export const findUserBySetupToken = (db: Db, tokenHash: string, now = Date.now()) =>
  db
    .select()
    .from(users)
    .where(and(eq(users.setupTokenHash, tokenHash), gt(users.setupExpiresAt, now), eq(users.disabled, false)))
    .get();
