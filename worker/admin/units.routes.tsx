import { Hono } from 'hono';
import { unitInput } from '../../schema/inputs/admin';
import { listQuery } from '../../schema/inputs/fields';
import { units } from '../../schema/tables';
import { emptyForm } from '../../web/components/fields';
import { UnitFormPage, UnitListPage } from '../../web/pages/admin/units';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import { isUniqueViolation } from '../lib/db';
import { notFound } from '../lib/errors';
import { render } from '../lib/render';
import { toggleRoutes } from '../lib/toggle-routes';
import { newId } from '../lib/tokens';
import { validateForm } from '../lib/validate';
import { insertUnit, listUnits, readUnit, updateUnit } from './units.queries';

export const unitRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';

unitRoutes.get('/', async (c) => {
  const { q, page } = listQuery.parse(c.req.query());
  const result = await listUnits(c.get('db'), q, page);
  return render(c, <UnitListPage {...result} q={q} />);
});

unitRoutes.get('/new', (c) => render(c, <UnitFormPage form={emptyForm()} />));

unitRoutes.post('/', async (c) => {
  const db = c.get('db');
  const input = await validateForm(c, unitInput);
  if (!input.ok) return render(c, <UnitFormPage form={input.state} />, 422);
  const id = newId();
  try {
    await db.batch([insertUnit(db, input.data, id), auditStatement(db, c, { action: 'create', objectType: 'unit', objectId: id })]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return render(c, <UnitFormPage form={{ values: input.values, errors: { name: c.get('t')('err.duplicate') } }} />, 409);
  }
  return c.redirect('/admin/units', 303);
});

unitRoutes.get(`${ID}/edit`, async (c) => {
  const unit = await readUnit(c.get('db'), c.req.param('id'));
  if (!unit) throw notFound();
  return render(c, <UnitFormPage id={unit.id} form={emptyForm({ name: unit.name })} />);
});

unitRoutes.post(ID, async (c) => {
  const db = c.get('db');
  const id = c.req.param('id');
  if (!(await readUnit(db, id))) throw notFound();
  const input = await validateForm(c, unitInput);
  if (!input.ok) return render(c, <UnitFormPage id={id} form={input.state} />, 422);
  try {
    await db.batch([updateUnit(db, id, input.data), auditStatement(db, c, { action: 'update', objectType: 'unit', objectId: id })]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return render(c, <UnitFormPage id={id} form={{ values: input.values, errors: { name: c.get('t')('err.duplicate') } }} />, 409);
  }
  return c.redirect('/admin/units', 303);
});

toggleRoutes(unitRoutes, units, { objectType: 'unit', back: '/admin/units', effect: 'confirm.disable.unit' });
