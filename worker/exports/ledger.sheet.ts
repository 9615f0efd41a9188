// 问题台账 with the columns of DESIGN §5, in the order the programme offices' paper ledgers use, as CSV
// and .xlsx (one definition, lib/sheet.ts), with the supervised ledger's (issue 15): the 办结时限 as first
// set (marked when provisional) beside the extended one and its 延期理由 (issue 14), the unit's 责任人
// beside the officer, and a 办理结果 only for a problem that is settled — one reopened by a negative 回访
// carries none. Keyset pages over (raised_on, id) of one programme (index problems_programme_raised_idx).
import { type SQL, sql } from 'drizzle-orm';
import { closedSql } from '../../schema/rules/problem-status';
import type { Db } from '../app-env';
import type { Column, Sheet } from '../lib/sheet';
import type { Period } from '../stats/period';
import { readAll } from '../stats/sql';
import { about, periodNote } from './about';
import { type Cursor, PAGE_ROWS, yesNo, zh } from './format';

export const LEDGER_COLUMNS: readonly Column[] = [
  { header: '问题编号', type: 'code', about: about('ledger.code') },
  { header: '企业名称', type: 'text', about: about('enterprise') },
  { header: '统一社会信用代码', type: 'code', about: about('creditCode') },
  { header: '问题描述', type: 'longText', about: about('ledger.description') },
  { header: '问题类别', type: 'text', about: about('ledger.category') },
  { header: '提出日期', type: 'date', about: about('ledger.raisedOn') },
  { header: '主办单位', type: 'text', about: about('ledger.leadUnit') },
  { header: '协办单位', type: 'text', about: about('ledger.supportUnits') },
  { header: '责任人', type: 'text', about: about('ledger.assignee') },
  { header: '帮扶干部', type: 'text', about: about('ledger.officer') },
  { header: '办结时限', type: 'date', about: about('ledger.deadline') },
  { header: '办结时限是否暂定', type: 'text', about: about('ledger.provisional') },
  { header: '延期后办结时限', type: 'date', about: about('ledger.extendedDeadline') },
  { header: '延期理由', type: 'longText', about: about('ledger.extensionReason') },
  { header: '办理状态', type: 'text', about: about('ledger.status') },
  { header: '办理进展', type: 'longText', about: about('ledger.progress') },
  { header: '办结日期', type: 'date', about: about('ledger.closedOn') },
  { header: '办理结果', type: 'longText', about: about('ledger.resolution') },
  { header: '无法办理说明', type: 'longText', about: about('ledger.unresolvable') },
  { header: '回访日期', type: 'date', about: about('ledger.followUpOn') },
  { header: '回访评价', type: 'text', about: about('ledger.followUp') },
  { header: '是否销号', type: 'text', about: about('ledger.struckOff') },
];
export const LEDGER_HEADER = LEDGER_COLUMNS.map((c) => c.header);

export type LedgerFilter = {
  programmeId: string;
  programmeName: string;
  period: Period;
  status?: string;
  category?: string;
  unit?: string;
  officer?: string;
};

type Row = {
  id: string;
  code: string;
  enterprise: string;
  creditCode: string;
  description: string;
  category: string;
  raisedOn: string;
  leadUnit: string | null;
  supportUnitIds: string;
  assignee: string | null;
  officer: string;
  deadline: string;
  provisional: number;
  extendedDeadline: string | null;
  extensionReason: string;
  status: string;
  progress: string;
  closedOn: string | null;
  resolution: string;
  unresolvableReason: string;
  followUpOn: string | null;
  followUp: string | null;
};

function where(f: LedgerFilter, after: Cursor | null): SQL {
  return sql`p.programme_id = ${f.programmeId} AND p.raised_on BETWEEN ${f.period.from} AND ${f.period.to}
    ${f.status ? sql`AND p.status = ${f.status}` : sql``} ${f.category ? sql`AND p.category = ${f.category}` : sql``}
    ${f.unit ? sql`AND p.lead_unit_id = ${f.unit}` : sql``} ${f.officer ? sql`AND p.officer_id = ${f.officer}` : sql``}
    ${after ? sql`AND p.raised_on >= ${after.at} AND (p.raised_on > ${after.at} OR p.id > ${after.id})` : sql``}`;
}

/** `label` turns a code into its Chinese label through the stats catalogue (stats.cat.*, stats.status.* …). */
const label = (prefix: string, code: string | null) => (code ? zh(`${prefix}.${code}` as 'stats.cat.other') : '');

export async function ledgerSheet(db: Db, f: LedgerFilter): Promise<Sheet<Cursor>> {
  // Units are a handful per programme office: read once, so 协办单位 ids become names without a join per id.
  const [units] = await readAll<[{ id: string; name: string }]>(db, [sql`SELECT id, name FROM units`]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const supportNames = (json: string) => {
    try {
      return (JSON.parse(json) as string[]).map((id) => unitName.get(id) ?? id).join('、');
    } catch {
      return '';
    }
  };
  const narrowed = f.status || f.category || f.unit || f.officer;
  const notes = [periodNote(f.programmeName, f.period, 'export.note.byRaisedOn'), ...(narrowed ? [zh('export.note.narrowed')] : [])];
  const page = async (after: Cursor | null) => {
    const [rows] = await readAll<[Row]>(db, [
      sql`SELECT p.id, p.code, e.name AS enterprise, e.credit_code AS creditCode, p.description, p.category, p.raised_on AS raisedOn,
          u.name AS leadUnit, p.support_unit_ids AS supportUnitIds, a.name AS assignee, o.name AS officer,
          p.deadline, p.deadline_provisional AS provisional, p.extended_deadline AS extendedDeadline,
          p.extension_reason AS extensionReason, p.status, p.progress, p.closed_on AS closedOn,
          CASE WHEN ${sql.raw(closedSql('p'))} THEN p.resolution ELSE '' END AS resolution,
          p.unresolvable_reason AS unresolvableReason, p.follow_up_on AS followUpOn, p.follow_up AS followUp
        FROM problems p JOIN enterprises e ON e.id = p.enterprise_id JOIN users o ON o.id = p.officer_id
          LEFT JOIN units u ON u.id = p.lead_unit_id LEFT JOIN users a ON a.id = p.assignee_id
        WHERE ${where(f, after)} ORDER BY p.raised_on, p.id LIMIT ${PAGE_ROWS}`,
    ]);
    const out = rows.map((p) => [
      p.code,
      p.enterprise,
      p.creditCode,
      p.description,
      label('stats.cat', p.category),
      p.raisedOn,
      p.leadUnit ?? '',
      supportNames(p.supportUnitIds),
      p.assignee ?? '',
      p.officer,
      p.deadline,
      yesNo(p.provisional),
      p.extendedDeadline ?? '',
      p.extendedDeadline ? p.extensionReason : '',
      label('stats.status', p.status),
      p.progress,
      p.closedOn ?? '',
      p.resolution,
      p.unresolvableReason,
      p.followUpOn ?? '',
      label('stats.followUp', p.followUp),
      yesNo(p.status === 'struck_off' ? 1 : 0),
    ]);
    const last = rows.at(-1);
    return { rows: out, next: rows.length === PAGE_ROWS && last ? { at: last.raisedOn, id: last.id } : null };
  };
  return { columns: LEDGER_COLUMNS, notes, page };
}
