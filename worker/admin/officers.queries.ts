import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { OfficerInput, OfficerUpdateInput } from '../../schema/inputs/officers';
import { type Role, units, users } from '../../schema/tables';
import type { Db } from '../app-env';
import { contains, pageOf } from '../lib/paging';
import { scopeLabelSql } from './leaders.queries';

/** The accounts an admin manages from the people pages: officers, unit handlers and leaders (never admins). */
export type PersonRole = Exclude<Role, 'admin'>;

export type OfficerRow = {
  id: string;
  login: string;
  name: string;
  phone: string | null;
  email: string | null;
  unitName: string | null;
  disabled: boolean;
  hasPassword: boolean;
};

/**
 * Accounts of one role by name, optionally narrowed by a name/login search and by unit. Joined columns of
 * the same name are aliased: D1 batch results come back keyed by column name, so two `name`s would collide.
 */
export function listOfficers(db: Db, role: PersonRole, q: string, unitId: string | null, page: number) {
  const where = and(
    eq(users.role, role),
    unitId ? eq(users.unitId, unitId) : undefined,
    q ? or(contains(users.name, q), contains(users.login, q)) : undefined,
  );
  return pageOf<OfficerRow>(
    db,
    page,
    (limit, offset) =>
      db
        .select({
          id: users.id,
          login: users.login,
          name: users.name,
          phone: users.phone,
          email: users.email,
          // A leader has no unit: the column shows their scope (issue 19).
          unitName: (role === 'leader' ? scopeLabelSql : sql<string | null>`${units.name}`).as('unit_name'),
          disabled: users.disabled,
          hasPassword: sql`${users.passwordHash} IS NOT NULL`.mapWith(Boolean),
        })
        .from(users)
        .leftJoin(units, eq(units.id, users.unitId))
        .where(where)
        .orderBy(asc(users.name), asc(users.login))
        .limit(limit)
        .offset(offset),
    users,
    where,
  );
}

/** Only accounts of the page's role: admin accounts are not managed (or disabled) from these pages. */
export const readOfficer = (db: Db, role: PersonRole, id: string) =>
  db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.role, role)))
    .get();

export const insertOfficer = (db: Db, role: PersonRole, id: string, input: OfficerInput) =>
  db
    .insert(users)
    .values({ id, ...input, phone: input.phone || null, email: input.email || null, role, passwordHash: null, createdAt: Date.now() });

export const updateOfficer = (db: Db, id: string, input: OfficerUpdateInput) =>
  db
    .update(users)
    .set({ ...input, phone: input.phone || null, email: input.email || null })
    .where(eq(users.id, id));

/** How long a one-time password setup link works. */
export const SETUP_LINK_MS = 72 * 60 * 60 * 1000;

/** Replaces any earlier link: only the newest one works. */
export const setSetupToken = (db: Db, id: string, tokenHash: string, expiresAt: number) =>
  db.update(users).set({ setupTokenHash: tokenHash, setupExpiresAt: expiresAt }).where(eq(users.id, id));
