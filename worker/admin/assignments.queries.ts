import { and, asc, eq, ne, or, sql } from 'drizzle-orm';
import type { AssignmentInput } from '../../schema/inputs/programmes';
import { assignments, chains, enterprises, programmes, units, users } from '../../schema/tables';
import type { Db } from '../app-env';
import { contains, PAGE_SIZE, type PageOf } from '../lib/paging';

export type AssignmentRow = {
  id: string;
  enterpriseName: string;
  creditCode: string;
  officerName: string;
  unitName: string | null;
  isLead: boolean;
};

/**
 * One programme's pairings, searched by enterprise or officer name. The search spans joined tables,
 * so the count repeats the joins (paging's pageOf counts a single table). Same-named joined columns are
 * aliased because D1 batch results are keyed by column name.
 */
export async function listAssignments(db: Db, programmeId: string, q: string, page: number): Promise<PageOf<AssignmentRow>> {
  const where = and(eq(assignments.programmeId, programmeId), q ? or(contains(enterprises.name, q), contains(users.name, q)) : undefined);
  const offset = (page - 1) * PAGE_SIZE;
  const rows = db
    .select({
      id: assignments.id,
      enterpriseName: sql<string>`${enterprises.name}`.as('enterprise_name'),
      creditCode: enterprises.creditCode,
      officerName: sql<string>`${users.name}`.as('officer_name'),
      unitName: sql<string | null>`${units.name}`.as('unit_name'),
      isLead: assignments.isLead,
    })
    .from(assignments)
    .innerJoin(enterprises, eq(enterprises.id, assignments.enterpriseId))
    .innerJoin(users, eq(users.id, assignments.officerId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(where)
    .orderBy(asc(enterprises.name), asc(enterprises.id), sql`${assignments.isLead} DESC`, asc(users.name))
    .limit(PAGE_SIZE)
    .offset(offset);
  const count = db
    .select({ n: sql<number>`count(*)` })
    .from(assignments)
    .innerJoin(enterprises, eq(enterprises.id, assignments.enterpriseId))
    .innerJoin(users, eq(users.id, assignments.officerId))
    .where(where);
  const [found, [counted]] = await db.batch([rows, count]);
  const total = counted?.n ?? 0;
  return { rows: found, total, page, hasNext: offset + found.length < total };
}

export const readAssignment = (db: Db, id: string) => db.select().from(assignments).where(eq(assignments.id, id)).get();

/** The names a pairing is told by, for the page that asks before 解除结对. */
export const describeAssignment = (db: Db, id: string) =>
  db
    .select({
      programmeId: assignments.programmeId,
      programme: sql<string>`${programmes.name}`.as('programme_name'),
      officer: sql<string>`${users.name}`.as('officer_name'),
      enterprise: sql<string>`${enterprises.name}`.as('enterprise_name'),
      isLead: assignments.isLead,
    })
    .from(assignments)
    .innerJoin(programmes, eq(programmes.id, assignments.programmeId))
    .innerJoin(users, eq(users.id, assignments.officerId))
    .innerJoin(enterprises, eq(enterprises.id, assignments.enterpriseId))
    .where(eq(assignments.id, id))
    .get();

/** The other lead of the same enterprise in the same programme, if any (at most one, by the unique index). */
export const otherLead = (db: Db, programmeId: string, enterpriseId: string, exceptId = '') =>
  db
    .select({ id: assignments.id })
    .from(assignments)
    .where(
      and(
        eq(assignments.programmeId, programmeId),
        eq(assignments.enterpriseId, enterpriseId),
        eq(assignments.isLead, true),
        ne(assignments.id, exceptId),
      ),
    )
    .get();

export const samePair = (db: Db, input: AssignmentInput) =>
  db
    .select({ id: assignments.id })
    .from(assignments)
    .where(
      and(
        eq(assignments.programmeId, input.programmeId),
        eq(assignments.officerId, input.officerId),
        eq(assignments.enterpriseId, input.enterpriseId),
      ),
    )
    .get();

/** The choices of the create form: programmes, officers and enterprises in use. */
export async function pairingOptions(db: Db) {
  const [programmeRows, officerRows, enterpriseRows] = await db.batch([
    db
      .select({ id: programmes.id, name: programmes.name })
      .from(programmes)
      .where(eq(programmes.disabled, false))
      .orderBy(sql`${programmes.startsOn} DESC`),
    db
      .select({ id: users.id, name: users.name, unitName: sql<string | null>`${units.name}`.as('unit_name') })
      .from(users)
      .leftJoin(units, eq(units.id, users.unitId))
      .where(and(eq(users.role, 'officer'), eq(users.disabled, false)))
      .orderBy(asc(users.name)),
    db
      .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode })
      .from(enterprises)
      .where(eq(enterprises.disabled, false))
      .orderBy(asc(enterprises.name)),
  ]);
  return { programmes: programmeRows, officers: officerRows, enterprises: enterpriseRows };
}

/** Which of the picked programme, officer and enterprise exist and are in use, in one round trip. */
export async function missingReferences(db: Db, input: AssignmentInput): Promise<(keyof AssignmentInput)[]> {
  const [p, o, e] = await db.batch([
    db
      .select({ id: programmes.id })
      .from(programmes)
      .where(and(eq(programmes.id, input.programmeId), eq(programmes.disabled, false))),
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.officerId), eq(users.role, 'officer'), eq(users.disabled, false))),
    db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(and(eq(enterprises.id, input.enterpriseId), eq(enterprises.disabled, false))),
  ]);
  const missing: (keyof AssignmentInput)[] = [];
  if (p.length === 0) missing.push('programmeId');
  if (o.length === 0) missing.push('officerId');
  if (e.length === 0) missing.push('enterpriseId');
  return missing;
}

export const insertAssignment = (db: Db, id: string, input: AssignmentInput) =>
  db.insert(assignments).values({ id, ...input, createdAt: Date.now() });

export const setLead = (db: Db, id: string, isLead: boolean) => db.update(assignments).set({ isLead }).where(eq(assignments.id, id));

export const deleteAssignment = (db: Db, id: string) => db.delete(assignments).where(eq(assignments.id, id));

/** 我的帮扶企业: the enterprises paired with an officer in a programme, by name. */
export const myEnterprises = (db: Db, officerId: string, programmeId: string) =>
  db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      creditCode: enterprises.creditCode,
      region: enterprises.region,
      chain: sql<string | null>`${chains.name}`.as('chain_name'),
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
