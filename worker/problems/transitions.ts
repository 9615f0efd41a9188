// What each move of the supervised ledger writes (DESIGN §5, issue 15), pure: no database, no clock
// (today and the working-day calendar are passed in), so every move is unit-tested
// (test/unit/transitions.test.ts). Who may make a move and from which states is the table of
// schema/rules/problem-moves.ts; this file says what the row, the event and the 待办 become. The route
// checks the actor, asks `applyAction`, and writes the outcome in one batch (problem-write.ts).
import type { FOLLOW_UP_SOURCES, FOLLOW_UPS, PROBLEM_EVENT_KINDS } from '../../schema/memo-tables';
import { deadlineInForce } from '../../schema/rules/due-date';

export { isOverdue } from '../../schema/rules/due-date';

import { isNegative, legal, type Move, type MoveState, officerFollowUpFrom } from '../../schema/rules/problem-moves';
import type { ProblemStatus } from '../../schema/rules/problem-status';
import { type Calendar, workingDaysBetween } from '../../schema/rules/working-days';
import type { TodoChange } from './todos';

export type { ProblemStatus };
export type FollowUp = (typeof FOLLOW_UPS)[number];
export type FollowUpSource = (typeof FOLLOW_UP_SOURCES)[number];
export type EventKind = (typeof PROBLEM_EVENT_KINDS)[number];

/** The columns the rules look at. */
export type ProblemState = MoveState & {
  raisedOn: string;
  deadline: string;
  extendedDeadline: string | null;
  requestedReason: string;
  leadUnitId: string | null;
  dispatchedOn: string | null;
  superviseCount: number;
  /** The programme's days for the enterprise to confirm before the officer's 回访 opens (issue 16). */
  confirmWaitDays: number;
};

type Units = { leadUnitId: string; supportUnitIds: string[]; assigneeId: string | null };

export type ProblemAction =
  | ({ kind: 'dispatch'; deadline: string; note: string } & Units) // 交办
  | ({ kind: 'transfer'; deadline: string | null; reason: string } & Units) // 转办
  | { kind: 'accept'; note: string } // 受理
  | { kind: 'progress'; note: string; forEnterprise: boolean } // 办理进展, shown to the enterprise when marked
  | { kind: 'note'; note: string } // 协办意见
  | { kind: 'request_extension'; deadline: string; reason: string } // 申请延期
  | { kind: 'approve_extension'; note: string }
  | { kind: 'reject_extension'; note: string }
  | { kind: 'close'; resolution: string } // 办结
  | { kind: 'unresolvable'; reason: string } // 无法办理
  | { kind: 'confirm_unresolvable'; note: string } // 确认无法办理
  | { kind: 'follow_up'; outcome: FollowUp; note: string } // 回访 (干部回访)
  | { kind: 'confirm'; outcome: FollowUp; reason: string } // 企业确认
  | { kind: 'strike_off'; note: string } // 销号
  | { kind: 'supervise'; note: string; respondBy: string }; // 督办

/** The columns a move may set. */
export type ProblemPatch = Partial<{
  status: ProblemStatus;
  leadUnitId: string;
  supportUnitIds: string;
  assigneeId: string | null;
  deadline: string;
  deadlineProvisional: boolean;
  extendedDeadline: string | null;
  extensionReason: string;
  requestedDeadline: string | null;
  requestedReason: string;
  progress: string;
  resolution: string;
  unresolvableReason: string;
  dispatchedOn: string;
  acceptedOn: string | null;
  closedOn: string | null;
  dispatchDays: number;
  acceptDays: number | null;
  handlingDays: number | null;
  followUp: FollowUp | null;
  followUpOn: string | null;
  followUpBy: FollowUpSource | null;
  struckOffOn: string;
  supervisedOn: string;
  superviseNote: string;
  superviseBy: string;
  superviseCount: number;
}>;

export type ProblemEvent = {
  kind: EventKind;
  from: ProblemStatus;
  to: ProblemStatus;
  note: string;
  data?: Record<string, string>;
  /** A 办理进展 note shown on the enterprise's page. */
  forEnterprise?: boolean;
};

/** Why a move was refused; each has a message `problem.err.<code>` in web/i18n/problems.ts. */
export type Refusal =
  | 'illegal'
  | 'noteRequired'
  | 'resolutionRequired'
  | 'reasonRequired'
  | 'deadlineNotLater'
  | 'deadlineNotFuture'
  | 'deadlinePast'
  | 'sameUnit'
  | 'leadIsSupport';

export type Outcome =
  | { ok: true; patch: ProblemPatch; event: ProblemEvent; todos: TodoChange }
  | { ok: false; refusal: Refusal; field?: string };

const refuse = (refusal: Refusal, field?: string): Outcome => ({ ok: false, refusal, field });
const blank = (s: string) => s.trim() === '';
const none: TodoChange = { open: [], close: [] };

/** The 待办 of the unit's turn that a settling move (办结, 无法办理, 转办) makes stale. */
const UNIT_TURN = ['accept', 'handle', 'supervised', 'due_soon', 'overdue'] as const;

export type MoveContext = { today: string; calendar: Calendar };

/** What a move writes, or why it is refused. The actor's right to make it is checked before (problem-moves.ts). */
export function applyAction(p: ProblemState, action: ProblemAction, { today, calendar }: MoveContext): Outcome {
  if (!legal(p, action.kind)) return refuse('illegal');
  const from = p.status;
  const days = (since: string | null) => (since === null ? null : workingDaysBetween(since, today, calendar));
  const ok = (patch: ProblemPatch, event: Omit<ProblemEvent, 'from'>, todos: TodoChange = none): Outcome => ({
    ok: true,
    patch,
    event: { ...event, from },
    todos,
  });
  switch (action.kind) {
    case 'dispatch':
    case 'transfer': {
      const transfer = action.kind === 'transfer';
      if (action.supportUnitIds.includes(action.leadUnitId)) return refuse('leadIsSupport', 'supportUnitIds');
      if (transfer && action.leadUnitId === p.leadUnitId) return refuse('sameUnit', 'leadUnitId');
      if (transfer && blank(action.reason)) return refuse('reasonRequired', 'reason');
      if (action.deadline !== null && action.deadline <= today) return refuse('deadlineNotFuture', 'deadline');
      const patch: ProblemPatch = {
        status: 'dispatched',
        leadUnitId: action.leadUnitId,
        supportUnitIds: JSON.stringify(action.supportUnitIds),
        assigneeId: action.assigneeId,
        dispatchedOn: today,
        acceptedOn: null,
        acceptDays: null,
        requestedDeadline: null,
        requestedReason: '',
      };
      // An admin's 办结时限 is an approved one: a dispatch replaces the provisional deadline, a transfer
      // keeps the one in force unless the admin sets another.
      if (action.deadline !== null)
        Object.assign(patch, { deadline: action.deadline, deadlineProvisional: false, extendedDeadline: null, extensionReason: '' });
      if (!transfer) patch.dispatchDays = days(p.raisedOn) ?? 0;
      const data = { unit: action.leadUnitId, deadline: action.deadline ?? deadlineInForce(p) };
      return ok(
        patch,
        { kind: action.kind, to: 'dispatched', note: transfer ? action.reason : action.note, data },
        {
          open: [{ kind: 'accept', to: 'unit' }],
          close: transfer ? [...UNIT_TURN, 'extension', 'confirm'] : ['dispatch', 'dispatch_late', 'request'],
        },
      );
    }
    case 'accept':
      return ok(
        { status: 'in_progress', acceptedOn: today, acceptDays: days(p.dispatchedOn ?? p.raisedOn) },
        { kind: 'accept', to: 'in_progress', note: action.note },
        { open: [], close: ['accept'] },
      );
    case 'progress':
      if (blank(action.note)) return refuse('noteRequired', 'note');
      return ok({ progress: action.note }, { kind: 'progress', to: from, note: action.note, forEnterprise: action.forEnterprise });
    case 'note':
      if (blank(action.note)) return refuse('noteRequired', 'note');
      return ok({}, { kind: 'note', to: from, note: action.note });
    case 'request_extension': {
      if (blank(action.reason)) return refuse('reasonRequired', 'reason');
      const due = deadlineInForce(p);
      if (action.deadline <= due) return refuse('deadlineNotLater', 'deadline');
      if (action.deadline < today) return refuse('deadlinePast', 'deadline');
      return ok(
        { requestedDeadline: action.deadline, requestedReason: action.reason },
        { kind: 'request_extension', to: from, note: action.reason, data: { from: due, to: action.deadline } },
        { open: [{ kind: 'extension', to: 'admins', dueOn: action.deadline }], close: [] },
      );
    }
    case 'approve_extension': {
      // Approval moves the deadline: the deadline in force is the last approved one (due-date.ts).
      const to = p.requestedDeadline as string;
      return ok(
        { extendedDeadline: to, extensionReason: p.requestedReason, requestedDeadline: null, requestedReason: '' },
        { kind: 'approve_extension', to: from, note: action.note, data: { from: deadlineInForce(p), to } },
        { open: [], close: ['extension', 'due_soon', 'overdue'] },
      );
    }
    case 'reject_extension':
      return ok(
        { requestedDeadline: null, requestedReason: '' },
        { kind: 'reject_extension', to: from, note: action.note, data: { from: deadlineInForce(p), to: p.requestedDeadline ?? '' } },
        { open: [], close: ['extension'] },
      );
    case 'close':
      if (blank(action.resolution)) return refuse('resolutionRequired', 'resolution');
      return ok(
        { status: 'closed', resolution: action.resolution, closedOn: today, handlingDays: days(p.dispatchedOn) },
        { kind: 'close', to: 'closed', note: action.resolution },
        // The officer's 回访 待办 is due when their phone 回访 opens: the enterprise answers first (issue 16).
        { open: [{ kind: 'follow_up', to: 'officer', dueOn: officerFollowUpFrom(today, p.confirmWaitDays) }], close: [...UNIT_TURN] },
      );
    case 'unresolvable':
      if (blank(action.reason)) return refuse('reasonRequired', 'reason');
      return ok(
        { status: 'unresolvable', unresolvableReason: action.reason },
        { kind: 'unresolvable', to: 'unresolvable', note: action.reason },
        { open: [{ kind: 'confirm', to: 'admins' }], close: [...UNIT_TURN] },
      );
    case 'confirm_unresolvable':
      return ok(
        { status: 'unresolved', closedOn: today, handlingDays: days(p.dispatchedOn), requestedDeadline: null, requestedReason: '' },
        { kind: 'confirm_unresolvable', to: 'unresolved', note: action.note },
        { open: [], close: ['confirm', 'extension'] },
      );
    case 'follow_up':
      return followUp(action.outcome, action.note, 'officer', today);
    case 'confirm':
      if (isNegative(action.outcome) && blank(action.reason)) return refuse('reasonRequired', 'reason');
      return followUp(action.outcome, action.reason, 'enterprise', today);
    case 'strike_off':
      return ok(
        { status: 'struck_off', struckOffOn: today },
        { kind: 'strike_off', to: 'struck_off', note: action.note },
        {
          open: [],
          close: ['strike_off'],
        },
      );
    case 'supervise':
      if (blank(action.note)) return refuse('noteRequired', 'note');
      if (action.respondBy < today) return refuse('deadlinePast', 'respondBy');
      return ok(
        { supervisedOn: today, superviseNote: action.note, superviseBy: action.respondBy, superviseCount: p.superviseCount + 1 },
        { kind: 'supervise', to: from, note: action.note, data: { respondBy: action.respondBy } },
        { open: [{ kind: 'supervised', to: 'unit', dueOn: action.respondBy }], close: [] },
      );
  }

  /**
   * A 回访, by the officer (干部回访) or the enterprise (企业确认). A negative one reopens the problem to the
   * handler: the outcome and the old result live on in the events, the row is cleared (issue 14: a
   * reopened problem carries no 办理结果) for the next round.
   */
  function followUp(outcome: FollowUp, note: string, by: FollowUpSource, on: string): Outcome {
    if (isNegative(outcome)) {
      return ok(
        { status: 'in_progress', followUp: null, followUpOn: null, followUpBy: null, closedOn: null, handlingDays: null, resolution: '' },
        { kind: 'reopen', to: 'in_progress', note, data: { followUp: outcome, on, by } },
        { open: [{ kind: 'handle', to: 'unit' }], close: ['follow_up'] },
      );
    }
    return ok(
      { followUp: outcome, followUpOn: on, followUpBy: by },
      { kind: by === 'enterprise' ? 'confirm' : 'follow_up', to: 'closed', note, data: { followUp: outcome, by } },
      { open: [{ kind: 'strike_off', to: 'admins' }], close: ['follow_up'] },
    );
  }
}

/** Every move's kind, for the routes and the tests. */
export type ActionKind = Move;
