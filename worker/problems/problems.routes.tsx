import { type Context, Hono } from 'hono';
import { ACTION_SEGMENTS, ledgerQuery, type ProblemActionKind, problemActionInputs } from '../../schema/inputs/problems';
import { chinaToday, earliest } from '../../schema/rules/china-time';
import { type Actor, actorOf, legal, mayMove, movesFor } from '../../schema/rules/problem-moves';
import type { FormState } from '../../web/components/fields';
import { LedgerPage } from '../../web/pages/problems/ledger';
import { ProblemPage } from '../../web/pages/problems/problem-page';
import { UnitQueuePage } from '../../web/pages/problems/unit-queue';
import type { AppEnv } from '../app-env';
import { canSeeEnterprise } from '../auth/access';
import { audit } from '../lib/audit';
import { forbidden, notFound } from '../lib/errors';
import { render } from '../lib/render';
import { fieldErrors, readForm } from '../lib/validate';
import { deliverAfterWrite } from '../notify/deliver';
import { bulkDispatchRoutes } from './bulk-dispatch.routes';
import { calendarFrom, ledgerDay } from './deadlines.queries';
import { ledgerOptions, listProblems } from './ledger.queries';
import { dispatchDefault, expectedOf, refusalMessage, resolveAction, stateOf } from './move-input';
import { writeTransition } from './problem-write';
import { dispatchOptions, eventsOf, type ProblemView, readProblem, unitNames, unitsById } from './problems.queries';
import { applyAction, isOverdue } from './transitions';

/** 问题台账: the ledger, a problem's page, and the moves of the supervised state machine. */
export const problemRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';
type Ctx = Context<AppEnv>;

const sessionUser = (c: Ctx) => {
  const u = c.get('user');
  if (!u) throw forbidden();
  return u;
};

problemRoutes.route('/', bulkDispatchRoutes);

problemRoutes.get('/', async (c) => {
  const db = c.get('db');
  const user = sessionUser(c);
  const q = ledgerQuery.parse(c.req.query());
  const { today, lateOn } = await ledgerDay(db);
  const [result, options] = await Promise.all([listProblems(db, user, q, { today, lateOn }), ledgerOptions(db, user)]);
  const { page, ...filters } = q;
  const query = Object.fromEntries(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string'));
  // A unit's handler works on a phone: cards, not a nine-column table.
  if (user.role === 'handler') return render(c, <UnitQueuePage {...result} today={today} query={query} />);
  return render(c, <LedgerPage {...result} today={today} lateOn={lateOn} query={query} options={options} />);
});

/** How the user stands to the problem, or "not found" (audited) when it is none of theirs. */
async function visibleProblem(c: Ctx): Promise<{ found: ProblemView; actor: Actor }> {
  const db = c.get('db');
  const user = sessionUser(c);
  const found = await readProblem(db, c.req.param('id') ?? '');
  if (!found) throw notFound();
  const p = found.problem;
  const actor = actorOf(user, { status: p.status, leadUnitId: p.leadUnitId, supportUnitIds: JSON.parse(p.supportUnitIds) as string[] });
  // Another officer's or another unit's problem is "not found": its existence is not theirs to learn.
  if (!actor || (actor === 'officer' && !(await canSeeEnterprise(db, user, p.enterpriseId)))) {
    await audit(c, { action: 'not_visible', objectType: 'problem', objectId: p.id, detail: { method: c.req.method } });
    throw notFound();
  }
  return { found, actor };
}

type Extra = { active?: { action: ProblemActionKind; form: FormState }; message?: string };

async function page(c: Ctx, { found, actor }: { found: ProblemView; actor: Actor }, extra: Extra = {}) {
  const db = c.get('db');
  const p = found.problem;
  const today = chinaToday();
  const allowed = movesFor(actor, stateOf(p, today, found.confirmWaitDays));
  const dispatching = allowed.includes('dispatch') || allowed.includes('transfer');
  const [events, units, options, defaultDeadline] = await Promise.all([
    eventsOf(db, p.id),
    unitsById(db),
    dispatching ? dispatchOptions(db) : Promise.resolve(null),
    allowed.includes('dispatch') ? dispatchDefault(db, p, today) : Promise.resolve(null),
  ]);
  const names = {
    enterprise: found.enterpriseName,
    contact: [found.contactName, found.contactPhone].filter(Boolean).join(' '),
    officer: found.officerName,
    leadUnit: found.leadUnitName,
    proposedUnit: found.proposedUnitName,
    assignee: found.assigneeName,
    supportUnits: unitNames(units, p.supportUnitIds),
    units,
  };
  return (
    <ProblemPage
      problem={p}
      actor={actor}
      names={names}
      overdue={isOverdue(p, today)}
      events={events}
      allowed={allowed}
      dispatch={options ? { ...options, defaultDeadline } : null}
      {...extra}
    />
  );
}

problemRoutes.get(ID, async (c) => render(c, await page(c, await visibleProblem(c))));

for (const [move, segment] of Object.entries(ACTION_SEGMENTS) as [ProblemActionKind, string][]) {
  problemRoutes.post(`${ID}/${segment}`, async (c) => {
    const t = c.get('t');
    const db = c.get('db');
    const view = await visibleProblem(c);
    const { found, actor } = view;
    const p = found.problem;
    // Who may make the move comes first (schema/rules/problem-moves.ts): another role's move is 403,
    // audited, whatever the state or the values sent.
    if (!mayMove(actor, move)) {
      await audit(c, { action: 'forbidden', objectType: 'problem', objectId: p.id, detail: { move, actor } });
      throw forbidden();
    }
    const values = await readForm(c);
    const fail = async (status: 409 | 422, errors: Record<string, string>, message?: string) =>
      render(c, await page(c, view, { active: { action: move, form: { values, errors } }, message }), status);
    // A move the state does not allow is a conflict with the problem's state (409); a bad value is 422.
    const today = chinaToday();
    const state = stateOf(p, today, found.confirmWaitDays);
    if (!legal(state, move)) return fail(409, {}, refusalMessage(t, 'illegal', p.status, move));
    const parsed = problemActionInputs[move].safeParse(values, { reportInput: true });
    if (!parsed.success) return fail(422, fieldErrors(parsed.error, t));
    const action = await resolveAction(db, t, p, move, parsed.data, today);
    if (!action.ok) return fail(422, action.errors);
    const calendar = await calendarFrom(db, earliest(p.raisedOn, today));
    const outcome = applyAction(state, action.action, { today, calendar });
    if (!outcome.ok) {
      const message = refusalMessage(t, outcome.refusal, p.status, move);
      if (outcome.refusal === 'illegal') return fail(409, {}, message);
      return fail(422, outcome.field ? { [outcome.field]: message } : {}, message);
    }
    if (!(await writeTransition(db, c, expectedOf(found), outcome, actor))) {
      // Someone else moved the problem between our read and our write: show them its new state.
      const fresh = await visibleProblem(c);
      return render(
        c,
        await page(c, fresh, { active: { action: move, form: { values, errors: {} } }, message: t('problem.err.conflict') }),
        409,
      );
    }
    deliverAfterWrite(c);
    return c.redirect(`/problems/${p.id}`, 303);
  });
}
