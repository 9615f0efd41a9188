import { and, asc, desc, eq, exists, isNull, max, sql } from 'drizzle-orm';
import type { RoundInput } from '../../schema/inputs/rounds';
import { onFirstUse } from '../../schema/on-first-use';
import { campaignCounters, campaigns, forms, formVersions, invitations } from '../../schema/survey-tables';
import { assignments, chains, enterprises, programmes, units, users } from '../../schema/tables';
import type { Db } from '../app-env';
import { pageOf } from '../lib/paging';
import type { Candidate, Drawn } from './sampling';

/**
 * Enterprises paired in the programme and not disabled, with the unit of their lead officer (the
 * "unit" stratum), their chain and when they were last invited to any round (for the exclusion window).
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
    .where(eq(invitations.enterpriseId, enterprises.id));
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
  form: sql<string>`${forms.name}`.as('form_name'),
  version: formVersions.version,
  opensAt: campaigns.opensAt,
  closesAt: campaigns.closesAt,
  sampling: campaigns.sampling,
  seed: campaigns.seed,
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

/** The drawn list with each enterprise's contact and status; `pending` keeps the not-yet-answered (for reminders). */
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
    })
    .from(invitations)
    .innerJoin(enterprises, eq(enterprises.id, invitations.enterpriseId))
    .leftJoin(units, eq(units.id, invitations.stratum))
    .leftJoin(chains, eq(chains.id, invitations.stratum))
    .where(and(eq(invitations.campaignId, campaignId), pending ? isNull(invitations.submittedAt) : undefined))
    .orderBy(asc(enterprises.name), asc(invitations.id))
    .all();
export type InvitationRow = Awaited<ReturnType<typeof roundInvitations>>[number];

/** 7 columns per invitation row: 14 rows keep a statement under D1's 100 bound parameters. */
const INVITATION_ROWS_PER_INSERT = 14;

export type NewRound = Omit<RoundInput, 'rule'> & { id: string; sampling: string; createdBy: string | null; createdAt: number };

/**
 * The statements that create a round: the campaign, its counters row and every invitation, for one
 * atomic db.batch. Invitations go in multi-row chunks so a large draw stays well under D1's
 * per-invocation query limit.
 */
export function createRoundStatements(db: Db, round: NewRound, drawn: (Drawn & { invitationId: string; tokenHash: string })[]) {
  const rows = drawn.map((d) => ({
    id: d.invitationId,
    campaignId: round.id,
    enterpriseId: d.id,
    tokenHash: d.tokenHash,
    stratum: d.stratum,
    createdAt: round.createdAt,
  }));
  const chunks = [];
  for (let i = 0; i < rows.length; i += INVITATION_ROWS_PER_INSERT) {
    chunks.push(db.insert(invitations).values(rows.slice(i, i + INVITATION_ROWS_PER_INSERT)));
  }
  return [
    db.insert(campaigns).values(round),
    db.insert(campaignCounters).values({ campaignId: round.id, invited: rows.length }),
    ...chunks,
  ] as const;
}
