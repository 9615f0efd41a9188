import { asc, eq } from 'drizzle-orm';
import type { UnitInput } from '../../schema/inputs/admin';
import { units } from '../../schema/tables';
import type { Db } from '../app-env';
import { contains, pageOf } from '../lib/paging';
import { newId } from '../lib/tokens';

export type Unit = typeof units.$inferSelect;

export function listUnits(db: Db, q: string, page: number) {
  const where = q ? contains(units.name, q) : undefined;
  return pageOf<Unit>(
    db,
    page,
    (limit, offset) => db.select().from(units).where(where).orderBy(asc(units.name)).limit(limit).offset(offset),
    units,
    where,
  );
}

export const readUnit = (db: Db, id: string) => db.select().from(units).where(eq(units.id, id)).get();

/** Active units for select boxes (a handful per programme office, so no paging). */
export const unitOptions = (db: Db) =>
  db.select({ id: units.id, name: units.name }).from(units).where(eq(units.disabled, false)).orderBy(asc(units.name)).all();

export const insertUnit = (db: Db, input: UnitInput, id = newId()) => db.insert(units).values({ id, ...input, createdAt: Date.now() });
export const updateUnit = (db: Db, id: string, input: UnitInput) => db.update(units).set(input).where(eq(units.id, id));
