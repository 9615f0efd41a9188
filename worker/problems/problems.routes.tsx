import { type Context, Hono } from 'hono';
import { ACTION_SEGMENTS, ledgerQuery, type ProblemActionKind, problemActionInputs } from '../../schema/inputs/problems';
import { chinaToday } from '../../schema/rules/china-time';
import { deadlineInForce } from '../../schema/rules/due-date';
import type { FormState } from '../../web/components/fields';
import type { MessageKey } from '../../web/i18n';
import { actionKey, statusKey } from '../../web/pages/problems/labels';
import { LedgerPage } from '../../web/pages/problems/ledger';
import { ProblemPage } from '../../web/pages/problems/problem-page';
import type { AppEnv } from '../app-env';
import { canSeeEnterprise } from '../auth/access';
import { audit } from '../lib/audit';
import { forbidden, notFound } from '../lib/errors';
import { render } from '../lib/render';
import { fieldErrors, readForm } from '../lib/validate';
import { ledgerOptions, listProblems } from './ledger.queries';
import { writeTransition } from './problem-write';
import { eventsOf, type ProblemView, readProblem, unitNames } from './problems.queries';
import { allowedActions, applyAction, isOverdue, type ProblemAction, type Refusal } from './transitions';

/** 问题台账: the ledger, a problem's page, and the moves of its state machine. */
export const problemRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';
type Ctx = Context<AppEnv>;

const REFUSALS: Record<Refusal, MessageKey> = {
  illegal: 'problem.err.illegal',
  noteRequired: 'err.required',
  resolutionRequired: 'err.required',
  reasonRequired: 'err.required',
  deadlineNotLater: 'problem.err.deadlineNotLater',
  deadlinePast: 'problem.err.deadlinePast',
};

const sessionUser = (c: Ctx) => {
  const u = c.get('user');
  if (!u) throw forbidden();
  return u;
};

problemRoutes.get('/', async (c) => {
  const db = c.get('db');
  const user = sessionUser(c);
  const q = ledgerQuery.parse(c.req.query());
  const today = chinaToday();
  const [result, options] = await Promise.all([listProblems(db, user, q, today), ledgerOptions(db, user)]);
  const rows = result.rows.map((r) => ({ ...r, due: deadlineInForce(r), overdue: isOverdue(r, today) }));
  const { page, ...filters } = q;
  const query = Object.fromEntries(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return render(c, <LedgerPage {...result} rows={rows} query={query} options={options} />);
});

/** The problem, if the user may see it; another officer's problem is "not found" (its existence is not theirs). */
async function visibleProblem(c: Ctx): Promise<ProblemView> {
  const db = c.get('db');
  const found = await readProblem(db, c.req.param('id') ?? '');
  if (!found) throw notFound();
  if (!(await canSeeEnterprise(db, sessionUser(c), found.problem.enterpriseId))) {
    await audit(c, { action: 'not_visible', objectType: 'problem', objectId: found.problem.id, detail: { method: c.req.method } });
    throw notFound();
  }
  return found;
}

async function page(c: Ctx, found: ProblemView, extra: { active?: { action: ProblemActionKind; form: FormState }; message?: string } = {}) {
  const db = c.get('db');
  const p = found.problem;
  const [events, supportUnits] = await Promise.all([eventsOf(db, p.id), unitNames(db, p.supportUnitIds)]);
  const names = { enterprise: found.enterpriseName, officer: found.officerName, leadUnit: found.leadUnitName, supportUnits };
  return (
    <ProblemPage problem={p} names={names} overdue={isOverdue(p, chinaToday())} events={events} allowed={allowedActions(p)} {...extra} />
  );
}

problemRoutes.get(ID, async (c) => render(c, await page(c, await visibleProblem(c))));

for (const [action, segment] of Object.entries(ACTION_SEGMENTS) as [ProblemActionKind, string][]) {
  problemRoutes.post(`${ID}/${segment}`, async (c) => {
    const t = c.get('t');
    const found = await visibleProblem(c);
    const values = await readForm(c);
    const parsed = problemActionInputs[action].safeParse(values);
    if (!parsed.success) {
      return render(c, await page(c, found, { active: { action, form: { values, errors: fieldErrors(parsed.error, t) } } }), 422);
    }
    const move = { kind: action, ...parsed.data } as ProblemAction;
    const outcome = applyAction(found.problem, move, chinaToday());
    if (!outcome.ok) {
      // A move the state does not allow is a conflict with the problem's state (409); a bad value is 422.
      const message =
        outcome.refusal === 'illegal'
          ? t('problem.err.illegal', { status: t(statusKey(found.problem.status)), action: t(actionKey(action)) })
          : t(REFUSALS[outcome.refusal]);
      const form = { values, errors: outcome.field ? { [outcome.field]: message } : {} };
      const status = outcome.refusal === 'illegal' ? 409 : 422;
      return render(c, await page(c, found, { active: { action, form }, message: status === 409 ? message : undefined }), status);
    }
    if (!(await writeTransition(c.get('db'), c, found.problem, outcome))) {
      // Someone else moved the problem between our read and our write: show them its new state.
      const fresh = await visibleProblem(c);
      return render(c, await page(c, fresh, { active: { action, form: { values, errors: {} } }, message: t('problem.err.conflict') }), 409);
    }
    return c.redirect(`/problems/${found.problem.id}`, 303);
  });
}
