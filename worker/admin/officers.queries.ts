import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { OfficerInput, OfficerUpdateInput } from '../../schema/inputs/officers';
import { units, users } from '../../schema/tables';
import type { Db } from '../app-env';
import { contains, pageOf } from '../lib/paging';

export type OfficerRow = {
  id: string;
  login: string;
  name: string;
  phone: string | null;
  unitName: string | null;
  disabled: boolean;
  hasPassword: boolean;
};

/**
 * Officers by name, optionally narrowed by a name/login search and by unit. Joined columns of the
 * same name are aliased: D1 batch results come back keyed by column name, so two `name`s would collide.
 */
export function listOfficers(db: Db, q: string, unitId: string | null, page: number) {
  const where = and(
    eq(users.role, 'officer'),
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
          unitName: sql<string | null>`${units.name}`.as('unit_name'),
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

/** Only officers: admin accounts are not managed (or disabled) from this page. */
export const readOfficer = (db: Db, id: string) =>
  db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.role, 'officer')))
    .get();

export const insertOfficer = (db: Db, id: string, input: OfficerInput) =>
  db.insert(users).values({ id, ...input, phone: input.phone || null, role: 'officer', passwordHash: null, createdAt: Date.now() });

export const updateOfficer = (db: Db, id: string, input: OfficerUpdateInput) =>
  db
    .update(users)
    .set({ ...input, phone: input.phone || null })
    .where(eq(users.id, id));

/** How long a one-time password setup link works. */
export const SETUP_LINK_MS = 72 * 60 * 60 * 1000;

/** Replaces any earlier link: only the newest one works. */
export const setSetupToken = (db: Db, id: string, tokenHash: string, expiresAt: number) =>
  db.update(users).set({ setupTokenHash: tokenHash, setupExpiresAt: expiresAt }).where(eq(users.id, id));
