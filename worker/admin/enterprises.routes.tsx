import { type Context, Hono } from 'hono';
import { type EnterpriseInput, enterpriseInput, enterpriseListQuery } from '../../schema/inputs/enterprises';
import { enterprises } from '../../schema/tables';
import { emptyForm, type FormValues } from '../../web/components/fields';
import { EnterpriseFormPage, EnterpriseListPage } from '../../web/pages/admin/enterprises';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import { isUniqueViolation } from '../lib/db';
import { notFound } from '../lib/errors';
import { render } from '../lib/render';
import { toggleRoutes } from '../lib/toggle-routes';
import { newId } from '../lib/tokens';
import { type FormResult, validateForm } from '../lib/validate';
import { chainOptions } from './chains.queries';
import { type Enterprise, insertEnterprise, listEnterprises, readEnterprise, updateEnterprise } from './enterprises.queries';

/** 企业: the enterprises officers are paired with, keyed by 统一社会信用代码. */
export const enterpriseRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';
const BACK = '/admin/enterprises';

enterpriseRoutes.get('/', async (c) => {
  const db = c.get('db');
  const { q, page, chain } = enterpriseListQuery.parse(c.req.query());
  const [result, chains] = await Promise.all([listEnterprises(db, { q, chainId: chain }, page), chainOptions(db, chain || null)]);
  return render(c, <EnterpriseListPage {...result} q={q} chain={chain} chains={chains} />);
});

enterpriseRoutes.get('/new', async (c) => render(c, <EnterpriseFormPage form={emptyForm()} chains={await chainOptions(c.get('db'))} />));

enterpriseRoutes.post('/', async (c) => {
  const db = c.get('db');
  const { input, chains } = await readInput(c, null);
  if (!input.ok) return render(c, <EnterpriseFormPage form={input.state} chains={chains} />, 422);
  const id = newId();
  try {
    await db.batch([
      insertEnterprise(db, input.data, id),
      auditStatement(db, c, { action: 'create', objectType: 'enterprise', objectId: id }),
    ]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return render(c, <EnterpriseFormPage form={duplicateCode(c, input.values)} chains={chains} />, 409);
  }
  return c.redirect(BACK, 303);
});

enterpriseRoutes.get(`${ID}/edit`, async (c) => {
  const db = c.get('db');
  const found = await readEnterprise(db, c.req.param('id'));
  if (!found) throw notFound();
  const chains = await chainOptions(db, found.chainId);
  return render(c, <EnterpriseFormPage id={found.id} form={emptyForm(formValues(found))} chains={chains} />);
});

enterpriseRoutes.post(ID, async (c) => {
  const db = c.get('db');
  const id = c.req.param('id');
  const found = await readEnterprise(db, id);
  if (!found) throw notFound();
  const { input, chains } = await readInput(c, found.chainId);
  if (!input.ok) return render(c, <EnterpriseFormPage id={id} form={input.state} chains={chains} />, 422);
  try {
    await db.batch([
      updateEnterprise(db, id, input.data),
      auditStatement(db, c, { action: 'update', objectType: 'enterprise', objectId: id }),
    ]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return render(c, <EnterpriseFormPage id={id} form={duplicateCode(c, input.values)} chains={chains} />, 409);
  }
  return c.redirect(BACK, 303);
});

toggleRoutes(enterpriseRoutes, enterprises, { objectType: 'enterprise', back: BACK, effect: 'confirm.disable.enterprise' });

/**
 * Validates the form, then the chosen 产业链 against the select's own options (active chains, plus the
 * one the enterprise already has): a stale or forged id is a field error, not a foreign-key failure.
 */
async function readInput(c: Context<AppEnv>, current: string | null) {
  const chains = await chainOptions(c.get('db'), current);
  const input: FormResult<EnterpriseInput> = await validateForm(c, enterpriseInput);
  if (input.ok && input.data.chainId && !chains.some((ch) => ch.id === input.data.chainId)) {
    return { chains, input: { ok: false, state: { values: input.values, errors: { chainId: c.get('t')('err.invalidChoice') } } } as const };
  }
  return { chains, input };
}

const duplicateCode = (c: Context<AppEnv>, values: FormValues) => ({ values, errors: { creditCode: c.get('t')('err.duplicate') } });

const formValues = (e: Enterprise): FormValues => ({
  name: e.name,
  creditCode: e.creditCode,
  region: e.region,
  chainId: e.chainId ?? '',
  sector: e.sector,
  aboveScale: e.aboveScale ? 'on' : undefined,
  contactName: e.contactName,
  contactPhone: e.contactPhone,
});
