import { type Context, Hono } from 'hono';
import type * as z from 'zod';
import {
  leaderInput,
  leaderUpdateInput,
  officerInput,
  officerListQuery,
  officerUpdateInput,
  scopeValue,
} from '../../schema/inputs/officers';
import { users } from '../../schema/tables';
import { emptyForm, type FormState } from '../../web/components/fields';
import {
  type AccountKind,
  HANDLERS,
  LEADERS,
  OFFICERS,
  OfficerFormPage,
  OfficerListPage,
  SetupLinkPage,
} from '../../web/pages/admin/officers';
import type { AppEnv, Db } from '../app-env';
import { revokeUserSessions } from '../auth/session';
import { auditStatement } from '../lib/audit';
import { isUniqueViolation } from '../lib/db';
import { AppError, notFound } from '../lib/errors';
import { qrPath } from '../lib/qr';
import { render } from '../lib/render';
import { toggleRoutes } from '../lib/toggle-routes';
import { newId, randomToken, sha256Hex } from '../lib/tokens';
import { validateForm } from '../lib/validate';
import { insertLeader, scopeOptions, scopeUsable, updateLeader } from './leaders.queries';
import { insertOfficer, listOfficers, readOfficer, SETUP_LINK_MS, setSetupToken, updateOfficer } from './officers.queries';
import { readUnit, unitOptions } from './units.queries';

const ID = '/:id{[0-9a-f-]{36}}';
type Account = NonNullable<Awaited<ReturnType<typeof readOfficer>>>;
/** What every kind's creation form gives: the account's name and login. */
type Named = { name: string; login: string };

/** A unit picked on the form must exist and be in use, unless it is the one the account already has. */
const unitUsable = async (db: Db, unitId: string, current?: string | null) => {
  const unit = await readUnit(db, unitId);
  return !!unit && (!unit.disabled || unit.id === current);
};

/**
 * What differs between the kinds of account: officers and handlers belong to a unit; a leader (领导,
 * issue 19) has a scope instead (the whole programme, one chain or one region). The field the check
 * failed on is named, so the form shows the message beside it.
 */
type Profile<C extends z.ZodType<Named>, U extends z.ZodType> = {
  field: 'unitId' | 'scope';
  options: (db: Db, account?: Account) => Promise<{ value: string; label: string }[]>;
  create: C;
  update: U;
  usable: (db: Db, data: z.output<C> | z.output<U>, account?: Account) => Promise<boolean>;
  insert: (db: Db, id: string, data: z.output<C>) => ReturnType<typeof insertOfficer>;
  save: (db: Db, id: string, data: z.output<U>) => ReturnType<typeof updateOfficer>;
  values: (a: Account) => Record<string, string>;
};

const unitProfile = (role: 'officer' | 'handler'): Profile<typeof officerInput, typeof officerUpdateInput> => ({
  field: 'unitId',
  options: async (db) => (await unitOptions(db)).map((u) => ({ value: u.id, label: u.name })),
  create: officerInput,
  update: officerUpdateInput,
  usable: (db, data, account) => unitUsable(db, data.unitId, account?.unitId),
  insert: (db, id, data) => insertOfficer(db, role, id, data),
  save: updateOfficer,
  values: (a) => ({ unitId: a.unitId ?? '' }),
});

const leaderProfile: Profile<typeof leaderInput, typeof leaderUpdateInput> = {
  field: 'scope',
  options: (db, account) => scopeOptions(db, account?.scopeChainId),
  create: leaderInput,
  update: leaderUpdateInput,
  usable: (db, data, account) => scopeUsable(db, data.scope, account),
  insert: insertLeader,
  save: updateLeader,
  values: (a) => ({ scope: scopeValue(a) }),
};

async function setupToken() {
  const token = randomToken(32);
  return { token, hash: await sha256Hex(token), expiresAt: Date.now() + SETUP_LINK_MS };
}

/**
 * The pages of one kind of account: 帮扶干部 (officers who visit enterprises), 单位联络员 (a unit's
 * handlers of the problems dispatched to it, issue 15) or 领导 (read-only leaders, issue 19). Both get their one-time setup link with the
 * account, and a new one when they need it.
 */
function accountRoutes<C extends z.ZodType<Named>, U extends z.ZodType>(kind: AccountKind, profile: Profile<C, U>) {
  const app = new Hono<AppEnv>();
  const formPage = async (db: Db, form: FormState, account?: Account) => (
    <OfficerFormPage kind={kind} form={form} id={account?.id} options={await profile.options(db, account)} />
  );
  const invalidChoice = (c: Context<AppEnv>, values: FormState['values']) => ({
    values,
    errors: { [profile.field]: c.get('t')('err.invalidChoice') },
  });

  /** The one-time link, shown once, with its QR code so it can be scanned from the admin's screen. */
  const setupPage = (c: Context<AppEnv>, o: { name: string; login: string; token: string; created: boolean }) => {
    const link = `${c.env.APP_ORIGIN}/setup/${o.token}`;
    return render(c, <SetupLinkPage kind={kind} name={o.name} login={o.login} link={link} qr={qrPath(link)} created={o.created} />);
  };

  app.get('/', async (c) => {
    const db = c.get('db');
    const { q, unit, page } = officerListQuery.parse(c.req.query());
    const [result, units] = await Promise.all([listOfficers(db, kind.role, q, unit, page), kind.role === 'leader' ? [] : unitOptions(db)]);
    return render(c, <OfficerListPage kind={kind} {...result} q={q} unit={unit ?? ''} units={units} />);
  });

  app.get('/new', async (c) => render(c, await formPage(c.get('db'), emptyForm())));

  app.post('/', async (c) => {
    const db = c.get('db');
    const t = c.get('t');
    const input = await validateForm(c, profile.create);
    if (!input.ok) return render(c, await formPage(db, input.state), 422);
    if (!(await profile.usable(db, input.data))) return render(c, await formPage(db, invalidChoice(c, input.values)), 422);
    const id = newId();
    // The setup link comes with the account (issue 17): the admin hands it over at once, no second step.
    const setup = await setupToken();
    try {
      await db.batch([
        profile.insert(db, id, input.data),
        setSetupToken(db, id, setup.hash, setup.expiresAt),
        auditStatement(db, c, { action: 'create', objectType: 'user', objectId: id }),
        auditStatement(db, c, { action: 'setup_link', objectType: 'user', objectId: id }),
      ]);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return render(c, await formPage(db, { values: input.values, errors: { login: t('officer.err.loginTaken') } }), 409);
    }
    return setupPage(c, { name: input.data.name, login: input.data.login, token: setup.token, created: true });
  });

  app.get(`${ID}/edit`, async (c) => {
    const db = c.get('db');
    const account = await readOfficer(db, kind.role, c.req.param('id'));
    if (!account) throw notFound();
    const { name, phone, email } = account;
    return render(c, await formPage(db, emptyForm({ name, phone: phone ?? '', email: email ?? '', ...profile.values(account) }), account));
  });

  app.post(ID, async (c) => {
    const db = c.get('db');
    const account = await readOfficer(db, kind.role, c.req.param('id'));
    if (!account) throw notFound();
    const input = await validateForm(c, profile.update);
    if (!input.ok) return render(c, await formPage(db, input.state, account), 422);
    if (!(await profile.usable(db, input.data, account)))
      return render(c, await formPage(db, invalidChoice(c, input.values), account), 422);
    await db.batch([
      profile.save(db, account.id, input.data),
      auditStatement(db, c, { action: 'update', objectType: 'user', objectId: account.id }),
    ]);
    return c.redirect(kind.base, 303);
  });

  /**
   * A one-time link for the officer or handler to choose a password (new account, or forgotten password).
   * D1 keeps only the token's SHA-256; the link is shown once. It is built from APP_ORIGIN, never from the
   * Host header, so a forged Host cannot make the admin hand out a link to someone else's site.
   */
  app.post(`${ID}/setup-link`, async (c) => {
    const db = c.get('db');
    const account = await readOfficer(db, kind.role, c.req.param('id'));
    if (!account) throw notFound();
    if (account.disabled) throw new AppError(409, 'officer_disabled', kind.labels.setupDisabled);
    const setup = await setupToken();
    await db.batch([
      setSetupToken(db, account.id, setup.hash, setup.expiresAt),
      auditStatement(db, c, { action: 'setup_link', objectType: 'user', objectId: account.id }),
    ]);
    return setupPage(c, { name: account.name, login: account.login, token: setup.token, created: false });
  });

  // toggleRoutes works on any users row; these pages may only switch their own role's accounts, never an admin.
  app.use(`${ID}/:action{disable|enable}`, async (c, next) => {
    if (!(await readOfficer(c.get('db'), kind.role, c.req.param('id') ?? ''))) throw notFound();
    await next();
  });
  toggleRoutes(app, users, {
    objectType: 'user',
    back: kind.base,
    effect: kind.labels.disableEffect,
    also: (db, id) => [revokeUserSessions(db, id)],
  });
  return app;
}

export const officerRoutes = accountRoutes(OFFICERS, unitProfile('officer'));
export const handlerRoutes = accountRoutes(HANDLERS, unitProfile('handler'));
export const leaderRoutes = accountRoutes(LEADERS, leaderProfile);
