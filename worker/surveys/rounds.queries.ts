// Reads of the survey rounds (调查批次) for the admin pages: the drizzle builder, as everywhere off the hot
// paths. What a round may do next is schema/rules/round-state.ts; the writes are round-draw.ts and
// round-moves.queries.ts.
import { and, asc, desc, eq, exists, inArray, isNull, max, sql } from 'drizzle-orm';
import { onFirstUse } from '../../schema/on-first-use';
import { campaignCounters, campaigns, forms, formVersions, invitations, reminders, responses } from '../../schema/survey-tables';
import { assignments, auditLog, chains, enterprises, programmes, units, users } from '../../schema/tables';
import type { Db } from '../app-env';
import { pageOf } from '../lib/paging';
import type { Candidate } from './sampling';

/**
 * Enterprises paired in the programme and not disabled, with the unit of their lead officer (the
 * "unit" stratum), their chain and when they were last invited to a round that went out (drafts and
 * voided rounds never reached them), for the exclusion window.
 */
export function roundCandidates(db: Db, programmeId: string): Promise<Candidate[]> {
  const lead = db
    .select({ unitId: users.unitId })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.officerId))
    .where(and(eq(assignments.programmeId, programmeId), eq(assignments.enterpriseId, enterprises.id), eq(assignments.isLead, true)));
  const paired = db
    .select({ one: sql`1` })
    .from(assignments)
    .where(and(eq(assignments.programmeId, programmeId), eq(assignments.enterpriseId, enterprises.id)));
  const lastInvited = db
    .select({ at: max(invitations.createdAt) })
    .from(invitations)
    .innerJoin(campaigns, eq(campaigns.id, invitations.campaignId))
    .where(and(eq(invitations.enterpriseId, enterprises.id), eq(campaigns.status, 'launched')));
  return db
    .select({
      id: enterprises.id,
      chainId: enterprises.chainId,
      unitId: sql<string | null>`${lead}`,
      lastInvitedAt: sql<number | null>`${lastInvited}`,
    })
    .from(enterprises)
    .where(and(eq(enterprises.disabled, false), exists(paired)))
    .all();
}

/** Published survey form versions, the only ones a round may use (a published version never changes). */
export const publishedVersions = (db: Db) =>
  db
    .select({ id: formVersions.id, name: forms.name, version: formVersions.version, definition: formVersions.definition })
    .from(formVersions)
    .innerJoin(forms, eq(forms.id, formVersions.formId))
    .where(and(eq(formVersions.status, 'published'), eq(forms.kind, 'survey'), eq(forms.disabled, false)))
    .orderBy(asc(forms.name), desc(formVersions.version))
    .all();

// Every selected column has its own name: drizzle maps D1 batch results by position after reading them
// as objects, so two columns both called "name" would shift every value after them (pageOf batches).
const roundColumns = onFirstUse(() => ({
  id: campaigns.id,
  name: campaigns.name,
  programmeId: campaigns.programmeId,
  programme: sql<string>`${programmes.name}`.as('programme_name'),
  issuingOffice: programmes.issuingOffice,
  helpPhone: programmes.helpPhone,
  formVersionId: campaigns.formVersionId,
  form: sql<string>`${forms.name}`.as('form_name'),
  version: formVersions.version,
  status: campaigns.status,
  opensAt: campaigns.opensAt,
  closesAt: campaigns.closesAt,
  sampling: campaigns.sampling,
  seed: campaigns.seed,
  seedCount: campaigns.seedCount,
  drawnAt: campaigns.drawnAt,
  launchedAt: campaigns.launchedAt,
  voidedAt: campaigns.voidedAt,
  createdAt: campaigns.createdAt,
  invited: sql<number>`coalesce(${campaignCounters.invited}, 0)`.as('invited'),
  opened: sql<number>`coalesce(${campaignCounters.opened}, 0)`.as('opened'),
  submitted: sql<number>`coalesce(${campaignCounters.submitted}, 0)`.as('submitted'),
}));

const roundsQuery = (db: Db) =>
  db
    .select(roundColumns)
    .from(campaigns)
    .innerJoin(programmes, eq(programmes.id, campaigns.programmeId))
    .innerJoin(formVersions, eq(formVersions.id, campaigns.formVersionId))
    .innerJoin(forms, eq(forms.id, formVersions.formId))
    .leftJoin(campaignCounters, eq(campaignCounters.campaignId, campaigns.id));

/** Newest first; the counters come from the rollup row, never from counting invitations. */
export const listRounds = (db: Db, page: number) =>
  pageOf<Round>(
    db,
    page,
    (limit, offset) => roundsQuery(db).orderBy(desc(campaigns.opensAt), desc(campaigns.createdAt)).limit(limit).offset(offset),
    campaigns,
    undefined,
  );

export const readRound = (db: Db, id: string) => roundsQuery(db).where(eq(campaigns.id, id)).get();
export type Round = NonNullable<Awaited<ReturnType<typeof readRound>>>;

/** Whether anyone has answered the round: from then on it can only be closed, never voided. */
export const hasAnswers = async (db: Db, campaignId: string) =>
  !!(await db.select({ id: responses.id }).from(responses).where(eq(responses.campaignId, campaignId)).limit(1).get());

/**
 * The drawn list with each enterprise's contact, status and reminders; `pending` keeps the
 * not-yet-answered (the reminder list). The reminder figures read reminders_campaign_invitation_idx.
 */
export const roundInvitations = (db: Db, campaignId: string, pending = false) =>
  db
    .select({
      id: invitations.id,
      enterprise: enterprises.name,
      creditCode: enterprises.creditCode,
      contactName: enterprises.contactName,
      contactPhone: enterprises.contactPhone,
      stratum: sql<string | null>`coalesce(${units.name}, ${chains.name})`,
      createdAt: invitations.createdAt,
      openedAt: invitations.openedAt,
      submittedAt: invitations.submittedAt,
      reminded: sql<number>`(SELECT count(*) FROM ${reminders} r WHERE r.campaign_id = ${campaignId} AND r.invitation_id = ${invitations.id})`,
      remindedAt: sql<
        number | null
      >`(SELECT max(r.at) FROM ${reminders} r WHERE r.campaign_id = ${campaignId} AND r.invitation_id = ${invitations.id})`,
    })
    .from(invitations)
    .innerJoin(enterprises, eq(enterprises.id, invitations.enterpriseId))
    .leftJoin(units, eq(units.id, invitations.stratum))
    .leftJoin(chains, eq(chains.id, invitations.stratum))
    .where(and(eq(invitations.campaignId, campaignId), pending ? isNull(invitations.submittedAt) : undefined))
    .orderBy(asc(enterprises.name), asc(invitations.id))
    .all();
export type InvitationRow = Awaited<ReturnType<typeof roundInvitations>>[number];

/** One invitation of a round, for its own link and QR page. */
export const readInvitation = (db: Db, campaignId: string, id: string) =>
  db
    .select({ id: invitations.id, enterprise: enterprises.name, submittedAt: invitations.submittedAt })
    .from(invitations)
    .innerJoin(enterprises, eq(enterprises.id, invitations.enterpriseId))
    .where(and(eq(invitations.campaignId, campaignId), eq(invitations.id, id)))
    .get();

/** The audit actions of a round's moves, shown on its page with their reasons. */
export const ROUND_MOVE_ACTIONS = ['create', 'edit', 'reseed', 'launch', 'close', 'extend', 'void'] as const;

/** A round's moves as the audit log has them (reasons included), oldest first (audit_log_object_idx). */
export const roundHistory = (db: Db, campaignId: string) =>
  db
    .select({ at: auditLog.at, action: auditLog.action, detail: auditLog.detail, actor: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.objectType, 'campaign'), eq(auditLog.objectId, campaignId), inArray(auditLog.action, [...ROUND_MOVE_ACTIONS])))
    .orderBy(asc(auditLog.id))
    .all();
export type HistoryRow = Awaited<ReturnType<typeof roundHistory>>[number];
