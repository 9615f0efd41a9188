// What the enterprise's 我的诉求 page reads (issue 16): its own problems in the link's programme — never
// another enterprise's — with the responsible unit's name only (no person, no phone), the deadline in
// force, and only the 办理进展 notes the handler marked for the enterprise. Never officers' notes, notes
// between units, nor any figure.
import { and, desc, eq, sql } from 'drizzle-orm';
import { problemEvents, problems } from '../../schema/memo-tables';
import { deadlineSql } from '../../schema/rules/due-date';
import { units } from '../../schema/tables';
import type { Db } from '../app-env';

/** The newest problems first; an enterprise has a handful a year. */
const PAGE_LIMIT = 100;

export async function enterpriseProblems(db: Db, programmeId: string, enterpriseId: string) {
  const rows = await db
    .select({
      id: problems.id,
      code: problems.code,
      category: problems.category,
      description: problems.description,
      raisedOn: problems.raisedOn,
      status: problems.status,
      deadline: sql<string>`${sql.raw(deadlineSql('problems'))}`,
      unit: sql<string | null>`CASE WHEN ${problems.status} = 'pending' THEN NULL ELSE ${units.name} END`,
      resolution: problems.resolution,
      unresolvableReason: problems.unresolvableReason,
      followUp: problems.followUp,
      followUpBy: problems.followUpBy,
      followUpOn: problems.followUpOn,
    })
    .from(problems)
    .leftJoin(units, eq(units.id, problems.leadUnitId))
    .where(and(eq(problems.programmeId, programmeId), eq(problems.enterpriseId, enterpriseId)))
    .orderBy(desc(problems.raisedOn), desc(problems.code))
    .limit(PAGE_LIMIT)
    .all();
  const notes = rows.length
    ? await db
        .select({ problemId: problemEvents.problemId, at: problemEvents.at, note: problemEvents.note })
        .from(problemEvents)
        .innerJoin(problems, eq(problems.id, problemEvents.problemId))
        .where(
          and(
            eq(problems.programmeId, programmeId),
            eq(problems.enterpriseId, enterpriseId),
            eq(problemEvents.kind, 'progress'),
            eq(problemEvents.forEnterprise, true),
          ),
        )
        .orderBy(problemEvents.at)
        .all()
    : [];
  return rows.map((r) => ({ ...r, notes: notes.filter((n) => n.problemId === r.id).map(({ at, note }) => ({ at, note })) }));
}
export type EnterpriseProblem = Awaited<ReturnType<typeof enterpriseProblems>>[number];
