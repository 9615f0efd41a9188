// 问题台账 with the columns of DESIGN §5, in the order the programme offices' paper ledgers use, as CSV
// and .xlsx (one definition, lib/sheet.ts). Keyset pages over (raised_on, id) of one programme (index
// problems_programme_raised_idx).
import { type SQL, sql } from 'drizzle-orm';
import { deadlineSql } from '../../schema/rules/due-date';
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
  { header: '责任人', type: 'text', about: about('ledger.officer') },
  { header: '办结时限', type: 'date', about: about('ledger.deadline') },
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
  officer: string;
  deadline: string | null;
  status: string;
  progress: string;
  closedOn: string | null;
  resolution: string;
  unresolvableReason: string;
  followUpOn: string | null;
  followUp: string | null;
  struckOff: number;
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
          u.name AS leadUnit, p.support_unit_ids AS supportUnitIds, o.name AS officer,
          ${sql.raw(deadlineSql('p'))} AS deadline, p.status, p.progress, p.closed_on AS closedOn, p.resolution,
          p.unresolvable_reason AS unresolvableReason, p.follow_up_on AS followUpOn, p.follow_up AS followUp, p.struck_off AS struckOff
        FROM problems p JOIN enterprises e ON e.id = p.enterprise_id JOIN users o ON o.id = p.officer_id
          LEFT JOIN units u ON u.id = p.lead_unit_id
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
      p.officer,
      p.deadline ?? '',
      label('stats.status', p.status),
      p.progress,
      p.closedOn ?? '',
      p.resolution,
      p.unresolvableReason,
      p.followUpOn ?? '',
      label('stats.followUp', p.followUp),
      yesNo(p.struckOff),
    ]);
    const last = rows.at(-1);
    return { rows: out, next: rows.length === PAGE_ROWS && last ? { at: last.raisedOn, id: last.id } : null };
  };
  return { columns: LEDGER_COLUMNS, notes, page };
}
