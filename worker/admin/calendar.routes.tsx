// 工作日历: one year's 法定节假日 and 调休 working days (schema/rules/working-days.ts), typed or imported
// from a CSV of dates. Saving replaces the year's rows in one batch, audited; a bad line stores nothing.
import { and, gte, lte } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { type CalendarEntry, type CalendarIssue, calendarForm, checkYear, csvEntries, linesOf, yearOf } from '../../schema/inputs/calendar';
import { calendarDays } from '../../schema/ledger-tables';
import { chinaToday } from '../../schema/rules/china-time';
import { CalendarPage } from '../../web/pages/admin/calendar';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import { CsvSyntaxError, decodeCsv, parseCsv } from '../lib/csv';
import { render } from '../lib/render';
import { fieldErrors, readForm } from '../lib/validate';

export const calendarRoutes = new Hono<AppEnv>();
type Ctx = Context<AppEnv>;

const yearAsked = (c: Ctx) => {
  const y = yearOf.safeParse(c.req.query('year'));
  return y.success ? y.data : Number(chinaToday().slice(0, 4));
};

const rowsOf = (c: Ctx, year: number) =>
  c
    .get('db')
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.date, `${year}-01-01`), lte(calendarDays.date, `${year}-12-31`)))
    .orderBy(calendarDays.date)
    .all();

async function page(c: Ctx, year: number, extra: { issues?: CalendarIssue[]; values?: Record<string, string>; saved?: boolean } = {}) {
  const rows = await rowsOf(c, year);
  const text = (kind: string) =>
    rows
      .filter((r) => r.kind === kind)
      .map((r) => `${r.date}${r.note ? ` ${r.note}` : ''}`)
      .join('\n');
  const values = extra.values ?? { holidays: text('holiday'), workdays: text('workday') };
  return <CalendarPage year={year} rows={rows} values={values} issues={extra.issues ?? []} saved={extra.saved ?? false} />;
}

calendarRoutes.get('/', async (c) => render(c, await page(c, yearAsked(c), { saved: c.req.query('saved') === '1' })));

/** Replaces the year's rows, audited, or answers 422 with every bad line. */
async function save(c: Ctx, year: number, entries: CalendarEntry[], values: Record<string, string>) {
  const checked = checkYear(year, entries);
  if (!checked.ok) return render(c, await page(c, year, { issues: checked.issues, values }), 422);
  const db = c.get('db');
  const rows = checked.rows.map(({ date, kind, note }) => ({ date, kind, note }));
  await db.batch([
    db.delete(calendarDays).where(and(gte(calendarDays.date, `${year}-01-01`), lte(calendarDays.date, `${year}-12-31`))),
    // D1 binds at most 100 parameters: 3 a row.
    ...Array.from({ length: Math.ceil(rows.length / 30) }, (_, i) => db.insert(calendarDays).values(rows.slice(i * 30, i * 30 + 30))),
    auditStatement(db, c, { action: 'calendar', objectType: 'calendar', objectId: String(year), detail: { days: rows.length } }),
  ]);
  return c.redirect(`/admin/calendar?year=${year}&saved=1`, 303);
}

calendarRoutes.post('/', async (c) => {
  const year = yearAsked(c);
  const values = await readForm(c);
  const parsed = calendarForm.safeParse(values);
  const shown = { holidays: String(values.holidays ?? ''), workdays: String(values.workdays ?? '') };
  if (!parsed.success) {
    const issues = Object.entries(fieldErrors(parsed.error, c.get('t'))).map(([k, m]) => ({
      line: 0,
      reason: 'date' as const,
      text: `${k}: ${m}`,
    }));
    return render(c, await page(c, year, { issues, values: shown }), 422);
  }
  // Lines are numbered per box: the holidays first, the working days after them.
  const holidays = linesOf(parsed.data.holidays, 'holiday');
  const workdays = linesOf(parsed.data.workdays, 'workday').map((e) => ({ ...e, line: -e.line }));
  return save(c, year, [...holidays, ...workdays], shown);
});

calendarRoutes.post('/import', async (c) => {
  const year = yearAsked(c);
  const t = c.get('t');
  await readForm(c); // refuses anything but a form (415) and any NUL (400)
  const { file } = await c.req.parseBody();
  const fail = async (text: string) => render(c, await page(c, year, { issues: [{ line: 0, reason: 'date', text }] }), 422);
  if (!(file instanceof File)) return fail(t('import.err.noFile'));
  const decoded = decodeCsv(new Uint8Array(await file.arrayBuffer()));
  // .xlsx arrives with the spreadsheet reader (worker/lib/xlsx-read.ts on the excel branch); until then a
  // workbook is refused by its bytes like any binary file.
  if (!decoded.ok) return fail(t(decoded.reason === 'binary' ? 'calendar.err.notCsv' : 'import.err.encoding'));
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(decoded.text.replace(/^\uFEFF/, ''));
  } catch (err) {
    if (err instanceof CsvSyntaxError) return fail(t('import.err.syntax', { line: err.line }));
    throw err;
  }
  const { entries, issues } = csvEntries(records);
  if (issues.length) return render(c, await page(c, year, { issues }), 422);
  return save(c, year, entries, {
    holidays: entries
      .filter((e) => e.kind === 'holiday')
      .map((e) => `${e.date} ${e.note}`.trim())
      .join('\n'),
    workdays: entries
      .filter((e) => e.kind === 'workday')
      .map((e) => `${e.date} ${e.note}`.trim())
      .join('\n'),
  });
});
