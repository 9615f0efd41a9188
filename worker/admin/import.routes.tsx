import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type * as z from 'zod';
import { creditCodeCheckChar } from '../../schema/credit-code';
import {
  ASSIGNMENT_COLUMNS,
  assignmentCommit,
  assignmentUpload,
  type ColumnSpec,
  ENTERPRISE_COLUMNS,
  enterpriseCommit,
  enterpriseUpload,
  importDone,
} from '../../schema/inputs/imports';
import { emptyForm, type FormState } from '../../web/components/fields';
import { ImportPage, type ImportReport, ImportReportPage } from '../../web/pages/admin/import';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import { CsvSyntaxError, csvDocument, decodeCsv, parseCsv, readTable, type Table } from '../lib/csv';
import { isUniqueViolation } from '../lib/db';
import { AppError } from '../lib/errors';
import { render } from '../lib/render';
import { fieldErrors, readForm, validateForm } from '../lib/validate';
import { type Plan, planAssignments, planEnterprises, programmeOptions, readActiveProgramme } from './import.queries';

/** 批量导入: upload → every row checked → preview → confirm → one atomic batch. Nothing is stored before the confirm. */
export const importRoutes = new Hono<AppEnv>();

const MB = 1024 * 1024;
const limit = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError(413, 'payload_too_large', 'err.page.tooLarge');
    },
  });
// The app-wide 64 KB limit skips /admin/import. Uploads get 2 MB; the confirm form carries the decoded
// text back, which is larger when the file was GBK (2 bytes a character become 3 in UTF-8).
importRoutes.use(limit(4 * MB));
const uploadLimit = limit(2 * MB);

type Kind = 'enterprises' | 'assignments';
type Loaded = { ok: true; text: string; table: Table } | { ok: false; problem: string };

const exampleBody = '91430100MA4T00001';
const exampleCode = exampleBody + creditCodeCheckChar(exampleBody);
const TEMPLATES: Record<Kind, { filename: string; columns: readonly ColumnSpec[]; example: string[] }> = {
  enterprises: {
    filename: '企业名单模板.csv',
    columns: ENTERPRISE_COLUMNS,
    example: ['示例生物医药有限公司', exampleCode, '高新区', '生物医药', '药品', '是', '张三', '0731-88880000'],
  },
  assignments: { filename: '结对名单模板.csv', columns: ASSIGNMENT_COLUMNS, example: [exampleCode, 'zhangwei', '市编委办', '是'] },
};

importRoutes.get('/', async (c) => {
  const done = importDone.safeParse(c.req.query());
  return render(c, <ImportPage programmes={await programmeOptions(c.get('db'))} form={emptyForm()} done={done.data} />);
});

for (const kind of ['enterprises', 'assignments'] as const) {
  importRoutes.get(`/template/${kind}.csv`, (c) => {
    const { filename, columns, example } = TEMPLATES[kind];
    return c.body(csvDocument([columns.map((col) => col.zh), example]), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      // RFC 6266 / RFC 5987: an ASCII fallback name, then the UTF-8 one.
      'Content-Disposition': `attachment; filename="${kind}-template.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    });
  });
}

importRoutes.post('/enterprises', uploadLimit, async (c) => {
  const upload = await readUpload(c, enterpriseUpload);
  if (!upload.ok) return uploadPage(c, upload.state);
  const loaded = await fromFile(c, upload.file, ENTERPRISE_COLUMNS);
  return preview(c, 'enterprises', loaded, (table) => planEnterprises(c.get('db'), table, c.get('t')));
});

importRoutes.post('/assignments', uploadLimit, async (c) => {
  const upload = await readUpload(c, assignmentUpload);
  if (!upload.ok) return uploadPage(c, upload.state);
  const programme = await readActiveProgramme(c.get('db'), upload.data.programmeId);
  if (!programme) return uploadPage(c, { values: upload.values, errors: { programmeId: c.get('t')('err.invalidChoice') } });
  const loaded = await fromFile(c, upload.file, ASSIGNMENT_COLUMNS);
  return preview(c, 'assignments', loaded, (table) => planAssignments(c.get('db'), table, c.get('t'), programme.id), programme);
});

importRoutes.post('/enterprises/commit', async (c) => {
  const input = await validateForm(c, enterpriseCommit);
  if (!input.ok) throw new AppError(400, 'bad_request', 'err.page.badRequest', input.state.errors);
  const loaded = fromText(c, input.data.csv, ENTERPRISE_COLUMNS);
  return commit(c, 'enterprises', loaded, (table) => planEnterprises(c.get('db'), table, c.get('t')), { objectType: 'enterprise' });
});

importRoutes.post('/assignments/commit', async (c) => {
  const input = await validateForm(c, assignmentCommit);
  if (!input.ok) throw new AppError(400, 'bad_request', 'err.page.badRequest', input.state.errors);
  const programme = await readActiveProgramme(c.get('db'), input.data.programmeId);
  const loaded: Loaded = programme
    ? fromText(c, input.data.csv, ASSIGNMENT_COLUMNS)
    : { ok: false, problem: c.get('t')('import.err.programme') };
  const plan = (table: Table) => planAssignments(c.get('db'), table, c.get('t'), input.data.programmeId);
  return commit(c, 'assignments', loaded, plan, { objectType: 'programme', objectId: programme?.id }, programme);
});

/** The upload form's text fields (strictly) and its file. readForm refuses bodies that are not forms (415). */
async function readUpload<S extends z.ZodType>(c: Context<AppEnv>, schema: S) {
  const values = await readForm(c);
  const { file } = await c.req.parseBody(); // the parsed form is cached by Hono: not read twice
  delete values.file;
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { ok: false as const, state: { values, errors: fieldErrors(parsed.error, c.get('t')) } };
  return { ok: true as const, data: parsed.data as z.output<S>, values, file: file instanceof File ? file : null };
}

async function uploadPage(c: Context<AppEnv>, form: FormState) {
  return render(c, <ImportPage programmes={await programmeOptions(c.get('db'))} form={form} />, 422);
}

async function fromFile(c: Context<AppEnv>, file: File | null, columns: readonly ColumnSpec[]): Promise<Loaded> {
  const t = c.get('t');
  if (!file) return { ok: false, problem: t('import.err.noFile') };
  // Spreadsheets (.xlsx, .xls) are the usual wrong file; browsers label .csv inconsistently, so the name decides.
  if (/\.[A-Za-z0-9]+$/.test(file.name) && !/\.(csv|txt)$/i.test(file.name)) return { ok: false, problem: t('import.err.notCsv') };
  const decoded = decodeCsv(new Uint8Array(await file.arrayBuffer()));
  if (!decoded.ok) return { ok: false, problem: t(decoded.reason === 'binary' ? 'import.err.notCsv' : 'import.err.encoding') };
  return fromText(c, decoded.text, columns);
}

const HEADER_PROBLEMS = {
  missing: 'import.err.headerMissing',
  unknown: 'import.err.headerUnknown',
  repeated: 'import.err.headerRepeated',
} as const;

function fromText(c: Context<AppEnv>, text: string, columns: readonly ColumnSpec[]): Loaded {
  const t = c.get('t');
  let table: ReturnType<typeof readTable>;
  try {
    // A BOM is gone after decoding, but text posted to the commit route may still carry one.
    const records = parseCsv(text.replace(/^\uFEFF/, ''));
    if (records.length === 0) return { ok: false, problem: t('import.err.empty') };
    table = readTable(records, columns);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return { ok: false, problem: t('import.err.syntax', { line: err.line }) };
    throw err;
  }
  if ('kind' in table) return { ok: false, problem: t(HEADER_PROBLEMS[table.kind], { columns: table.columns.join('、') }) };
  if (table.rows.length === 0) return { ok: false, problem: t('import.err.noRows') };
  return { ok: true, text, table };
}

type Programme = { id: string; name: string };
type Planner<C> = (table: Table) => Promise<Plan<C>>;

/** Problems answer 422 with every bad row; a clean file answers the preview with the confirm form. */
async function check<C>(kind: Kind, loaded: Loaded, planner: Planner<C>) {
  if (!loaded.ok) return { report: { problem: loaded.problem } satisfies ImportReport, plan: null };
  const plan = await planner(loaded.table);
  if (!plan.ok) return { report: { issues: plan.issues } satisfies ImportReport, plan: null };
  return { report: { kind, changes: plan.changes, csv: loaded.text } as ImportReport, plan };
}

async function preview<C>(c: Context<AppEnv>, kind: Kind, loaded: Loaded, planner: Planner<C>, programme?: Programme) {
  const { report, plan } = await check(kind, loaded, planner);
  return render(c, <ImportReportPage kind={kind} programme={programme} report={report} />, plan ? 200 : 422);
}

async function commit<C extends { action: string }>(
  c: Context<AppEnv>,
  kind: Kind,
  loaded: Loaded,
  planner: Planner<C>,
  target: { objectType: string; objectId?: string },
  programme?: Programme,
) {
  const { report, plan } = await check(kind, loaded, planner);
  if (!plan?.ok) return render(c, <ImportReportPage kind={kind} programme={programme} report={report} />, 422);
  const count = (action: string) => plan.changes.filter((ch) => ch.action === action).length;
  const counts = { created: count('create'), updated: count('update'), unchanged: count('unchanged') };
  // A file equal to the database changes nothing, so nothing (not even an audit row) is written.
  if (plan.statements.length) {
    const db = c.get('db');
    try {
      await db.batch([auditStatement(db, c, { action: 'import', ...target, detail: { kind, ...counts } }), ...plan.statements]);
    } catch (err) {
      // Another write between the check and this batch (a second import of the same codes): nothing was stored.
      if (!isUniqueViolation(err)) throw err;
      return render(c, <ImportReportPage kind={kind} programme={programme} report={{ problem: c.get('t')('import.err.conflict') }} />, 409);
    }
  }
  const query = new URLSearchParams({ done: kind, ...Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, String(v)])) });
  return c.redirect(`/admin/import?${query}`, 303);
}
