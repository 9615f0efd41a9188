import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type * as z from 'zod';
import {
  ASSIGNMENT_COLUMNS,
  assignmentCommit,
  assignmentUpload,
  type ColumnSpec,
  ENTERPRISE_COLUMNS,
  enterpriseCommit,
  enterpriseUpload,
  importDone,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  OFFICER_COLUMNS,
  officerCommit,
  officerUpload,
} from '../../schema/inputs/imports';
import { LEDGER_COLUMNS, ledgerCommit, ledgerUpload } from '../../schema/inputs/ledger-import';
import { chinaToday } from '../../schema/rules/china-time';
import { emptyForm, type FormState } from '../../web/components/fields';
import { ImportPage } from '../../web/pages/admin/import';
import { ImportLinksPage, type ImportReport, ImportReportPage } from '../../web/pages/admin/import-report';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import type { Table } from '../lib/csv';
import { isUniqueViolation } from '../lib/db';
import { AppError, forbidden } from '../lib/errors';
import { render } from '../lib/render';
import { fieldErrors, readForm, validateForm } from '../lib/validate';
import { type Plan, planAssignments, planEnterprises, programmeOptions, readActiveProgramme } from './import.queries';
import { fromCsvText, fromSheetJson, fromUpload, type Loaded } from './import-file';
import { importTemplate, TEMPLATE_FORMATS } from './import-templates';
import { planLedger } from './ledger-import.queries';
import { planOfficers } from './officer-import.queries';
import { SETUP_LINK_MS } from './officers.queries';
import { currentProgramme } from './programmes.queries';

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
// The app-wide 64 KB limit skips /admin/import. Uploads get the file limit and room for the form
// around it; the confirm form carries the checked rows back, which as CSV text is larger than the
// upload when the file was GBK (2 bytes a character become 3 in UTF-8), and as a sheet's JSON rows is
// far smaller than the zipped workbook's 5,000 rows inflated.
importRoutes.use(limit(MAX_IMPORT_BYTES + 2 * MB));
const uploadLimit = limit(MAX_IMPORT_BYTES + 64 * 1024);

type Kind = 'enterprises' | 'assignments' | 'officers' | 'ledger';

importRoutes.get('/', async (c) => {
  const done = importDone.safeParse(c.req.query());
  return render(c, <ImportPage programmes={await programmeOptions(c.get('db'))} form={emptyForm()} done={done.data} />);
});

for (const kind of ['enterprises', 'assignments', 'officers', 'ledger'] as const)
  for (const format of TEMPLATE_FORMATS) importRoutes.get(`/template/${kind}.${format}`, () => importTemplate(kind, format));

importRoutes.post('/enterprises', uploadLimit, async (c) => {
  const upload = await readUpload(c, enterpriseUpload);
  if (!upload.ok) return uploadPage(c, upload.state);
  const loaded = await fromFile(c, upload.file, ENTERPRISE_COLUMNS);
  return preview(c, 'enterprises', loaded, (table) => planEnterprises(c.get('db'), table, c.get('t')));
});

importRoutes.post('/officers', uploadLimit, async (c) => {
  const upload = await readUpload(c, officerUpload);
  if (!upload.ok) return uploadPage(c, upload.state);
  const loaded = await fromFile(c, upload.file, OFFICER_COLUMNS);
  return preview(c, 'officers', loaded, (table) => planOfficers(c.get('db'), table, c.get('t')));
});

importRoutes.post('/assignments', uploadLimit, async (c) => {
  const upload = await readUpload(c, assignmentUpload);
  if (!upload.ok) return uploadPage(c, upload.state);
  const programme = await readActiveProgramme(c.get('db'), upload.data.programmeId);
  if (!programme) return uploadPage(c, { values: upload.values, errors: { programmeId: c.get('t')('err.invalidChoice') } });
  const loaded = await fromFile(c, upload.file, ASSIGNMENT_COLUMNS);
  return preview(c, 'assignments', loaded, (table) => planAssignments(c.get('db'), table, c.get('t'), programme, chinaToday()), programme);
});

// The 台账 goes into the programme people work in today, as a memo's problems do (worker/memos/memos.routes.tsx).
importRoutes.post('/ledger', uploadLimit, async (c) => {
  const upload = await readUpload(c, ledgerUpload);
  if (!upload.ok) return uploadPage(c, upload.state);
  const programme = await currentProgramme(c.get('db'), chinaToday());
  const loaded: Loaded = programme
    ? await fromFile(c, upload.file, LEDGER_COLUMNS)
    : { ok: false, problem: c.get('t')('import.err.noProgramme') };
  return preview(c, 'ledger', loaded, ledgerPlanner(c, programme?.id ?? ''), programme ?? undefined);
});

importRoutes.post('/ledger/commit', async (c) => {
  const input = await validateForm(c, ledgerCommit);
  if (!input.ok) throw new AppError(400, 'bad_request', 'err.page.badRequest', input.state.errors);
  const programme = await currentProgramme(c.get('db'), chinaToday());
  const loaded: Loaded = programme
    ? fromCarried(c, input.data, LEDGER_COLUMNS)
    : { ok: false, problem: c.get('t')('import.err.noProgramme') };
  const target = { objectType: 'programme', objectId: programme?.id };
  const plan = await commit(c, 'ledger', loaded, ledgerPlanner(c, programme?.id ?? ''), target, programme ?? undefined);
  return plan instanceof Response ? plan : done(c, 'ledger', plan);
});

/** The admin is the actor of each problem's 台账导入 event (the /admin guard lets only admins here). */
const ledgerPlanner = (c: Context<AppEnv>, programmeId: string) => (table: Table) => {
  const admin = c.get('user');
  if (!admin) throw forbidden();
  return planLedger(c.get('db'), table, c.get('t'), { programmeId, adminId: admin.id });
};

importRoutes.post('/enterprises/commit', async (c) => {
  const input = await validateForm(c, enterpriseCommit);
  if (!input.ok) throw new AppError(400, 'bad_request', 'err.page.badRequest', input.state.errors);
  const loaded = fromCarried(c, input.data, ENTERPRISE_COLUMNS);
  const plan = await commit(c, 'enterprises', loaded, (table) => planEnterprises(c.get('db'), table, c.get('t')), {
    objectType: 'enterprise',
  });
  return plan instanceof Response ? plan : done(c, 'enterprises', plan);
});

importRoutes.post('/officers/commit', async (c) => {
  const input = await validateForm(c, officerCommit);
  if (!input.ok) throw new AppError(400, 'bad_request', 'err.page.badRequest', input.state.errors);
  const loaded = fromCarried(c, input.data, OFFICER_COLUMNS);
  const plan = await commit(c, 'officers', loaded, (table) => planOfficers(c.get('db'), table, c.get('t')), { objectType: 'user' });
  if (plan instanceof Response) return plan;
  // The new accounts' setup links are shown on this page and nowhere else (D1 keeps only their hashes),
  // so this answer is a page, not a redirect; a reload re-posts a file that now changes nothing.
  const links = plan.changes.flatMap((ch) =>
    ch.token ? [{ login: ch.login, name: ch.name, link: `${c.env.APP_ORIGIN}/setup/${ch.token}` }] : [],
  );
  return render(c, <ImportLinksPage counts={counts(plan)} links={links} hours={SETUP_LINK_MS / 3_600_000} />);
});

importRoutes.post('/assignments/commit', async (c) => {
  const input = await validateForm(c, assignmentCommit);
  if (!input.ok) throw new AppError(400, 'bad_request', 'err.page.badRequest', input.state.errors);
  const programme = await readActiveProgramme(c.get('db'), input.data.programmeId);
  const loaded: Loaded = programme
    ? fromCarried(c, input.data, ASSIGNMENT_COLUMNS)
    : { ok: false, problem: c.get('t')('import.err.programme') };
  const planner = (table: Table) =>
    programme
      ? planAssignments(c.get('db'), table, c.get('t'), programme, chinaToday())
      : Promise.resolve({ ok: false as const, issues: [] });
  const plan = await commit(c, 'assignments', loaded, planner, { objectType: 'programme', objectId: programme?.id }, programme);
  return plan instanceof Response ? plan : done(c, 'assignments', plan);
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
  return fromUpload(new Uint8Array(await file.arrayBuffer()), file.name, columns, MAX_IMPORT_ROWS, t);
}

const fromCarried = (
  c: Context<AppEnv>,
  carried: { csv?: string | undefined; sheet?: string | undefined },
  columns: readonly ColumnSpec[],
) =>
  carried.sheet !== undefined ? fromSheetJson(carried.sheet, columns, c.get('t')) : fromCsvText(carried.csv ?? '', columns, c.get('t'));

type Programme = { id: string; name: string };
type Planner<C> = (table: Table) => Promise<Plan<C>>;
type Planned<C> = Extract<Plan<C>, { ok: true }>;

/** Problems answer 422 with every bad row; a clean file answers the preview with the confirm form. */
async function check<C>(kind: Kind, loaded: Loaded, planner: Planner<C>) {
  if (!loaded.ok)
    return { report: ('issues' in loaded ? { issues: loaded.issues } : { problem: loaded.problem }) satisfies ImportReport, plan: null };
  const plan = await planner(loaded.table);
  if (!plan.ok) return { report: { issues: plan.issues } satisfies ImportReport, plan: null };
  return { report: { kind, changes: plan.changes, carry: loaded.carry } as ImportReport, plan };
}

async function preview<C>(c: Context<AppEnv>, kind: Kind, loaded: Loaded, planner: Planner<C>, programme?: Programme) {
  const { report, plan } = await check(kind, loaded, planner);
  return render(c, <ImportReportPage kind={kind} programme={programme} report={report} />, plan ? 200 : 422);
}

const counts = <C extends { action: string }>(plan: Planned<C>) => {
  const count = (action: string) => plan.changes.filter((ch) => ch.action === action).length;
  return { created: count('create'), updated: count('update'), unchanged: count('unchanged') };
};

/** Checks again and runs the plan in one batch; a Response when it was refused, the plan when it ran. */
async function commit<C extends { action: string }>(
  c: Context<AppEnv>,
  kind: Kind,
  loaded: Loaded,
  planner: Planner<C>,
  target: { objectType: string; objectId?: string },
  programme?: Programme,
): Promise<Response | Planned<C>> {
  const { report, plan } = await check(kind, loaded, planner);
  if (!plan?.ok) return render(c, <ImportReportPage kind={kind} programme={programme} report={report} />, 422);
  // A file equal to the database changes nothing, so nothing (not even an audit row) is written.
  if (plan.statements.length) {
    const db = c.get('db');
    try {
      const detail = { kind, ...counts(plan), ...plan.audit };
      await db.batch([auditStatement(db, c, { action: 'import', ...target, detail }), ...plan.statements]);
    } catch (err) {
      // Another write between the check and this batch (a second import of the same codes): nothing was stored.
      if (!isUniqueViolation(err)) throw err;
      return render(c, <ImportReportPage kind={kind} programme={programme} report={{ problem: c.get('t')('import.err.conflict') }} />, 409);
    }
  }
  return plan;
}

/** POST → 303 → GET: the counts of what the commit did. */
function done<C extends { action: string }>(c: Context<AppEnv>, kind: Kind, plan: Planned<C>) {
  const query = new URLSearchParams({ done: kind, ...Object.fromEntries(Object.entries(counts(plan)).map(([k, v]) => [k, String(v)])) });
  return c.redirect(`/admin/import?${query}`, 303);
}
