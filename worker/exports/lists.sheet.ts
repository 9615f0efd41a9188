// 调查邀请 (a round's drawn list and each link's status) and 帮扶备忘录 as CSV and .xlsx (one definition
// each, lib/sheet.ts), in keyset pages:
// invitations over enterprise_id within the round (unique index invitations_campaign_enterprise_uq),
// memos over (visit_date, id) within the programme (index memos_programme_date_idx).
import { sql } from 'drizzle-orm';
import type { Db } from '../app-env';
import type { Column, Sheet } from '../lib/sheet';
import type { Period } from '../stats/period';
import { readAll } from '../stats/sql';
import { about, chinaTimeNote, periodNote } from './about';
import { type Cursor, PAGE_ROWS, yesNo, zh } from './format';

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

const INVITATION_COLUMNS: readonly Column[] = [
  { header: zh('export.col.enterprise'), type: 'text', about: about('enterprise') },
  { header: zh('export.col.creditCode'), type: 'code', about: about('creditCode') },
  { header: zh('export.col.contact'), type: 'text', about: about('contact') },
  { header: zh('export.col.phone'), type: 'code', about: about('phone') },
  { header: zh('export.col.createdAt'), type: 'datetime', about: about('invitation.createdAt') },
  { header: zh('export.col.openedAt'), type: 'datetime', about: about('invitation.openedAt') },
  { header: zh('export.col.submittedAt'), type: 'datetime', about: about('submittedAt') },
  { header: zh('export.col.status'), type: 'text', about: about('invitation.status') },
];

export function invitationsSheet(db: Db, round: { id: string; name: string }): Sheet<string> {
  const campaignId = round.id;
  return {
    columns: INVITATION_COLUMNS,
    notes: [zh('export.note.round', { round: round.name }), chinaTimeNote()],
    page: async (after) => {
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
        r.createdAt,
        r.openedAt,
        r.submittedAt,
        invitationStatus(r),
      ]);
      return { rows: out, next: rows.length === PAGE_ROWS ? (rows.at(-1)?.enterpriseId ?? null) : null };
    },
  };
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

const MEMO_COLUMNS: readonly Column[] = [
  { header: zh('export.col.memo'), type: 'code', about: about('memo.id') },
  { header: zh('export.col.enterprise'), type: 'text', about: about('enterprise') },
  { header: zh('export.col.creditCode'), type: 'code', about: about('creditCode') },
  { header: zh('export.col.officer'), type: 'text', about: about('officer') },
  { header: zh('export.col.unit'), type: 'text', about: about('unit') },
  { header: zh('export.col.visitDate'), type: 'date', about: about('memo.visitDate') },
  { header: zh('export.col.mode'), type: 'text', about: about('memo.mode') },
  { header: zh('export.col.participants'), type: 'text', about: about('memo.participants') },
  { header: zh('export.col.contact'), type: 'text', about: about('contact') },
  { header: zh('export.col.contactTitle'), type: 'text', about: about('memo.contactTitle') },
  { header: zh('export.col.business'), type: 'longText', about: about('memo.business') },
  { header: zh('export.col.policies'), type: 'longText', about: about('memo.policies') },
  { header: zh('export.col.nextSteps'), type: 'longText', about: about('memo.nextSteps') },
  { header: zh('export.col.noRequest'), type: 'text', about: about('memo.noRequest') },
  { header: zh('export.col.createdAt'), type: 'datetime', about: about('memo.createdAt') },
];

export function memosSheet(db: Db, programme: { id: string; name: string }, period: Period): Sheet<Cursor> {
  const programmeId = programme.id;
  return {
    columns: MEMO_COLUMNS,
    notes: [periodNote(programme.name, period, 'export.note.byVisitDate'), chinaTimeNote()],
    page: async (after) => {
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
        m.createdAt,
      ]);
      const last = rows.at(-1);
      return { rows: out, next: rows.length === PAGE_ROWS && last ? { at: last.visitDate, id: last.id } : null };
    },
  };
}
