import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { memoPhotos } from '../../schema/memo-record-tables';
import { memos, problemEvents, problems } from '../../schema/memo-tables';
import { campaigns, invitations } from '../../schema/survey-tables';
import { assignments, chains, enterprises, programmes, units, users } from '../../schema/tables';
import type { Db } from '../app-env';
import { memoRevisionsOf } from '../memos/memo-edit.queries';
import { eventColumns } from '../problems/problems.queries';

// An archive shows everything, but a runaway history must not exhaust the request: far above any
// real enterprise's memos and problem events over a programme's life.
const HISTORY_LIMIT = 1000;

/**
 * 帮扶档案: the enterprise, its pairings in every programme, its memos, problems and their events, in
 * one D1 round trip. Same-named joined columns are aliased (D1 batch rows are keyed by column name).
 */
export async function enterpriseFile(db: Db, id: string) {
  const [profile, pairings, memoRows, problemRows, eventRows, revisionRows, photoRows] = await db.batch([
    db
      .select({
        id: enterprises.id,
        name: enterprises.name,
        creditCode: enterprises.creditCode,
        region: enterprises.region,
        sector: enterprises.sector,
        aboveScale: enterprises.aboveScale,
        contactName: enterprises.contactName,
        contactPhone: enterprises.contactPhone,
        disabled: enterprises.disabled,
        chainName: sql<string | null>`${chains.name}`.as('chain_name'),
      })
      .from(enterprises)
      .leftJoin(chains, eq(chains.id, enterprises.chainId))
      .where(eq(enterprises.id, id)),
    db
      .select({
        programmeName: sql<string>`${programmes.name}`.as('programme_name'),
        startsOn: programmes.startsOn,
        endsOn: programmes.endsOn,
        officerName: sql<string>`${users.name}`.as('officer_name'),
        unitName: sql<string | null>`${units.name}`.as('unit_name'),
        isLead: assignments.isLead,
      })
      .from(assignments)
      .innerJoin(programmes, eq(programmes.id, assignments.programmeId))
      .innerJoin(users, eq(users.id, assignments.officerId))
      .leftJoin(units, eq(units.id, users.unitId))
      .where(eq(assignments.enterpriseId, id))
      .orderBy(desc(programmes.startsOn), sql`${assignments.isLead} DESC`, asc(users.name)),
    db
      .select({
        id: memos.id,
        visitDate: memos.visitDate,
        mode: memos.mode,
        createdAt: memos.createdAt,
        participants: memos.participants,
        contactName: memos.contactName,
        contactTitle: memos.contactTitle,
        businessSituation: memos.businessSituation,
        policiesExplained: memos.policiesExplained,
        nextSteps: memos.nextSteps,
        noRequest: memos.noRequest,
        officerName: sql<string>`${users.name}`.as('officer_name'),
      })
      .from(memos)
      .innerJoin(users, eq(users.id, memos.officerId))
      .where(eq(memos.enterpriseId, id))
      .orderBy(desc(memos.visitDate), desc(memos.createdAt))
      .limit(HISTORY_LIMIT),
    db
      .select({
        id: problems.id,
        code: problems.code,
        category: problems.category,
        description: problems.description,
        raisedOn: problems.raisedOn,
        status: problems.status,
        deadline: problems.deadline,
        extendedDeadline: problems.extendedDeadline,
        closedOn: problems.closedOn,
        resolution: problems.resolution,
        followUp: problems.followUp,
        supervisedOn: problems.supervisedOn,
        leadUnitName: sql<string | null>`${units.name}`.as('lead_unit_name'),
      })
      .from(problems)
      .leftJoin(units, eq(units.id, problems.leadUnitId))
      .where(eq(problems.enterpriseId, id))
      .orderBy(desc(problems.raisedOn), desc(problems.code))
      .limit(HISTORY_LIMIT),
    db
      .select({ ...eventColumns, problemId: problemEvents.problemId, code: problems.code })
      .from(problemEvents)
      .innerJoin(problems, eq(problems.id, problemEvents.problemId))
      .leftJoin(users, eq(users.id, problemEvents.actorId))
      .where(eq(problems.enterpriseId, id))
      .orderBy(desc(problemEvents.at), desc(problemEvents.id))
      .limit(HISTORY_LIMIT),
    memoRevisionsOf(db, { enterpriseId: id }).limit(HISTORY_LIMIT),
    db
      .select({ key: memoPhotos.key, memoId: memoPhotos.memoId })
      .from(memoPhotos)
      .innerJoin(memos, eq(memos.id, memoPhotos.memoId))
      .where(eq(memos.enterpriseId, id))
      .orderBy(asc(memoPhotos.memoId), asc(memoPhotos.position))
      .limit(HISTORY_LIMIT),
  ]);
  const [enterprise] = profile;
  return enterprise
    ? { enterprise, pairings, memos: memoRows, problems: problemRows, events: eventRows, revisions: revisionRows, photos: photoRows }
    : null;
}

export type EnterpriseFile = NonNullable<Awaited<ReturnType<typeof enterpriseFile>>>;

/**
 * The survey rounds (调查批次) the enterprise was drawn for: participation only — name, window and
 * whether it answered — never the answers. For admins only: officers must never learn who was sampled.
 */
export const surveyRounds = (db: Db, enterpriseId: string) =>
  db
    .select({
      id: campaigns.id,
      name: campaigns.name,
      opensAt: campaigns.opensAt,
      closesAt: campaigns.closesAt,
      submitted: sql<boolean>`${isNotNull(invitations.submittedAt)}`.mapWith(Boolean),
    })
    .from(invitations)
    .innerJoin(campaigns, eq(campaigns.id, invitations.campaignId))
    // Only rounds that reached the enterprise: a draft's list is a preview, a voided round never counted.
    .where(and(eq(invitations.enterpriseId, enterpriseId), eq(campaigns.status, 'launched')))
    .orderBy(desc(campaigns.opensAt))
    .all();
