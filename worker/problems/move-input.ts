// Between a move's validated form and the pure state machine (transitions.ts): the problem row as the
// rules see it, the checks only the database can make (the units and the 责任人 exist and are in use),
// the default 办结时限 of a 交办 (schema/rules/due-date.ts), and the messages of refusals.
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { problemActionInputs } from '../../schema/inputs/problems';
import { defaultDeadline } from '../../schema/rules/due-date';
import { type Move, officerFollowUpFrom } from '../../schema/rules/problem-moves';
import { units, users } from '../../schema/tables';
import type { MessageKey, Translate } from '../../web/i18n';
import type { Db } from '../app-env';
import { calendarFrom, deadlineDefaults } from './deadlines.queries';
import type { Expected } from './problem-write';
import type { Problem, ProblemView } from './problems.queries';
import type { ProblemAction, ProblemState, ProblemStatus, Refusal } from './transitions';

/**
 * The columns the rules look at, from a problems row, on China's `today`, under its programme's days for
 * the enterprise to confirm a result (issue 16).
 */
export const stateOf = (p: Problem, today: string, confirmWaitDays: number): ProblemState => ({
  status: p.status,
  followUp: p.followUp,
  today,
  confirmWaitDays,
  officerFollowUpFrom: p.status === 'closed' && p.closedOn ? officerFollowUpFrom(p.closedOn, confirmWaitDays) : null,
  requestedDeadline: p.requestedDeadline,
  requestedReason: p.requestedReason,
  raisedOn: p.raisedOn,
  deadline: p.deadline,
  extendedDeadline: p.extendedDeadline,
  leadUnitId: p.leadUnitId,
  dispatchedOn: p.dispatchedOn,
  superviseCount: p.superviseCount,
});

/** The problem as the guarded write needs it (problem-write.ts). */
export const expectedOf = ({ problem: p, enterpriseName }: ProblemView): Expected => ({
  id: p.id,
  code: p.code,
  enterpriseName,
  officerId: p.officerId,
  leadUnitId: p.leadUnitId,
  assigneeId: p.assigneeId,
  status: p.status,
  updatedAt: p.updatedAt,
  deadline: p.deadline,
  extendedDeadline: p.extendedDeadline,
});

const REFUSALS: Record<Exclude<Refusal, 'illegal'>, MessageKey> = {
  noteRequired: 'err.required',
  resolutionRequired: 'err.required',
  reasonRequired: 'err.required',
  deadlineNotLater: 'problem.err.deadlineNotLater',
  deadlineNotFuture: 'problem.err.deadlineNotFuture',
  deadlinePast: 'problem.err.deadlinePast',
  sameUnit: 'problem.err.sameUnit',
  leadIsSupport: 'problem.err.leadIsSupport',
};

export const refusalMessage = (t: Translate, refusal: Refusal, status: ProblemStatus, move: Move) =>
  refusal === 'illegal'
    ? t('problem.err.illegal', { status: t(`problem.status.${status}`), action: t(`problem.action.${move}`) })
    : t(REFUSALS[refusal]);

/** The 办结时限 a 交办 made today proposes: the category's working days, else the programme default. */
export async function dispatchDefault(db: Db, p: Problem, today: string): Promise<string> {
  const [defaults, calendar] = await Promise.all([deadlineDefaults(db, p.programmeId), calendarFrom(db, today)]);
  return defaultDeadline(today, p.category, defaults, calendar);
}

type Parsed = { [K in Move]: z.output<(typeof problemActionInputs)[K]> };

/** Units picked on a 交办 or 转办 form must be in use; the 责任人 must be a handler of the lead unit. */
async function unitErrors(db: Db, t: Translate, input: Parsed['dispatch'] | Parsed['transfer']): Promise<Record<string, string>> {
  const ids = [input.leadUnitId, ...input.supportUnitIds];
  const [inUse, assignee] = await db.batch([
    db
      .select({ id: units.id })
      .from(units)
      .where(and(inArray(units.id, ids), eq(units.disabled, false))),
    db
      .select({ id: users.id })
      .from(users)
      .where(
        and(eq(users.id, input.assigneeId ?? ''), eq(users.role, 'handler'), eq(users.unitId, input.leadUnitId), eq(users.disabled, false)),
      ),
  ]);
  const known = new Set(inUse.map((u) => u.id));
  const errors: Record<string, string> = {};
  if (!known.has(input.leadUnitId)) errors.leadUnitId = t('err.invalidChoice');
  if (input.supportUnitIds.some((id) => !known.has(id))) errors.supportUnitIds = t('err.invalidChoice');
  if (input.assigneeId && assignee.length === 0) errors.assigneeId = t('problem.err.assignee');
  return errors;
}

/** The move as the state machine takes it, or the field errors the database found. */
export async function resolveAction<M extends Move>(
  db: Db,
  t: Translate,
  p: Problem,
  move: M,
  input: Parsed[M],
  today: string,
): Promise<{ ok: true; action: ProblemAction } | { ok: false; errors: Record<string, string> }> {
  if (move === 'dispatch' || move === 'transfer') {
    const units = input as Parsed['dispatch'] | Parsed['transfer'];
    const errors = await unitErrors(db, t, units);
    if (Object.keys(errors).length) return { ok: false, errors };
    if (move === 'dispatch') {
      const d = units as Parsed['dispatch'];
      return { ok: true, action: { kind: 'dispatch', ...d, deadline: d.deadline ?? (await dispatchDefault(db, p, today)) } };
    }
  }
  return { ok: true, action: { kind: move, ...input } as ProblemAction };
}
