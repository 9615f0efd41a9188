import { and, asc, desc, eq, gte, lte } from 'drizzle-orm';
import { assignments, chains, enterprises, programmes } from '../../schema/tables';
import type { Db } from '../app-env';

export const today = (now = new Date()) => now.toISOString().slice(0, 10);

/**
 * The programme officers work in now: the latest-starting one whose period covers today, else the
 * latest-starting enabled one (a programme office runs one action at a time; history stays readable).
 */
export async function activeProgramme(db: Db, on = today()) {
  const current = await db
    .select()
    .from(programmes)
    .where(and(eq(programmes.disabled, false), lte(programmes.startsOn, on), gte(programmes.endsOn, on)))
    .orderBy(desc(programmes.startsOn))
    .get();
  return current ?? db.select().from(programmes).where(eq(programmes.disabled, false)).orderBy(desc(programmes.startsOn)).get();
}

/** 我的帮扶企业: the enterprises paired with an officer in a programme, by name. */
export const myEnterprises = (db: Db, officerId: string, programmeId: string) =>
  db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      creditCode: enterprises.creditCode,
      region: enterprises.region,
      chain: chains.name,
      contactName: enterprises.contactName,
      contactPhone: enterprises.contactPhone,
      isLead: assignments.isLead,
    })
    .from(assignments)
    .innerJoin(enterprises, eq(enterprises.id, assignments.enterpriseId))
    .leftJoin(chains, eq(chains.id, enterprises.chainId))
    .where(and(eq(assignments.officerId, officerId), eq(assignments.programmeId, programmeId), eq(enterprises.disabled, false)))
    .orderBy(asc(enterprises.name))
    .all();
