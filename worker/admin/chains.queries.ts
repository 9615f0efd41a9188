import { asc, eq, or } from 'drizzle-orm';
import type { ChainInput } from '../../schema/inputs/enterprises';
import { chains } from '../../schema/tables';
import type { Db } from '../app-env';
import { contains, pageOf } from '../lib/paging';
import { newId } from '../lib/tokens';

export type Chain = typeof chains.$inferSelect;

export function listChains(db: Db, q: string, page: number) {
  const where = q ? contains(chains.name, q) : undefined;
  return pageOf<Chain>(
    db,
    page,
    (limit, offset) => db.select().from(chains).where(where).orderBy(asc(chains.name)).limit(limit).offset(offset),
    chains,
    where,
  );
}

export const readChain = (db: Db, id: string) => db.select().from(chains).where(eq(chains.id, id)).get();

/**
 * Active chains for select boxes (a dozen at most, so no paging). `keep` adds the chain already chosen
 * even if it has since been disabled, so editing an enterprise does not silently drop its chain.
 */
export const chainOptions = (db: Db, keep?: string | null) =>
  db
    .select({ id: chains.id, name: chains.name })
    .from(chains)
    .where(keep ? or(eq(chains.disabled, false), eq(chains.id, keep)) : eq(chains.disabled, false))
    .orderBy(asc(chains.name))
    .all();

export const insertChain = (db: Db, input: ChainInput, id = newId()) => db.insert(chains).values({ id, ...input, createdAt: Date.now() });
export const updateChain = (db: Db, id: string, input: ChainInput) => db.update(chains).set(input).where(eq(chains.id, id));
