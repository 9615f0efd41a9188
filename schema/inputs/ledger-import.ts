// An office's existing 台账 imported as history (issue 21): the columns, in the words of the programme's
// 工作任务落实分解台账 (企业名称, 统一社会信用代码, 问题类别, 问题描述, 提出日期, 主办单位, 协办单位, 办结时限,
// 办理状态, 办结日期, 办理结果, 回访结果), and the schema of one row with the fields each state requires
// (schema/memo-tables.ts PROBLEM_STATUSES). Category, state and 回访 are written as the ledger shows them
// (资金融资, 已办结, 满意); the English codes are accepted too.
import * as z from 'zod';
import { translator } from '../../web/i18n';
import { FOLLOW_UPS, PROBLEM_CATEGORIES, PROBLEM_STATUSES } from '../memo-tables';
import { onFirstUse } from '../on-first-use';
import { creditCode, isoDate } from './fields';
import { type ColumnSpec, enterpriseCommit } from './imports';

export const LEDGER_COLUMNS = [
  { key: 'creditCode', zh: '统一社会信用代码', en: 'credit_code', hint: 'import.hint.creditCode', required: true, text: true },
  { key: 'enterpriseName', zh: '企业名称', en: 'enterprise_name', hint: 'import.hint.enterpriseName' },
  { key: 'category', zh: '问题类别', en: 'category', hint: 'import.hint.category', required: true },
  { key: 'description', zh: '问题描述', en: 'description', hint: 'import.hint.description', required: true },
  { key: 'raisedOn', zh: '提出日期', en: 'raised_on', hint: 'import.hint.raisedOn', required: true },
  { key: 'officerLogin', zh: '帮扶干部账号', en: 'officer_login', hint: 'import.hint.ledgerOfficer' },
  { key: 'leadUnit', zh: '主办单位', en: 'lead_unit', hint: 'import.hint.leadUnit' },
  { key: 'supportUnits', zh: '协办单位', en: 'support_units', hint: 'import.hint.supportUnits' },
  { key: 'deadline', zh: '办结时限', en: 'deadline', hint: 'import.hint.deadline', required: true },
  { key: 'status', zh: '办理状态', en: 'status', hint: 'import.hint.status', required: true },
  { key: 'progress', zh: '办理进展', en: 'progress', hint: 'import.hint.optional' },
  { key: 'closedOn', zh: '办结日期', en: 'closed_on', hint: 'import.hint.closedOn' },
  { key: 'resolution', zh: '办理结果', en: 'resolution', hint: 'import.hint.resolution' },
  { key: 'followUp', zh: '回访结果', en: 'follow_up', hint: 'import.hint.followUp' },
] as const satisfies readonly ColumnSpec[];

type Status = (typeof PROBLEM_STATUSES)[number];
/** Ended states: they carry the 办结日期 (closed_on). */
export const ENDED: readonly Status[] = ['closed', 'struck_off', 'unresolved'];
/** States that need the 办理结果 — the resolution, or for 无法办理 the explanation. */
const EXPLAINED: readonly Status[] = ['closed', 'struck_off', 'unresolvable', 'unresolved'];

let zh: ReturnType<typeof translator> | undefined;
const zhLabel = (key: string) => {
  zh ??= translator('zh');
  return zh(key as never);
};
/** A ledger's word for a value (its Chinese label) or the English code, to the code. */
const choice = <T extends string>(codes: readonly T[], prefix: string, message: string) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      const found = codes.find((c) => c === v.toLowerCase() || zhLabel(`${prefix}.${c}`) === v);
      if (found) return found;
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    });

/** Dates as ledgers write them: 2026-03-05, 2026/3/5, 2026.3.5 or 2026年3月5日, to 'YYYY-MM-DD'. */
const ledgerDate = onFirstUse(() =>
  z
    .string()
    .trim()
    .transform((v) =>
      v.replace(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/, (_, y, m, d) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`),
    )
    .pipe(isoDate),
);
const optionalDate = onFirstUse(() => z.union([z.literal('').transform(() => null), ledgerDate]));
const oneLine = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .pipe(z.string().max(max));
const longText = (max: number) => z.string().trim().max(max);

/** 协办单位: names separated by 、 , ， ; ； or line breaks. */
const unitNames = onFirstUse(() =>
  oneLine(300).transform((v) =>
    v
      .split(/[、,，;；]/)
      .map((s) => s.trim())
      .filter(Boolean),
  ),
);

export const ledgerRow = onFirstUse(() =>
  z
    .strictObject({
      creditCode: z.string().trim().min(1, 'err.required').pipe(creditCode),
      enterpriseName: oneLine(100).optional(),
      category: choice(PROBLEM_CATEGORIES, 'problem.category', 'import.err.category'),
      description: longText(1000).pipe(z.string().min(1, 'err.required')),
      raisedOn: ledgerDate,
      officerLogin: oneLine(64).optional(),
      leadUnit: oneLine(60).optional(),
      supportUnits: unitNames.optional(),
      deadline: ledgerDate,
      status: choice(PROBLEM_STATUSES, 'problem.status', 'import.err.status'),
      progress: longText(1000).optional(),
      closedOn: optionalDate.optional(),
      resolution: longText(1000).optional(),
      followUp: z.union([z.literal('').transform(() => null), choice(FOLLOW_UPS, 'problem.followUp', 'import.err.followUp')]).optional(),
    })
    .superRefine((row, ctx) => {
      const at = (key: keyof typeof row, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
      const { status } = row;
      if (row.deadline < row.raisedOn) at('deadline', 'import.err.deadlineBeforeRaised');
      if (status !== 'pending' && !row.leadUnit) at('leadUnit', 'import.err.leadUnitRequired');
      if (row.leadUnit && row.supportUnits?.includes(row.leadUnit)) at('supportUnits', 'problem.err.leadIsSupport');
      if (ENDED.includes(status) && !row.closedOn) at('closedOn', 'import.err.closedOnRequired');
      if (!ENDED.includes(status) && row.closedOn) at('closedOn', 'import.err.closedOnOpen');
      if (row.closedOn && row.closedOn < row.raisedOn) at('closedOn', 'import.err.closedBeforeRaised');
      if (EXPLAINED.includes(status) && !row.resolution) at('resolution', 'import.err.resolutionRequired');
      // 回访 comes after 办结; 销号 only after a 回访 that is not 不满意, and a 不满意 one sends the problem back (issue 15).
      const followUp = row.followUp ?? null;
      if (followUp && status !== 'closed' && status !== 'struck_off') at('followUp', 'import.err.followUpNotClosed');
      if (status === 'struck_off' && (followUp === null || followUp === 'unsatisfied')) at('followUp', 'import.err.followUpStrikeOff');
      if (status === 'closed' && followUp === 'unsatisfied') at('followUp', 'import.err.followUpUnsatisfied');
    }),
);
export type LedgerRow = z.output<typeof ledgerRow>;

/**
 * The identity of a 台账 row, so that importing the same file again adds nothing: the enterprise, the
 * 提出日期 and the 问题描述 (whitespace collapsed). Ledgers seldom carry a stable number of their own, and a
 * 序号 is renumbered whenever rows are sorted or deleted; the same problem of the same enterprise raised on
 * the same day is one problem. State and dates are left out on purpose: a later copy of the 台账 with
 * updated states must not import the same problems twice. Stored as problems.import_key (migration 0028).
 */
export const ledgerIdentity = (row: Pick<LedgerRow, 'creditCode' | 'raisedOn' | 'description'>) =>
  `${row.creditCode}\n${row.raisedOn}\n${row.description.replace(/\s+/g, ' ')}`;

export const ledgerUpload = onFirstUse(() => z.strictObject({}));
/** The confirm form: the checked rows sent back, as for enterprises (the programme is today's, read again). */
export const ledgerCommit = enterpriseCommit;
