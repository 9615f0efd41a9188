// 调查邀请 (a round's drawn list and each link's status) and 帮扶备忘录 as CSV, in keyset pages:
// invitations over enterprise_id within the round (unique index invitations_campaign_enterprise_uq),
// memos over (visit_date, id) within the programme (index memos_programme_date_idx).
import { sql } from 'drizzle-orm';
import type { Db } from '../app-env';
import { csvStream } from '../lib/csv-write';
import type { Period } from '../stats/period';
import { readAll } from '../stats/sql';
import { type Cursor, chinaTime, PAGE_ROWS, yesNo, zh } from './format';

type InvitationRow = {
  enterpriseId: string;
  enterprise: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  createdAt: number;
  openedAt: number | null;
  submittedAt: number | null;
};

const invitationStatus = (r: InvitationRow) =>
  zh(r.submittedAt ? 'export.inv.submitted' : r.openedAt ? 'export.inv.opened' : 'export.inv.notOpened');

export function invitationsCsv(db: Db, campaignId: string) {
  const header = [
    'export.col.enterprise',
    'export.col.creditCode',
    'export.col.contact',
    'export.col.phone',
    'export.col.createdAt',
    'export.col.openedAt',
    'export.col.submittedAt',
    'export.col.status',
  ] as const;
  return csvStream<string>(
    header.map((k) => zh(k)),
    async (after) => {
      const [rows] = await readAll<[InvitationRow]>(db, [
        sql`SELECT i.enterprise_id AS enterpriseId, e.name AS enterprise, e.credit_code AS creditCode, e.contact_name AS contactName,
            e.contact_phone AS contactPhone, i.created_at AS createdAt, i.opened_at AS openedAt, i.submitted_at AS submittedAt
          FROM invitations i JOIN enterprises e ON e.id = i.enterprise_id
          WHERE i.campaign_id = ${campaignId} ${after ? sql`AND i.enterprise_id > ${after}` : sql``}
          ORDER BY i.enterprise_id LIMIT ${PAGE_ROWS}`,
      ]);
      const out = rows.map((r) => [
        r.enterprise,
        r.creditCode,
        r.contactName,
        r.contactPhone,
        chinaTime(r.createdAt),
        chinaTime(r.openedAt),
        chinaTime(r.submittedAt),
        invitationStatus(r),
      ]);
      return { rows: out, next: rows.length === PAGE_ROWS ? (rows.at(-1)?.enterpriseId ?? null) : null };
    },
  );
}

type MemoRow = {
  id: string;
  enterprise: string;
  creditCode: string;
  officer: string;
  unit: string | null;
  visitDate: string;
  mode: string;
  participants: string;
  contactName: string;
  contactTitle: string;
  businessSituation: string;
  policiesExplained: string;
  nextSteps: string;
  noRequest: number;
  createdAt: number;
};

export function memosCsv(db: Db, programmeId: string, period: Period) {
  const header = [
    'export.col.memo',
    'export.col.enterprise',
    'export.col.creditCode',
    'export.col.officer',
    'export.col.unit',
    'export.col.visitDate',
    'export.col.mode',
    'export.col.participants',
    'export.col.contact',
    'export.col.contactTitle',
    'export.col.business',
    'export.col.policies',
    'export.col.nextSteps',
    'export.col.noRequest',
    'export.col.createdAt',
  ] as const;
  return csvStream<Cursor>(
    header.map((k) => zh(k)),
    async (after) => {
      const [rows] = await readAll<[MemoRow]>(db, [
        sql`SELECT m.id, e.name AS enterprise, e.credit_code AS creditCode, o.name AS officer, u.name AS unit, m.visit_date AS visitDate,
            m.mode, m.participants, m.contact_name AS contactName, m.contact_title AS contactTitle, m.business_situation AS businessSituation,
            m.policies_explained AS policiesExplained, m.next_steps AS nextSteps, m.no_request AS noRequest, m.created_at AS createdAt
          FROM memos m JOIN enterprises e ON e.id = m.enterprise_id JOIN users o ON o.id = m.officer_id LEFT JOIN units u ON u.id = o.unit_id
          WHERE m.programme_id = ${programmeId} AND m.visit_date BETWEEN ${period.from} AND ${period.to}
            ${after ? sql`AND m.visit_date >= ${after.at} AND (m.visit_date > ${after.at} OR m.id > ${after.id})` : sql``}
          ORDER BY m.visit_date, m.id LIMIT ${PAGE_ROWS}`,
      ]);
      const out = rows.map((m) => [
        m.id,
        m.enterprise,
        m.creditCode,
        m.officer,
        m.unit ?? '',
        m.visitDate,
        zh(`stats.mode.${m.mode}` as 'stats.mode.onsite'),
        m.participants,
        m.contactName,
        m.contactTitle,
        m.businessSituation,
        m.policiesExplained,
        m.nextSteps,
        yesNo(m.noRequest),
        chinaTime(m.createdAt),
      ]);
      const last = rows.at(-1);
      return { rows: out, next: rows.length === PAGE_ROWS && last ? { at: last.visitDate, id: last.id } : null };
    },
  );
}
