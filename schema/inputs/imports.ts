// Imports (批量导入) from .xlsx or CSV: the columns each file may have and the schema of one row. Every
// cell arrives as a string; a blank optional cell means "empty" (or the column's default), while a
// column missing from the file leaves that field of existing records as it is — hence `.optional()`
// on those keys. Adding a kind of import (the 台账 of problems, unit handlers) is one more list of
// columns and row schema here and one planner beside worker/admin/import.queries.ts.
import * as z from 'zod';
import { onFirstUse } from '../on-first-use';
import { SECTORS, type Sector } from '../tables';
import { creditCode, idRef, phone } from './fields';
import { login } from './officers';

/**
 * A column of an import file: its Chinese header, the English alias also accepted, and the row key.
 * `text`: a code a spreadsheet must hold as text — stored as a number, Excel keeps 15 digits and the
 * rest is already lost, so such a cell is refused rather than read. `hint`: the catalogue key of what
 * the column takes, shown on the import page and in the .xlsx template.
 */
export type ColumnSpec = { key: string; zh: string; en: string; hint: string; required?: boolean; text?: boolean };

export const ENTERPRISE_COLUMNS = [
  { key: 'name', zh: '企业名称', en: 'name', hint: 'import.hint.name', required: true },
  { key: 'creditCode', zh: '统一社会信用代码', en: 'credit_code', hint: 'import.hint.creditCode', required: true, text: true },
  { key: 'region', zh: '所属区域', en: 'region', hint: 'import.hint.region' },
  { key: 'chain', zh: '产业链', en: 'chain', hint: 'import.hint.chain' },
  { key: 'sector', zh: '行业类别', en: 'sector', hint: 'import.hint.sector' },
  { key: 'aboveScale', zh: '是否规上', en: 'above_scale', hint: 'import.hint.yesNo' },
  { key: 'contactName', zh: '联系人', en: 'contact_name', hint: 'import.hint.optional' },
  { key: 'contactPhone', zh: '联系电话', en: 'contact_phone', hint: 'import.hint.optional' },
] as const satisfies readonly ColumnSpec[];

export const ASSIGNMENT_COLUMNS = [
  { key: 'creditCode', zh: '统一社会信用代码', en: 'credit_code', hint: 'import.hint.creditCode', required: true, text: true },
  { key: 'officerLogin', zh: '帮扶干部账号', en: 'officer_login', hint: 'import.hint.officerLogin', required: true },
  { key: 'unit', zh: '帮扶单位', en: 'unit', hint: 'import.hint.unit' },
  { key: 'lead', zh: '是否牵头', en: 'lead', hint: 'import.hint.lead' },
] as const satisfies readonly ColumnSpec[];

/** 帮扶干部 in bulk: new accounts by login, each with a one-time link to choose a password. */
export const OFFICER_COLUMNS = [
  { key: 'login', zh: '账号', en: 'login', hint: 'import.hint.login', required: true },
  { key: 'name', zh: '姓名', en: 'name', hint: 'import.hint.officerName', required: true },
  { key: 'unit', zh: '帮扶单位', en: 'unit', hint: 'import.hint.officerUnit', required: true },
  { key: 'phone', zh: '联系电话', en: 'phone', hint: 'import.hint.optional' },
] as const satisfies readonly ColumnSpec[];

/** Rows per file: a city's whole list fits, and one commit stays one D1 batch of modest size. */
export const MAX_IMPORT_ROWS = 5000;
/** Bytes per uploaded file, .xlsx or CSV. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The sector names written in files (行业类别); the English codes are accepted too. */
export const SECTOR_NAMES: Record<Sector, string> = { drug: '药品', device: '医疗器械', cosmetic: '化妆品', other: '其他' };

/** Collapses whitespace runs (a line break inside a quoted cell included) to one space: these are one-line fields. */
const oneLine = onFirstUse(() => z.string().transform((s) => s.replace(/\s+/g, ' ').trim()));
const cell = (max: number) => oneLine.pipe(z.string().max(max));
const requiredCell = (max: number) => oneLine.pipe(z.string().min(1, 'err.required').max(max));
const requiredCode = onFirstUse(() => z.string().trim().min(1, 'err.required').pipe(creditCode));

const YES = ['是', 'y', 'yes', '1', 'true'];
const NO = ['否', 'n', 'no', '0', 'false', ''];
const yesNo = onFirstUse(() =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => YES.includes(v) || NO.includes(v), 'import.err.yesNo')
    .transform((v) => YES.includes(v)),
);

const sector = onFirstUse(() =>
  z
    .string()
    .trim()
    .toLowerCase()
    .transform((v, ctx) => {
      const found = v === '' ? 'other' : SECTORS.find((s) => s === v || SECTOR_NAMES[s] === v);
      if (found) return found;
      ctx.addIssue({ code: 'custom', message: 'import.err.sector' });
      return z.NEVER;
    }),
);

export const enterpriseRow = onFirstUse(() =>
  z.strictObject({
    name: requiredCell(100),
    creditCode: requiredCode,
    region: cell(50).optional(),
    /** 产业链 by name; resolved against the chains table by the import. */
    chain: cell(60).optional(),
    sector: sector.optional(),
    aboveScale: yesNo.optional(),
    contactName: cell(50).optional(),
    contactPhone: phone.unwrap().optional(),
  }),
);
export type EnterpriseRow = z.output<typeof enterpriseRow>;

export const assignmentRow = onFirstUse(() =>
  z.strictObject({
    creditCode: requiredCode,
    officerLogin: requiredCell(64),
    /** 帮扶单位 by name: a cross-check that the officer is the one the list meant. */
    unit: cell(60).optional(),
    lead: yesNo.optional(),
  }),
);
export type AssignmentRow = z.output<typeof assignmentRow>;

export const officerRow = onFirstUse(() =>
  z.strictObject({
    login,
    name: requiredCell(40),
    /** 帮扶单位 by name, resolved against the units table. */
    unit: requiredCell(60),
    phone: phone.unwrap().optional(),
  }),
);
export type OfficerRow = z.output<typeof officerRow>;

/**
 * What the confirm form sends back: the checked file's text (a CSV upload), or its rows as read from a
 * sheet — JSON `[[row number, [cells…]], …]`, keeping Excel's row numbers for the messages.
 */
const carried = {
  csv: z.string().min(1, 'err.required').optional(),
  sheet: z.string().min(1, 'err.required').optional(),
};
const oneCarried = (v: { csv?: string | undefined; sheet?: string | undefined }) => (v.csv === undefined) !== (v.sheet === undefined);
export const sheetRows = onFirstUse(() => z.array(z.tuple([z.int().min(1), z.array(z.string())])));

/** The form fields beside the uploaded file, and the confirm form that sends the checked rows back. */
export const enterpriseUpload = onFirstUse(() => z.strictObject({}));
export const officerUpload = onFirstUse(() => z.strictObject({}));
export const assignmentUpload = onFirstUse(() => z.strictObject({ programmeId: idRef }));
export const enterpriseCommit = onFirstUse(() => z.strictObject(carried).refine(oneCarried, 'err.required'));
export const officerCommit = enterpriseCommit;
export const assignmentCommit = onFirstUse(() => z.strictObject({ ...carried, programmeId: idRef }).refine(oneCarried, 'err.required'));

/** The counts shown on the import page after a commit (POST → 303 → GET). */
export const importDone = onFirstUse(() =>
  z.object({
    done: z.enum(['enterprises', 'assignments', 'officers']),
    created: z.coerce.number().int().min(0),
    updated: z.coerce.number().int().min(0),
    unchanged: z.coerce.number().int().min(0),
  }),
);
export type ImportDone = z.output<typeof importDone>;
