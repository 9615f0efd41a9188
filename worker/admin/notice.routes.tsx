// 督办通知单 (issue 15): a printable A4 notice to one unit listing its overdue and supervised open
// problems, signed with the issuing office of the programme running today (programmes.issuing_office,
// else the catalogue's name of the coordination office) and the date. Admin-only (mounted under /admin).
import { and, asc, eq, or, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { problems } from '../../schema/memo-tables';
import { chinaToday } from '../../schema/rules/china-time';
import { deadlineSql } from '../../schema/rules/due-date';
import { enterprises, programmes, units } from '../../schema/tables';
import { NoticePage } from '../../web/pages/problems/notice';
import type { AppEnv } from '../app-env';
import { notFound } from '../lib/errors';
import { render } from '../lib/render';
import { openSql, overdueSql } from '../problems/overdue';
import { currentProgramme } from './programmes.queries';

export const noticeRoutes = new Hono<AppEnv>();

noticeRoutes.get('/:id{[0-9a-f-]{36}}', async (c) => {
  const db = c.get('db');
  const today = chinaToday();
  const unit = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(eq(units.id, c.req.param('id')))
    .get();
  if (!unit) throw notFound();
  const current = await currentProgramme(db, today);
  const [rows, issuer] = await Promise.all([
    db
      .select({
        id: problems.id,
        code: problems.code,
        description: problems.description,
        raisedOn: problems.raisedOn,
        due: sql<string>`${sql.raw(deadlineSql('problems'))}`.as('due'),
        supervisedOn: problems.supervisedOn,
        superviseNote: problems.superviseNote,
        superviseBy: problems.superviseBy,
        enterpriseName: enterprises.name,
      })
      .from(problems)
      .innerJoin(enterprises, eq(enterprises.id, problems.enterpriseId))
      .where(and(eq(problems.leadUnitId, unit.id), openSql, or(overdueSql(today), sql`${problems.supervisedOn} IS NOT NULL`)))
      .orderBy(sql`${problems.supervisedOn} IS NULL`, asc(sql`due`), asc(problems.code))
      .all(),
    db
      .select({ office: programmes.issuingOffice })
      .from(programmes)
      .where(eq(programmes.id, current?.id ?? ''))
      .get(),
  ]);
  const office = issuer?.office || c.get('t')('notice.officeName');
  return render(c, <NoticePage unit={unit.name} rows={rows} today={today} office={office} />);
});
