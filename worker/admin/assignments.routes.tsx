import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { type AssignmentInput, assignmentEndInput, assignmentInput, assignmentListQuery } from '../../schema/inputs/programmes';
import { chinaToday } from '../../schema/rules/china-time';
import { datesProblems, defaultEnd, defaultStart, overlaps } from '../../schema/rules/pairing';
import { emptyForm, type FieldErrors, type FormState } from '../../web/components/fields';
import { AssignmentEndPage, AssignmentFormPage, AssignmentListPage } from '../../web/pages/admin/assignments';
import type { AppEnv } from '../app-env';
import { auditStatement, auditStatementIf } from '../lib/audit';
import { isUniqueViolation } from '../lib/db';
import { AppError, notFound } from '../lib/errors';
import { setFlash } from '../lib/flash';
import { render } from '../lib/render';
import { newId } from '../lib/tokens';
import { validateForm } from '../lib/validate';
import {
  describeAssignment,
  endAssignment,
  insertAssignment,
  leadRanges,
  listAssignments,
  missingReferences,
  pairingOptions,
  pairRanges,
  readAssignment,
  setLead,
} from './assignments.queries';
import { programmeOptions, readProgramme } from './programmes.queries';

/**
 * 结对名单: which officers assist which enterprise in a programme, from when to when (issue 14); at most one
 * of them leads (牵头) at a time. Ending a pairing keeps it, so past months keep their figures.
 */
export const assignmentRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';
type Ctx = Context<AppEnv>;

const back = (programmeId: string) => `/admin/assignments?programme=${programmeId}`;
const formPage = async (c: Ctx, form: FormState) => <AssignmentFormPage form={form} options={await pairingOptions(c.get('db'))} />;
const leadTaken = () => new AppError(409, 'lead_taken', 'assign.err.leadTaken');
type Dates = { startsOn: string; endsOn: string | null };

/** The date rules (schema/rules/pairing.ts) against the pair's other ranges, as field messages; null when kept. */
async function datesRefused(c: Ctx, data: AssignmentInput, dates: Dates, period: Dates & { endsOn: string }): Promise<FieldErrors | null> {
  const problems = datesProblems(dates, period, await pairRanges(c.get('db'), data));
  if (!problems.length) return null;
  const t = c.get('t');
  return Object.fromEntries(problems.map((p) => [p.field, t(p.key)]));
}

/** One lead in force at a time: a lead range may share no day with the enterprise's other leads. */
const leadClash = async (c: Ctx, p: { programmeId: string; enterpriseId: string }, dates: Dates, exceptId = '') =>
  (await leadRanges(c.get('db'), p.programmeId, p.enterpriseId, exceptId)).some((l) => overlaps(l, dates));

assignmentRoutes.get('/', async (c) => {
  const { q, page, programme, view } = assignmentListQuery.parse(c.req.query());
  const db = c.get('db');
  const options = await programmeOptions(db);
  const selected = programme ? options.find((p) => p.id === programme) : options[0];
  if (programme && !selected) throw notFound();
  const filter = { history: view === 'history', today: chinaToday() };
  const result = selected ? await listAssignments(db, selected.id, q, page, filter) : { rows: [], total: 0, page, hasNext: false };
  return render(c, <AssignmentListPage {...result} q={q} view={view} programme={selected?.id ?? ''} programmes={options} />);
});

assignmentRoutes.get('/new', async (c) => {
  const { programme } = assignmentListQuery.parse(c.req.query());
  return render(c, await formPage(c, emptyForm({ programmeId: programme ?? '', startsOn: chinaToday() })));
});

assignmentRoutes.post('/', async (c) => {
  const db = c.get('db');
  const t = c.get('t');
  const input = await validateForm(c, assignmentInput);
  if (!input.ok) return render(c, await formPage(c, input.state), 422);
  const missing = await missingReferences(db, input.data);
  const programme = missing.includes('programmeId') ? undefined : await readProgramme(db, input.data.programmeId);
  if (missing.length > 0 || !programme) {
    const errors = Object.fromEntries(missing.map((field) => [field, t('err.invalidChoice')]));
    return render(c, await formPage(c, { values: input.values, errors }), 422);
  }
  const dates = { startsOn: input.data.startsOn ?? defaultStart(chinaToday(), programme), endsOn: input.data.endsOn };
  const refused = await datesRefused(c, input.data, dates, programme);
  if (refused) return render(c, await formPage(c, { values: input.values, errors: refused }), 422);
  if (input.data.isLead && (await leadClash(c, input.data, dates))) {
    return render(c, await formPage(c, { values: input.values, errors: { isLead: t('assign.err.leadTaken') } }), 409);
  }
  const id = newId();
  const row = { ...input.data, ...dates };
  try {
    await db.batch([
      insertAssignment(db, id, row),
      // A start before today corrects the list and moves past months' figures: the audit row says so.
      auditStatement(db, c, {
        action: 'create',
        objectType: 'assignment',
        objectId: id,
        detail: { ...row, backdated: dates.startsOn < chinaToday() },
      }),
    ]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Someone else opened the same pairing or lead between the check and the write.
    const errors = (await datesRefused(c, input.data, dates, programme)) ?? { isLead: t('assign.err.leadTaken') };
    return render(c, await formPage(c, { values: input.values, errors }), 409);
  }
  return c.redirect(back(input.data.programmeId), 303);
});

for (const isLead of [true, false]) {
  assignmentRoutes.post(`${ID}/${isLead ? 'lead' : 'unlead'}`, async (c) => {
    const db = c.get('db');
    const row = await readAssignment(db, c.req.param('id'));
    if (!row) throw notFound();
    if (isLead && (await leadClash(c, row, row, row.id))) throw leadTaken();
    try {
      await db.batch([
        setLead(db, row.id, isLead),
        auditStatement(db, c, { action: isLead ? 'set_lead' : 'unset_lead', objectType: 'assignment', objectId: row.id }),
      ]);
    } catch (err) {
      if (isUniqueViolation(err)) throw leadTaken();
      throw err;
    }
    return c.redirect(back(row.programmeId), 303);
  });
}

/** What ending a pairing does, said before, with the last day it is in force (today unless changed). */
async function endPage(c: Ctx, id: string, form: FormState | null, status: 200 | 422 = 200) {
  const t = c.get('t');
  const pair = await describeAssignment(c.get('db'), id);
  if (!pair) throw notFound();
  if (pair.endsOn !== null) throw new AppError(409, 'already_ended', 'assign.err.ended');
  const { programme, officer, enterprise } = pair;
  const effects = [t('confirm.unpair.what', { programme, officer, enterprise }), t('confirm.unpair.officer'), t('confirm.unpair.history')];
  if (pair.isLead) effects.push(t('confirm.unpair.lead'));
  const end = defaultEnd(chinaToday(), { endsOn: pair.periodEnd });
  return render(
    c,
    <AssignmentEndPage
      effects={effects}
      action={`/admin/assignments/${id}/end`}
      back={back(pair.programmeId)}
      form={form ?? emptyForm({ endsOn: end })}
      startsOn={pair.startsOn}
    />,
    status,
  );
}

/** 解除结对 asks first: what ending the pairing does, and from when. */
assignmentRoutes.get(`${ID}/end`, (c) => endPage(c, c.req.param('id'), null));

/** Ending a pairing sets its last day and deletes nothing (issue 14): past months keep their figures. */
assignmentRoutes.post(`${ID}/end`, async (c) => {
  const db = c.get('db');
  const t = c.get('t');
  const pair = await describeAssignment(db, c.req.param('id'));
  if (!pair) throw notFound();
  if (pair.endsOn !== null) throw new AppError(409, 'already_ended', 'assign.err.ended');
  const input = await validateForm(c, assignmentEndInput);
  if (!input.ok) return endPage(c, c.req.param('id'), input.state, 422);
  const today = chinaToday();
  const endsOn = input.data.endsOn ?? defaultEnd(today, { endsOn: pair.periodEnd });
  const problems = datesProblems({ startsOn: pair.startsOn, endsOn }, { startsOn: pair.periodStart, endsOn: pair.periodEnd }, []);
  if (problems.length) {
    const errors = Object.fromEntries(problems.map((p) => [p.field === 'startsOn' ? 'endsOn' : p.field, t(p.key)]));
    return endPage(c, c.req.param('id'), { values: input.values, errors }, 422);
  }
  const id = c.req.param('id');
  const [ended] = await db.batch([
    endAssignment(db, id, endsOn),
    // Only if it ended now: another admin's end in between leaves no second row claiming it.
    auditStatementIf(
      db,
      c,
      {
        action: 'end',
        objectType: 'assignment',
        objectId: id,
        detail: { endsOn, startsOn: pair.startsOn, isLead: pair.isLead, backdated: endsOn < today },
      },
      sql`changes() > 0`,
    ),
  ]);
  if (ended.meta.changes === 0) throw new AppError(409, 'already_ended', 'assign.err.ended');
  setFlash(c, 'flash.unpaired');
  return c.redirect(back(pair.programmeId), 303);
});
