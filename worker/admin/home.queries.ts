// The admin home's live numbers (issue 17): rounds open now with their response rates, and the ledger's
// queues. Counts read indexes only — problems_status_deadline_idx for 待交办 and 逾期, the partial
// problems_awaiting_strike_off_idx for 待销号 — so the page stays cheap at 100 k problems (DESIGN §8).
// The supervised ledger's own summaries (待办, overdue per unit, what needs attention) are
// worker/problems/todo-list.queries.ts.
import { and, asc, count, eq, gt, lte, sql } from 'drizzle-orm';
import { problems } from '../../schema/memo-tables';
import { campaignCounters, campaigns } from '../../schema/survey-tables';
import { programmes } from '../../schema/tables';
import type { Db } from '../app-env';
import { overdueSql } from '../problems/overdue';

export type OpenRound = {
  id: string;
  name: string;
  programme: string;
  closesAt: number;
  invited: number;
  opened: number;
  submitted: number;
};
export type AdminNumbers = {
  open: OpenRound[];
  drafts: number;
  scheduled: number;
  pending: number;
  awaitingStrikeOff: number;
  overdue: number;
};

/** Open rounds shown on the home page, closing soonest first. */
const OPEN_ROUNDS = 20;

export async function adminNumbers(db: Db, now: number, today: string): Promise<AdminNumbers> {
  const counters = (col: 'invited' | 'opened' | 'submitted') => sql<number>`coalesce(${campaignCounters[col]}, 0)`.as(col);
  const [open, rounds, [pending], [strikeOff], [overdue]] = await db.batch([
    db
      .select({
        id: campaigns.id,
        name: campaigns.name,
        programme: sql<string>`${programmes.name}`.as('programme_name'),
        closesAt: campaigns.closesAt,
        invited: counters('invited'),
        opened: counters('opened'),
        submitted: counters('submitted'),
      })
      .from(campaigns)
      .innerJoin(programmes, eq(programmes.id, campaigns.programmeId))
      .leftJoin(campaignCounters, eq(campaignCounters.campaignId, campaigns.id))
      .where(and(eq(campaigns.status, 'launched'), lte(campaigns.opensAt, now), gt(campaigns.closesAt, now)))
      .orderBy(asc(campaigns.closesAt))
      .limit(OPEN_ROUNDS),
    db
      .select({
        drafts: sql<number>`coalesce(sum(${campaigns.status} = 'draft'), 0)`,
        scheduled: sql<number>`coalesce(sum(${campaigns.status} = 'launched' AND ${campaigns.opensAt} > ${now}), 0)`,
      })
      .from(campaigns),
    db.select({ n: count() }).from(problems).where(eq(problems.status, 'pending')),
    // INDEXED BY: without statistics SQLite picks (status, deadline) and reads every closed problem.
    db
      .select({ n: count() })
      .from(sql`problems INDEXED BY problems_awaiting_strike_off_idx`)
      .where(sql`status = 'closed' AND follow_up IN ('satisfied', 'basically')`),
    db.select({ n: count() }).from(problems).where(overdueSql(today)),
  ]);
  return {
    open,
    drafts: rounds[0]?.drafts ?? 0,
    scheduled: rounds[0]?.scheduled ?? 0,
    pending: pending?.n ?? 0,
    awaitingStrikeOff: strikeOff?.n ?? 0,
    overdue: overdue?.n ?? 0,
  };
}
