import { Hono } from 'hono';
import { listQuery } from '../../schema/inputs/fields';
import { programmeInput } from '../../schema/inputs/programmes';
import { programmes } from '../../schema/tables';
import { emptyForm } from '../../web/components/fields';
import { ProgrammeFormPage, ProgrammeListPage } from '../../web/pages/admin/programmes';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import { isUniqueViolation } from '../lib/db';
import { notFound } from '../lib/errors';
import { render } from '../lib/render';
import { toggleRoutes } from '../lib/toggle-routes';
import { newId } from '../lib/tokens';
import { validateForm } from '../lib/validate';
import { insertProgramme, listProgrammes, readProgramme, updateProgramme } from './programmes.queries';

/** 帮扶行动: a programme's name, period and current phase. */
export const programmeRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';

programmeRoutes.get('/', async (c) => {
  const { q, page } = listQuery.parse(c.req.query());
  const result = await listProgrammes(c.get('db'), q, page);
  return render(c, <ProgrammeListPage {...result} q={q} />);
});

programmeRoutes.get('/new', (c) => render(c, <ProgrammeFormPage form={emptyForm({ phase: 'pairing', satisfactionScale: 'top2' })} />));

programmeRoutes.post('/', async (c) => {
  const db = c.get('db');
  const input = await validateForm(c, programmeInput);
  if (!input.ok) return render(c, <ProgrammeFormPage form={input.state} />, 422);
  const id = newId();
  try {
    await db.batch([
      insertProgramme(db, id, input.data),
      auditStatement(db, c, { action: 'create', objectType: 'programme', objectId: id }),
    ]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return render(c, <ProgrammeFormPage form={{ values: input.values, errors: { name: c.get('t')('err.duplicate') } }} />, 409);
  }
  return c.redirect('/admin/programmes', 303);
});

programmeRoutes.get(`${ID}/edit`, async (c) => {
  const programme = await readProgramme(c.get('db'), c.req.param('id'));
  if (!programme) throw notFound();
  const {
    id,
    name,
    startsOn,
    endsOn,
    phase,
    issuingOffice,
    helpPhone,
    privacyNotice,
    retentionMonths,
    satisfactionScale,
    confirmWaitDays,
  } = programme;
  const retention = retentionMonths === null ? '' : String(retentionMonths);
  const values = {
    ...{ name, startsOn, endsOn, phase, issuingOffice, helpPhone, privacyNotice },
    ...{ retentionMonths: retention, satisfactionScale, confirmWaitDays: String(confirmWaitDays) },
  };
  return render(c, <ProgrammeFormPage id={id} form={emptyForm(values)} />);
});

programmeRoutes.post(ID, async (c) => {
  const db = c.get('db');
  const id = c.req.param('id');
  if (!(await readProgramme(db, id))) throw notFound();
  const input = await validateForm(c, programmeInput);
  if (!input.ok) return render(c, <ProgrammeFormPage id={id} form={input.state} />, 422);
  try {
    await db.batch([
      updateProgramme(db, id, input.data),
      auditStatement(db, c, { action: 'update', objectType: 'programme', objectId: id }),
    ]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return render(c, <ProgrammeFormPage id={id} form={{ values: input.values, errors: { name: c.get('t')('err.duplicate') } }} />, 409);
  }
  return c.redirect('/admin/programmes', 303);
});

toggleRoutes(programmeRoutes, programmes, { objectType: 'programme', back: '/admin/programmes', effect: 'confirm.disable.programme' });
