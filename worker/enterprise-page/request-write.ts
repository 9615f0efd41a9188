// 提出诉求 (企业直报, issue 16): the enterprise's own request lands in the ledger as 待交办 with source
// 'enterprise' and a provisional 办结时限 (schema/rules/due-date.ts), raised under the enterprise's lead
// officer (who records its 回访 if it does not confirm), with its 'create' event, the audit row, and the
// 待办 of the admins (交办) and of every paired officer — one batch, as a memo's problems are written.
import { and, eq, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { EnterpriseRequestInput } from '../../schema/inputs/problems';
import { problemEvents, problems } from '../../schema/memo-tables';
import { defaultDeadline } from '../../schema/rules/due-date';
import { assignments } from '../../schema/tables';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import { isUniqueViolation } from '../lib/db';
import { newId } from '../lib/tokens';
import { problemCode } from '../problems/codes';
import { calendarFrom, deadlineDefaults } from '../problems/deadlines.queries';
import { todoStatements } from '../problems/todos';
import type { EnterpriseLink } from './links.queries';

/** The officer a request is raised under: the lead pairing, else any pairing of the enterprise in the programme. */
const raisingOfficer = (c: Context<AppEnv>, link: EnterpriseLink) =>
  c
    .get('db')
    .select({ id: assignments.officerId })
    .from(assignments)
    .where(and(eq(assignments.programmeId, link.programmeId), eq(assignments.enterpriseId, link.enterpriseId)))
    .orderBy(sql`${assignments.isLead} DESC`)
    .get();

/** Writes the request; its 问题编号, or null when the enterprise has no officer to raise it under. */
export async function raiseRequest(c: Context<AppEnv>, link: EnterpriseLink, input: EnterpriseRequestInput, today: string) {
  const db = c.get('db');
  const officer = await raisingOfficer(c, link);
  if (!officer) return null;
  const [defaults, calendar] = await Promise.all([deadlineDefaults(db, link.programmeId), calendarFrom(db, today)]);
  const deadline = defaultDeadline(today, input.category, defaults, calendar);
  // A clash of the random 问题编号 is rare: retry with a new one, as the memo write does.
  for (let attempt = 0; ; attempt++) {
    const now = Date.now();
    const id = newId();
    const code = problemCode(today);
    const row = {
      id,
      code,
      memoId: null,
      source: 'enterprise' as const,
      programmeId: link.programmeId,
      enterpriseId: link.enterpriseId,
      officerId: officer.id,
      category: input.category,
      description: input.description,
      contact: input.contact,
      raisedOn: today,
      deadline,
      deadlineProvisional: true,
      status: 'pending' as const,
      updatedAt: now,
    };
    const target = { id, code, enterpriseName: link.enterprise, officerId: officer.id, leadUnitId: null, assigneeId: null, deadline };
    const todos = todoStatements(
      db,
      {
        open: [
          { kind: 'dispatch', to: 'admins' },
          { kind: 'request', to: 'paired' },
        ],
        close: [],
      },
      target,
      { guard: sql`1`, origin: `request:${id}`, now },
    );
    try {
      await db.batch([
        db.insert(problems).values(row),
        db
          .insert(problemEvents)
          .values({ problemId: id, at: now, actorId: null, actorRole: 'enterprise', kind: 'create', toStatus: 'pending' }),
        auditStatement(db, c, { action: 'enterprise_request', objectType: 'problem', objectId: id, detail: { link: link.id } }, now),
        ...todos,
      ]);
      return code;
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 2) throw err;
    }
  }
}
