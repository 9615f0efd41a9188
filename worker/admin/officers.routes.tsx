import { Hono } from 'hono';
import { officerInput, officerListQuery, officerUpdateInput } from '../../schema/inputs/officers';
import { users } from '../../schema/tables';
import { emptyForm, type FormState } from '../../web/components/fields';
import { type AccountKind, HANDLERS, OFFICERS, OfficerFormPage, OfficerListPage, SetupLinkPage } from '../../web/pages/admin/officers';
import type { AppEnv, Db } from '../app-env';
import { revokeUserSessions } from '../auth/session';
import { auditStatement } from '../lib/audit';
import { isUniqueViolation } from '../lib/db';
import { AppError, notFound } from '../lib/errors';
import { render } from '../lib/render';
import { toggleRoutes } from '../lib/toggle-routes';
import { newId, randomToken, sha256Hex } from '../lib/tokens';
import { validateForm } from '../lib/validate';
import { insertOfficer, listOfficers, readOfficer, setSetupToken, updateOfficer } from './officers.queries';
import { readUnit, unitOptions } from './units.queries';

const ID = '/:id{[0-9a-f-]{36}}';
export const SETUP_LINK_MS = 72 * 60 * 60 * 1000;

/**
 * The pages of one kind of account: 帮扶干部 (officers who visit enterprises) or 单位联络员 (a unit's
 * handlers of the problems dispatched to it). Both get a one-time password-setup link from the admin.
 */
function accountRoutes(kind: AccountKind) {
  const app = new Hono<AppEnv>();
  const formPage = async (db: Db, form: FormState, id?: string) => (
    <OfficerFormPage kind={kind} form={form} id={id} units={await unitOptions(db)} />
  );
  /** A unit picked on the form must exist and be in use, unless it is the one the officer already has. */
  const unitUsable = async (db: Db, unitId: string, current?: string | null) => {
    const unit = await readUnit(db, unitId);
    return !!unit && (!unit.disabled || unit.id === current);
  };

  app.get('/', async (c) => {
    const db = c.get('db');
    const { q, unit, page } = officerListQuery.parse(c.req.query());
    const [result, units] = await Promise.all([listOfficers(db, kind.role, q, unit, page), unitOptions(db)]);
    return render(c, <OfficerListPage kind={kind} {...result} q={q} unit={unit ?? ''} units={units} />);
  });

  app.get('/new', async (c) => render(c, await formPage(c.get('db'), emptyForm())));

  app.post('/', async (c) => {
    const db = c.get('db');
    const t = c.get('t');
    const input = await validateForm(c, officerInput);
    if (!input.ok) return render(c, await formPage(db, input.state), 422);
    if (!(await unitUsable(db, input.data.unitId))) {
      return render(c, await formPage(db, { values: input.values, errors: { unitId: t('err.invalidChoice') } }), 422);
    }
    const id = newId();
    try {
      await db.batch([
        insertOfficer(db, kind.role, id, input.data),
        auditStatement(db, c, { action: 'create', objectType: 'user', objectId: id }),
      ]);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return render(c, await formPage(db, { values: input.values, errors: { login: t('officer.err.loginTaken') } }), 409);
    }
    return c.redirect(kind.base, 303);
  });

  app.get(`${ID}/edit`, async (c) => {
    const db = c.get('db');
    const officer = await readOfficer(db, kind.role, c.req.param('id'));
    if (!officer) throw notFound();
    const { name, unitId, phone, email } = officer;
    return render(c, await formPage(db, emptyForm({ name, unitId: unitId ?? '', phone: phone ?? '', email: email ?? '' }), officer.id));
  });

  app.post(ID, async (c) => {
    const db = c.get('db');
    const officer = await readOfficer(db, kind.role, c.req.param('id'));
    if (!officer) throw notFound();
    const input = await validateForm(c, officerUpdateInput);
    if (!input.ok) return render(c, await formPage(db, input.state, officer.id), 422);
    if (!(await unitUsable(db, input.data.unitId, officer.unitId))) {
      const errors = { unitId: c.get('t')('err.invalidChoice') };
      return render(c, await formPage(db, { values: input.values, errors }, officer.id), 422);
    }
    await db.batch([
      updateOfficer(db, officer.id, input.data),
      auditStatement(db, c, { action: 'update', objectType: 'user', objectId: officer.id }),
    ]);
    return c.redirect(kind.base, 303);
  });

  /**
   * A one-time link for the officer or handler to choose a password (new account, or forgotten password). D1 keeps
   * only the token's SHA-256; the link is shown once. It is built from APP_ORIGIN, never from the Host
   * header, so a forged Host cannot make the admin hand out a link to someone else's site.
   */
  app.post(`${ID}/setup-link`, async (c) => {
    const db = c.get('db');
    const officer = await readOfficer(db, kind.role, c.req.param('id'));
    if (!officer) throw notFound();
    if (officer.disabled) throw new AppError(409, 'officer_disabled', kind.labels.setupDisabled);
    const token = randomToken(32);
    await db.batch([
      setSetupToken(db, officer.id, await sha256Hex(token), Date.now() + SETUP_LINK_MS),
      auditStatement(db, c, { action: 'setup_link', objectType: 'user', objectId: officer.id }),
    ]);
    const link = `${c.env.APP_ORIGIN}/setup/${token}`;
    return render(c, <SetupLinkPage kind={kind} name={officer.name} login={officer.login} link={link} />);
  });

  // toggleRoutes works on any users row; this page may only switch its own role's accounts, never an admin.
  app.use(`${ID}/:action{disable|enable}`, async (c, next) => {
    if (!(await readOfficer(c.get('db'), kind.role, c.req.param('id') ?? ''))) throw notFound();
    await next();
  });
  toggleRoutes(app, users, 'user', kind.base, (db, id) => [revokeUserSessions(db, id)]);
  return app;
}

export const officerRoutes = accountRoutes(OFFICERS);
export const handlerRoutes = accountRoutes(HANDLERS);
