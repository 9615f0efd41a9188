import { and, asc, eq, getTableColumns, or, type SQL, sql } from 'drizzle-orm';
import type { EnterpriseInput } from '../../schema/inputs/enterprises';
import { chains, enterprises } from '../../schema/tables';
import type { Db } from '../app-env';
import { contains, pageOf } from '../lib/paging';
import { newId } from '../lib/tokens';

export type Enterprise = typeof enterprises.$inferSelect;
export type EnterpriseRow = Enterprise & { chainName: string | null };

export type EnterpriseFilter = { q: string; chainId: string };

/** Search by name or 统一社会信用代码 (people paste either), optionally within one 产业链. */
export function listEnterprises(db: Db, { q, chainId }: EnterpriseFilter, page: number) {
  const conditions: SQL[] = [];
  if (q) conditions.push(or(contains(enterprises.name, q), contains(enterprises.creditCode, q)) as SQL);
  if (chainId) conditions.push(eq(enterprises.chainId, chainId));
  const where = conditions.length ? and(...conditions) : undefined;
  return pageOf<EnterpriseRow>(
    db,
    page,
    (limit, offset) =>
      db
        // Aliased: D1's batch results are keyed by column name, so a second `name` would overwrite the first.
        .select({ ...getTableColumns(enterprises), chainName: sql<string | null>`${chains.name}`.as('chain_name') })
        .from(enterprises)
        .leftJoin(chains, eq(chains.id, enterprises.chainId))
        .where(where)
        // Names are not unique: the id makes the order total, so no row shows on two pages.
        .orderBy(asc(enterprises.name), asc(enterprises.id))
        .limit(limit)
        .offset(offset),
    enterprises,
    where,
  );
}

export const readEnterprise = (db: Db, id: string) => db.select().from(enterprises).where(eq(enterprises.id, id)).get();

export function insertEnterprise(db: Db, input: EnterpriseInput, id = newId()) {
  const now = Date.now();
  return db.insert(enterprises).values({ id, ...input, createdAt: now, updatedAt: now });
}

export const updateEnterprise = (db: Db, id: string, input: EnterpriseInput) =>
  db
    .update(enterprises)
    .set({ ...input, updatedAt: Date.now() })
    .where(eq(enterprises.id, id));
