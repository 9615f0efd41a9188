// CSV imports (批量导入): the columns each file may have and the schema of one row. Every cell arrives
// as a string; a blank optional cell means "empty" (or the column's default), while a column missing
// from the file leaves that field of existing records as it is — hence `.optional()` on those keys.
import * as z from 'zod';
import { onFirstUse } from '../on-first-use';
import { SECTORS, type Sector } from '../tables';
import { creditCode, idRef, phone } from './fields';

/** A column of an import file: its Chinese header, the English alias also accepted, and the row key. */
export type ColumnSpec = { key: string; zh: string; en: string; required?: boolean };

export const ENTERPRISE_COLUMNS = [
  { key: 'name', zh: '企业名称', en: 'name', required: true },
  { key: 'creditCode', zh: '统一社会信用代码', en: 'credit_code', required: true },
  { key: 'region', zh: '所属区域', en: 'region' },
  { key: 'chain', zh: '产业链', en: 'chain' },
  { key: 'sector', zh: '行业类别', en: 'sector' },
  { key: 'aboveScale', zh: '是否规上', en: 'above_scale' },
  { key: 'contactName', zh: '联系人', en: 'contact_name' },
  { key: 'contactPhone', zh: '联系电话', en: 'contact_phone' },
] as const satisfies readonly ColumnSpec[];

export const ASSIGNMENT_COLUMNS = [
  { key: 'creditCode', zh: '统一社会信用代码', en: 'credit_code', required: true },
  { key: 'officerLogin', zh: '帮扶干部账号', en: 'officer_login', required: true },
  { key: 'unit', zh: '帮扶单位', en: 'unit' },
  { key: 'lead', zh: '是否牵头', en: 'lead' },
] as const satisfies readonly ColumnSpec[];

/** Rows per file: a city's whole list fits, and one commit stays one D1 batch of modest size. */
export const MAX_IMPORT_ROWS = 5000;

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

/** The form fields beside the uploaded file, and the confirm form that sends the checked text back. */
export const enterpriseUpload = onFirstUse(() => z.strictObject({}));
export const assignmentUpload = onFirstUse(() => z.strictObject({ programmeId: idRef }));
export const enterpriseCommit = onFirstUse(() => z.strictObject({ csv: z.string().min(1, 'err.required') }));
export const assignmentCommit = onFirstUse(() => z.strictObject({ csv: z.string().min(1, 'err.required'), programmeId: idRef }));

/** The counts shown on the import page after a commit (POST → 303 → GET). */
export const importDone = onFirstUse(() =>
  z.object({
    done: z.enum(['enterprises', 'assignments']),
    created: z.coerce.number().int().min(0),
    updated: z.coerce.number().int().min(0),
    unchanged: z.coerce.number().int().min(0),
  }),
);
export type ImportDone = z.output<typeof importDone>;
