import { asc, desc, eq } from 'drizzle-orm';
import type { ProgrammeInput } from '../../schema/inputs/programmes';
import { onFirstUse } from '../../schema/on-first-use';
import { programmes } from '../../schema/tables';
import type { Db } from '../app-env';
import { contains, pageOf } from '../lib/paging';

export type Programme = typeof programmes.$inferSelect;

/** Newest first: the running programme is the one an admin looks for. */
const newestFirst = onFirstUse(() => [desc(programmes.startsOn), desc(programmes.createdAt)] as const);

export function listProgrammes(db: Db, q: string, page: number) {
  const where = q ? contains(programmes.name, q) : undefined;
  return pageOf<Programme>(
    db,
    page,
    (limit, offset) =>
      db
        .select()
        .from(programmes)
        .where(where)
        .orderBy(...newestFirst)
        .limit(limit)
        .offset(offset),
    programmes,
    where,
  );
}

export const readProgramme = (db: Db, id: string) => db.select().from(programmes).where(eq(programmes.id, id)).get();

/** Every programme for the pairing list's filter, in use ones first, newest first (a few per year). */
export const programmeOptions = (db: Db) =>
  db
    .select({ id: programmes.id, name: programmes.name, disabled: programmes.disabled })
    .from(programmes)
    .orderBy(asc(programmes.disabled), ...newestFirst)
    .all();

export const insertProgramme = (db: Db, id: string, input: ProgrammeInput) =>
  db.insert(programmes).values({ id, ...input, createdAt: Date.now() });

export const updateProgramme = (db: Db, id: string, input: ProgrammeInput) => db.update(programmes).set(input).where(eq(programmes.id, id));
