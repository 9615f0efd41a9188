// The moves of a survey round after its draft (issue 17), each one UPDATE guarded by the state it starts
// from (schema/rules/round-state.ts), so two admins' moves can never both land: the route checks the
// state first for a clear refusal, and the guard settles a race. Each returns the row it changed (none
// when the guard failed); the audit row that follows it reads changes() (auditStatementIfChanged), so
// it is written exactly when the move was. D1 statements, for batches with that audit row.
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { campaigns } from '../../schema/survey-tables';
import type { Db } from '../app-env';
import { d1Of, d1Statement } from '../lib/db';

const launched = (id: string) => and(eq(campaigns.id, id), eq(campaigns.status, 'launched'));
const openAt = (id: string, now: number) => and(launched(id), lte(campaigns.opensAt, now), gt(campaigns.closesAt, now));
const changed = { id: campaigns.id };

/** 发布: the draft goes out, opening at `opensAt` (now or later) and closing as the draft says. */
export const launchRound = (db: Db, id: string, opensAt: number, now: number) =>
  d1Statement(
    db,
    db
      .update(campaigns)
      .set({ status: 'launched', launchedAt: now, opensAt })
      .where(and(eq(campaigns.id, id), eq(campaigns.status, 'draft'), gt(campaigns.closesAt, opensAt)))
      .returning(changed),
  );

/** 提前结束: closes now. The close time is the moment of closing, recorded for the frozen figures. */
export const closeRound = (db: Db, id: string, now: number) =>
  d1Statement(db, db.update(campaigns).set({ closesAt: now }).where(openAt(id, now)).returning(changed));

/** 延长: a later close time, only while open. */
export const extendRound = (db: Db, id: string, closesAt: number, now: number) =>
  d1Statement(
    db,
    db
      .update(campaigns)
      .set({ closesAt })
      .where(and(openAt(id, now), sql`${campaigns.closesAt} < ${closesAt}`))
      .returning(changed),
  );

/**
 * 作废: a draft, or a launched round still open or ahead, while no answer exists — checked in the same
 * statement, so an answer stored a moment before wins and the round can then only be closed. The
 * submission batch stores nothing for a voided round (submit-sql.ts), so the reverse race is settled too.
 */
export const voidRound = (db: Db, id: string, now: number) =>
  d1Statement(
    db,
    db
      .update(campaigns)
      .set({ status: 'void', voidedAt: now })
      .where(
        and(
          eq(campaigns.id, id),
          sql`(${campaigns.status} = 'draft' OR (${campaigns.status} = 'launched' AND ${campaigns.closesAt} > ${now}))`,
          sql`NOT EXISTS (SELECT 1 FROM responses WHERE campaign_id = ${id})`,
        ),
      )
      .returning(changed),
  );

/**
 * 标记已提醒: one reminder row per enterprise not yet answered — all of them (?4 = 1), or those listed
 * in ?5 — while the round is scheduled or open. ?1 round, ?2 now, ?3 by whom.
 */
const REMIND = `INSERT INTO reminders (campaign_id, invitation_id, at, by)
  SELECT i.campaign_id, i.id, ?2, ?3 FROM invitations i JOIN campaigns c ON c.id = i.campaign_id
  WHERE i.campaign_id = ?1 AND i.submitted_at IS NULL AND c.status = 'launched' AND c.closes_at > ?2
    AND (?4 OR i.id IN (SELECT value FROM json_each(?5)))`;

export const remindStatement = (db: Db, id: string, target: { all: boolean; ids: string[] }, by: string | null, now: number) =>
  d1Of(db)
    .prepare(REMIND)
    .bind(id, now, by, target.all ? 1 : 0, JSON.stringify(target.ids));

/** How many rows the guarded update of a batch changed: its RETURNING rows. */
export const changedRows = (result: D1Result | undefined) => result?.results.length ?? 0;
