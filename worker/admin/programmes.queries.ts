import { asc, desc, eq } from 'drizzle-orm';
import type { ProgrammeInput } from '../../schema/inputs/programmes';
import { onFirstUse } from '../../schema/on-first-use';
import { programmes } from '../../schema/tables';
import type { Db } from '../app-env';
import { d1Of } from '../lib/db';
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

export type ProgrammeRef = { id: string; name: string; startsOn: string; endsOn: string };
type ProgrammeRow = ProgrammeRef & { disabled: 0 | 1 };

// Raw SQL with fixed text: every officer page and every statistics page starts here. The order is the
// rule of which programme is current: enabled before disabled, running today before not, latest start
// first. A programme office runs one action at a time; the ones before it stay readable.
const BY_CURRENCY = `SELECT id, name, starts_on AS startsOn, ends_on AS endsOn, disabled FROM programmes
  ORDER BY disabled, (starts_on <= ?1 AND ends_on >= ?1) DESC, starts_on DESC, created_at DESC`;

/** Every programme, the current one first (the statistics filter's list). */
export async function programmesByCurrency(db: Db, today: string): Promise<ProgrammeRow[]> {
  return (await d1Of(db).prepare(BY_CURRENCY).bind(today).all<ProgrammeRow>()).results;
}

const ref = ({ id, name, startsOn, endsOn }: ProgrammeRow): ProgrammeRef => ({ id, name, startsOn, endsOn });

/**
 * The programme people work in today (China's today): the latest-starting enabled one running today,
 * else the latest-starting enabled one; null when every programme is disabled or none exists. A
 * disabled programme is never current: officers cannot record in it, and it is shown only when asked
 * for by id (`history` lets a read-only page fall back to it when nothing else exists).
 */
export function currentOf(rows: readonly ProgrammeRow[], history = false): ProgrammeRef | null {
  const first = rows[0];
  return first && (!first.disabled || history) ? ref(first) : null;
}

export const currentProgramme = async (db: Db, today: string) => currentOf(await programmesByCurrency(db, today));
