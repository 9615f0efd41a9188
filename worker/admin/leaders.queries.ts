// Leaders' (领导) accounts and their scope (issue 19): the whole programme, one chain or one region. The
// drizzle builder, like the other account pages.
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { LeaderInput, LeaderScope, LeaderUpdateInput } from '../../schema/inputs/officers';
import { chains, enterprises, users } from '../../schema/tables';
import type { Db } from '../app-env';
import { chainOptions } from './chains.queries';

/** A scope option of the form: its select value and its label. */
export type ScopeOption = { value: string; label: string; kind: 'chain' | 'region' };

/** The chains in use and the regions enterprises are in, for the scope select. */
export async function scopeOptions(db: Db, keep?: string | null): Promise<ScopeOption[]> {
  const [chainRows, regionRows] = await Promise.all([
    chainOptions(db, keep),
    db
      .selectDistinct({ region: enterprises.region })
      .from(enterprises)
      .where(ne(enterprises.region, ''))
      .orderBy(asc(enterprises.region))
      .all(),
  ]);
  return [
    ...chainRows.map((c) => ({ value: `chain:${c.id}`, label: c.name, kind: 'chain' as const })),
    ...regionRows.map((r) => ({ value: `region:${r.region}`, label: r.region, kind: 'region' as const })),
  ];
}

/** Whether a picked scope exists: a chain row, or a region some enterprise is in. */
export async function scopeUsable(db: Db, scope: LeaderScope, current?: { scopeChainId: string | null }): Promise<boolean> {
  if (scope.scopeChainId) {
    const chain = await db.select({ disabled: chains.disabled }).from(chains).where(eq(chains.id, scope.scopeChainId)).get();
    return !!chain && (!chain.disabled || scope.scopeChainId === current?.scopeChainId);
  }
  if (scope.scopeRegion) {
    const row = await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.region, scope.scopeRegion)).limit(1).get();
    return row !== undefined;
  }
  return true;
}

export const insertLeader = (db: Db, id: string, { scope, ...input }: LeaderInput) =>
  db.insert(users).values({
    id,
    ...input,
    ...scope,
    phone: input.phone || null,
    email: input.email || null,
    role: 'leader',
    unitId: null,
    passwordHash: null,
    createdAt: Date.now(),
  });

export const updateLeader = (db: Db, id: string, { scope, ...input }: LeaderUpdateInput) =>
  db
    .update(users)
    .set({ ...input, ...scope, phone: input.phone || null, email: input.email || null })
    .where(and(eq(users.id, id), eq(users.role, 'leader')));

/** What a leader's figures are narrowed to, read at each request so the admin's change holds at once. */
export type LeaderView = { chainId: string | null; region: string | null; label: string | null };

/** The scope's label column (the leaders' list and the leader's own view): the chain's name or the region. */
export const scopeLabelSql = sql<
  string | null
>`coalesce((SELECT ${chains.name} FROM ${chains} WHERE ${chains.id} = ${users.scopeChainId}), ${users.scopeRegion})`;

export async function leaderView(db: Db, userId: string): Promise<LeaderView> {
  const row = await db
    .select({ chainId: users.scopeChainId, region: users.scopeRegion, label: scopeLabelSql })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.role, 'leader')))
    .get();
  return row ?? { chainId: null, region: null, label: null };
}
