import { and, asc, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { LedgerQuery } from '../../schema/inputs/problems';
import { problems } from '../../schema/memo-tables';
import { assignments, chains, enterprises, units, users } from '../../schema/tables';
import type { Db, SessionUser } from '../app-env';
import { visibleTo } from '../auth/access';
import { PAGE_SIZE, type PageOf } from '../lib/paging';
import { openSql, overdueSql } from './overdue';

export type LedgerRow = Pick<
  typeof problems.$inferSelect,
  | 'id'
  | 'code'
  | 'category'
  | 'description'
  | 'raisedOn'
  | 'status'
  | 'deadline'
  | 'deadlineProvisional'
  | 'extendedDeadline'
  | 'requestedDeadline'
  | 'supervisedOn'
  | 'superviseBy'
  | 'urgency'
> & {
  enterpriseId: string;
  enterpriseName: string;
  contactName: string;
  contactPhone: string;
  officerName: string;
  leadUnitName: string | null;
  /** Open and under 督办: tops the list, in red. */
  supervised: boolean;
};

/** Open problems under 督办 first, then the newest; the code is unique, so the order is total. */
const ORDER = [sql`${problems.supervisedOn} IS NOT NULL AND ${openSql} DESC`, desc(problems.raisedOn), desc(problems.code)];

/**
 * 问题台账: the problems the user may see (officers: their enterprises' in any programme; handlers: their
 * unit's; admins: all), filtered; no row shows on two pages. `lateOn`: a 待交办 problem raised on or
 * before it is 交办超时 (schema/rules/due-date.ts).
 */
export async function listProblems(
  db: Db,
  user: SessionUser,
  q: LedgerQuery,
  { today, lateOn }: { today: string; lateOn: string },
  { openOnly = false } = {},
): Promise<PageOf<LedgerRow>> {
  const conditions = [
    visibleTo(user, problems.enterpriseId),
    openOnly && openSql,
    q.status && eq(problems.status, q.status),
    q.overdue && overdueSql(today),
    q.late && and(eq(problems.status, 'pending'), lte(problems.raisedOn, lateOn)),
    q.supervised && sql`${problems.supervisedOn} IS NOT NULL AND ${openSql}`,
    q.category && eq(problems.category, q.category),
    q.unit && eq(problems.leadUnitId, q.unit),
    q.officer && eq(problems.officerId, q.officer),
    q.chain && eq(enterprises.chainId, q.chain),
    q.enterprise && eq(problems.enterpriseId, q.enterprise),
    q.from && gte(problems.raisedOn, q.from),
    q.to && lte(problems.raisedOn, q.to),
  ].filter((x): x is SQL => Boolean(x));
  const where = conditions.length ? and(...conditions) : undefined;
  const offset = (q.page - 1) * PAGE_SIZE;
  const rows = db
    .select({
      id: problems.id,
      code: problems.code,
      category: problems.category,
      description: problems.description,
      raisedOn: problems.raisedOn,
      status: problems.status,
      deadline: problems.deadline,
      deadlineProvisional: problems.deadlineProvisional,
      extendedDeadline: problems.extendedDeadline,
      requestedDeadline: problems.requestedDeadline,
      supervisedOn: problems.supervisedOn,
      superviseBy: problems.superviseBy,
      urgency: problems.urgency,
      enterpriseId: problems.enterpriseId,
      enterpriseName: sql<string>`${enterprises.name}`.as('enterprise_name'),
      contactName: sql<string>`${enterprises.contactName}`.as('contact_name'),
      contactPhone: sql<string>`${enterprises.contactPhone}`.as('contact_phone'),
      officerName: sql<string>`${users.name}`.as('officer_name'),
      leadUnitName: sql<string | null>`${units.name}`.as('lead_unit_name'),
      supervised: sql<number>`${problems.supervisedOn} IS NOT NULL AND ${openSql}`.mapWith(Boolean).as('supervised'),
    })
    .from(problems)
    .innerJoin(enterprises, eq(enterprises.id, problems.enterpriseId))
    .innerJoin(users, eq(users.id, problems.officerId))
    .leftJoin(units, eq(units.id, problems.leadUnitId))
    .where(where)
    .orderBy(...ORDER)
    .limit(PAGE_SIZE)
    .offset(offset);
  const count = db
    .select({ n: sql<number>`count(*)` })
    .from(problems)
    .innerJoin(enterprises, eq(enterprises.id, problems.enterpriseId))
    .where(where);
  const [found, [counted]] = await db.batch([rows, count]);
  const total = counted?.n ?? 0;
  return { rows: found, total, page: q.page, hasNext: offset + found.length < total };
}

export type LedgerOptions = {
  units: { id: string; name: string }[];
  chains: { id: string; name: string }[];
  enterprises: { id: string; name: string }[];
  /** Admins only: an officer filters by enterprise, not by colleague. */
  officers: { id: string; name: string }[];
};

/** The filter form's choices, scoped like the list (an officer is offered only their enterprises). */
export async function ledgerOptions(db: Db, user: SessionUser): Promise<LedgerOptions> {
  if (user.role === 'handler') return { units: [], chains: [], enterprises: [], officers: [] };
  const mine = user.role === 'admin' ? undefined : eq(assignments.officerId, user.id);
  const enterpriseQuery = mine
    ? db
        .selectDistinct({ id: enterprises.id, name: enterprises.name })
        .from(assignments)
        .innerJoin(enterprises, eq(enterprises.id, assignments.enterpriseId))
        .where(mine)
        .orderBy(asc(enterprises.name))
    : db.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).orderBy(asc(enterprises.name));
  const [unitRows, chainRows, enterpriseRows, officerRows] = await db.batch([
    db.select({ id: units.id, name: units.name }).from(units).orderBy(asc(units.name)),
    db.select({ id: chains.id, name: chains.name }).from(chains).orderBy(asc(chains.name)),
    enterpriseQuery,
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(user.role === 'admin' ? eq(users.role, 'officer') : sql`0`)
      .orderBy(asc(users.name)),
  ]);
  return { units: unitRows, chains: chainRows, enterprises: enterpriseRows, officers: officerRows };
}
