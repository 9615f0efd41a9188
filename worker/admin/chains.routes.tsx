import { Hono } from 'hono';
import { chainInput } from '../../schema/inputs/enterprises';
import { listQuery } from '../../schema/inputs/fields';
import { chains } from '../../schema/tables';
import { emptyForm } from '../../web/components/fields';
import { ChainFormPage, ChainListPage } from '../../web/pages/admin/chains';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import { isUniqueViolation } from '../lib/db';
import { notFound } from '../lib/errors';
import { render } from '../lib/render';
import { toggleRoutes } from '../lib/toggle-routes';
import { newId } from '../lib/tokens';
import { validateForm } from '../lib/validate';
import { insertChain, listChains, readChain, updateChain } from './chains.queries';

/** 产业链: the industry chains enterprises are grouped by (生物医药, 医疗器械 …). */
export const chainRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';

chainRoutes.get('/', async (c) => {
  const { q, page } = listQuery.parse(c.req.query());
  const result = await listChains(c.get('db'), q, page);
  return render(c, <ChainListPage {...result} q={q} />);
});

chainRoutes.get('/new', (c) => render(c, <ChainFormPage form={emptyForm()} />));

chainRoutes.post('/', async (c) => {
  const db = c.get('db');
  const input = await validateForm(c, chainInput);
  if (!input.ok) return render(c, <ChainFormPage form={input.state} />, 422);
  const id = newId();
  try {
    await db.batch([insertChain(db, input.data, id), auditStatement(db, c, { action: 'create', objectType: 'chain', objectId: id })]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return render(c, <ChainFormPage form={{ values: input.values, errors: { name: c.get('t')('err.duplicate') } }} />, 409);
  }
  return c.redirect('/admin/chains', 303);
});

chainRoutes.get(`${ID}/edit`, async (c) => {
  const chain = await readChain(c.get('db'), c.req.param('id'));
  if (!chain) throw notFound();
  return render(c, <ChainFormPage id={chain.id} form={emptyForm({ name: chain.name })} />);
});

chainRoutes.post(ID, async (c) => {
  const db = c.get('db');
  const id = c.req.param('id');
  if (!(await readChain(db, id))) throw notFound();
  const input = await validateForm(c, chainInput);
  if (!input.ok) return render(c, <ChainFormPage id={id} form={input.state} />, 422);
  try {
    await db.batch([updateChain(db, id, input.data), auditStatement(db, c, { action: 'update', objectType: 'chain', objectId: id })]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return render(c, <ChainFormPage id={id} form={{ values: input.values, errors: { name: c.get('t')('err.duplicate') } }} />, 409);
  }
  return c.redirect('/admin/chains', 303);
});

toggleRoutes(chainRoutes, chains, { objectType: 'chain', back: '/admin/chains', effect: 'confirm.disable.chain' });
