import type { Context } from 'hono';
import { Hono } from 'hono';
import { type AssignmentInput, assignmentInput, assignmentListQuery } from '../../schema/inputs/programmes';
import { emptyForm, type FieldErrors, type FormState } from '../../web/components/fields';
import { AssignmentFormPage, AssignmentListPage } from '../../web/pages/admin/assignments';
import { ConfirmPage } from '../../web/pages/admin/confirm';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import { isUniqueViolation } from '../lib/db';
import { AppError, notFound } from '../lib/errors';
import { setFlash } from '../lib/flash';
import { render } from '../lib/render';
import { newId } from '../lib/tokens';
import { validateForm } from '../lib/validate';
import {
  deleteAssignment,
  describeAssignment,
  insertAssignment,
  listAssignments,
  missingReferences,
  otherLead,
  pairingOptions,
  readAssignment,
  samePair,
  setLead,
} from './assignments.queries';
import { programmeOptions } from './programmes.queries';

/** 结对名单: which officers assist which enterprise in a programme; at most one of them leads (牵头). */
export const assignmentRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';
type Ctx = Context<AppEnv>;

const back = (programmeId: string) => `/admin/assignments?programme=${programmeId}`;
const formPage = async (c: Ctx, form: FormState) => <AssignmentFormPage form={form} options={await pairingOptions(c.get('db'))} />;
const leadTaken = () => new AppError(409, 'lead_taken', 'assign.err.leadTaken');

/** The two rules the unique indexes enforce, checked first so the admin gets a message on the right field. */
async function conflicts(c: Ctx, data: AssignmentInput): Promise<FieldErrors | null> {
  const db = c.get('db');
  const t = c.get('t');
  if (await samePair(db, data)) return { enterpriseId: t('assign.err.duplicate') };
  if (data.isLead && (await otherLead(db, data.programmeId, data.enterpriseId))) return { isLead: t('assign.err.leadTaken') };
  return null;
}

assignmentRoutes.get('/', async (c) => {
  const { q, page, programme } = assignmentListQuery.parse(c.req.query());
  const db = c.get('db');
  const options = await programmeOptions(db);
  const selected = programme ? options.find((p) => p.id === programme) : options[0];
  if (programme && !selected) throw notFound();
  const result = selected ? await listAssignments(db, selected.id, q, page) : { rows: [], total: 0, page, hasNext: false };
  return render(c, <AssignmentListPage {...result} q={q} programme={selected?.id ?? ''} programmes={options} />);
});

assignmentRoutes.get('/new', async (c) => {
  const { programme } = assignmentListQuery.parse(c.req.query());
  return render(c, await formPage(c, emptyForm({ programmeId: programme ?? '' })));
});

assignmentRoutes.post('/', async (c) => {
  const db = c.get('db');
  const t = c.get('t');
  const input = await validateForm(c, assignmentInput);
  if (!input.ok) return render(c, await formPage(c, input.state), 422);
  const missing = await missingReferences(db, input.data);
  if (missing.length > 0) {
    const errors = Object.fromEntries(missing.map((field) => [field, t('err.invalidChoice')]));
    return render(c, await formPage(c, { values: input.values, errors }), 422);
  }
  const clash = await conflicts(c, input.data);
  if (clash) return render(c, await formPage(c, { values: input.values, errors: clash }), 409);
  const id = newId();
  try {
    await db.batch([
      insertAssignment(db, id, input.data),
      auditStatement(db, c, { action: 'create', objectType: 'assignment', objectId: id, detail: input.data }),
    ]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Someone else saved the same pairing or lead between the check and the write.
    const errors = (await conflicts(c, input.data)) ?? { enterpriseId: t('err.duplicate') };
    return render(c, await formPage(c, { values: input.values, errors }), 409);
  }
  return c.redirect(back(input.data.programmeId), 303);
});

for (const isLead of [true, false]) {
  assignmentRoutes.post(`${ID}/${isLead ? 'lead' : 'unlead'}`, async (c) => {
    const db = c.get('db');
    const row = await readAssignment(db, c.req.param('id'));
    if (!row) throw notFound();
    if (isLead && (await otherLead(db, row.programmeId, row.enterpriseId, row.id))) throw leadTaken();
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

/** 解除结对 asks first: what ending the pairing does, then the POST form below. */
assignmentRoutes.get(`${ID}/delete`, async (c) => {
  const t = c.get('t');
  const pair = await describeAssignment(c.get('db'), c.req.param('id'));
  if (!pair) throw notFound();
  const { programme, officer, enterprise } = pair;
  const effects = [t('confirm.unpair.what', { programme, officer, enterprise }), t('confirm.unpair.officer'), t('confirm.unpair.history')];
  if (pair.isLead) effects.push(t('confirm.unpair.lead'));
  return render(
    c,
    <ConfirmPage
      title={t('assign.delete')}
      effects={effects}
      action={c.req.path}
      confirmLabel={t('assign.delete')}
      back={back(pair.programmeId)}
    />,
  );
});

/** Pairings carry no history of their own (memos point at the enterprise), so removing one deletes it. */
assignmentRoutes.post(`${ID}/delete`, async (c) => {
  const db = c.get('db');
  const row = await readAssignment(db, c.req.param('id'));
  if (!row) throw notFound();
  const { programmeId, officerId, enterpriseId, isLead } = row;
  await db.batch([
    deleteAssignment(db, row.id),
    auditStatement(db, c, {
      action: 'delete',
      objectType: 'assignment',
      objectId: row.id,
      detail: { programmeId, officerId, enterpriseId, isLead },
    }),
  ]);
  setFlash(c, 'flash.unpaired');
  return c.redirect(back(programmeId), 303);
});
