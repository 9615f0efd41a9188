import { and, asc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { AssignmentInput } from '../../schema/inputs/programmes';
import type { Dated } from '../../schema/rules/pairing';
import { assignments, chains, enterprises, programmes, units, users } from '../../schema/tables';
import type { Db } from '../app-env';
import { contains, PAGE_SIZE, type PageOf } from '../lib/paging';
import { inForce } from '../lib/pairing-sql';

export type AssignmentRow = {
  id: string;
  enterpriseName: string;
  creditCode: string;
  officerName: string;
  unitName: string | null;
  isLead: boolean;
  startsOn: string;
  endsOn: string | null;
};

/** The pairings in force today, or starting later: what the list shows unless asked for its history. */
const currentOrLater = (today: string) => or(isNull(assignments.endsOn), sql`${assignments.endsOn} >= ${today}`);

/**
 * One programme's pairings, searched by enterprise or officer name: those in force or to come, or with
 * `history` every pairing, ended ones included (issue 14). The search spans joined tables, so the count
 * repeats the joins (paging's pageOf counts a single table). Same-named joined columns are aliased because
 * D1 batch results are keyed by column name.
 */
export async function listAssignments(
  db: Db,
  programmeId: string,
  q: string,
  page: number,
  view: { history: boolean; today: string },
): Promise<PageOf<AssignmentRow>> {
  const where = and(
    eq(assignments.programmeId, programmeId),
    view.history ? undefined : currentOrLater(view.today),
    q ? or(contains(enterprises.name, q), contains(users.name, q)) : undefined,
  );
  const offset = (page - 1) * PAGE_SIZE;
  const rows = db
    .select({
      id: assignments.id,
      enterpriseName: sql<string>`${enterprises.name}`.as('enterprise_name'),
      creditCode: enterprises.creditCode,
      officerName: sql<string>`${users.name}`.as('officer_name'),
      unitName: sql<string | null>`${units.name}`.as('unit_name'),
      isLead: assignments.isLead,
      startsOn: assignments.startsOn,
      endsOn: assignments.endsOn,
    })
    .from(assignments)
    .innerJoin(enterprises, eq(enterprises.id, assignments.enterpriseId))
    .innerJoin(users, eq(users.id, assignments.officerId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(where)
    .orderBy(
      asc(enterprises.name),
      asc(enterprises.id),
      sql`${assignments.isLead} DESC`,
      asc(users.name),
      sql`${assignments.startsOn} DESC`,
    )
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
      startsOn: assignments.startsOn,
      endsOn: assignments.endsOn,
      periodStart: sql<string>`${programmes.startsOn}`.as('period_start'),
      periodEnd: sql<string>`${programmes.endsOn}`.as('period_end'),
    })
    .from(assignments)
    .innerJoin(programmes, eq(programmes.id, assignments.programmeId))
    .innerJoin(users, eq(users.id, assignments.officerId))
    .innerJoin(enterprises, eq(enterprises.id, assignments.enterpriseId))
    .where(eq(assignments.id, id))
    .get();

/** The dated ranges of a pair in a programme (but `exceptId`'s): a new or changed range may share no day with them. */
export const pairRanges = (db: Db, p: { programmeId: string; officerId: string; enterpriseId: string }, exceptId = ''): Promise<Dated[]> =>
  db
    .select({ startsOn: assignments.startsOn, endsOn: assignments.endsOn })
    .from(assignments)
    .where(
      and(
        eq(assignments.programmeId, p.programmeId),
        eq(assignments.officerId, p.officerId),
        eq(assignments.enterpriseId, p.enterpriseId),
        ne(assignments.id, exceptId),
      ),
    )
    .all();

/** The dated ranges of an enterprise's lead pairings (but `exceptId`'s): one lead is in force at a time. */
export const leadRanges = (db: Db, programmeId: string, enterpriseId: string, exceptId = ''): Promise<Dated[]> =>
  db
    .select({ startsOn: assignments.startsOn, endsOn: assignments.endsOn })
    .from(assignments)
    .where(
      and(
        eq(assignments.programmeId, programmeId),
        eq(assignments.enterpriseId, enterpriseId),
        eq(assignments.isLead, true),
        ne(assignments.id, exceptId),
      ),
    )
    .all();

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

export const insertAssignment = (db: Db, id: string, input: AssignmentInput & { startsOn: string }) =>
  db.insert(assignments).values({ id, ...input, createdAt: Date.now() });

export const setLead = (db: Db, id: string, isLead: boolean) => db.update(assignments).set({ isLead }).where(eq(assignments.id, id));

/** 解除结对: the pairing ends on `endsOn` and its row stays, so past months keep their figures (issue 14). */
export const endAssignment = (db: Db, id: string, endsOn: string) =>
  db
    .update(assignments)
    .set({ endsOn })
    .where(and(eq(assignments.id, id), isNull(assignments.endsOn)));

/** 我的帮扶企业: the enterprises paired with an officer in a programme today, by name. */
export const myEnterprises = (db: Db, officerId: string, programmeId: string, today: string) =>
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
    .where(
      and(eq(assignments.officerId, officerId), eq(assignments.programmeId, programmeId), eq(enterprises.disabled, false), inForce(today)),
    )
    .orderBy(asc(enterprises.name))
    .all();
