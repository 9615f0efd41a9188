// The problem ledger's state machine (DESIGN §5), pure: no database, no clock (today is passed in), so
// every legal and illegal move is unit-tested (test/unit/transitions.test.ts). The routes only read the
// row, ask `applyAction` what to write, and write the patch and the event in one batch.
import type { FOLLOW_UPS, PROBLEM_EVENT_KINDS } from '../../schema/memo-tables';
import { deadlineInForce } from '../../schema/rules/due-date';
import { isOpen, type ProblemStatus } from '../../schema/rules/problem-status';

export type { ProblemStatus };
export type FollowUp = (typeof FOLLOW_UPS)[number];
export type EventKind = (typeof PROBLEM_EVENT_KINDS)[number];

/** The columns the rules look at. */
export type ProblemState = {
  status: ProblemStatus;
  raisedOn: string;
  deadline: string | null;
  /** 延期: the deadline after extensions, null when never extended. */
  extendedDeadline: string | null;
  followUp: FollowUp | null;
  struckOff: boolean;
};

export type ProblemAction =
  | { kind: 'accept'; note: string } // 受理
  | { kind: 'progress'; note: string } // 办理进展
  | { kind: 'extend'; reason: string; deadline: string } // 延期
  | { kind: 'close'; resolution: string } // 办结
  | { kind: 'unresolvable'; reason: string } // 无法办理
  | { kind: 'follow_up'; outcome: FollowUp; note: string } // 回访
  | { kind: 'strike_off'; note: string }; // 销号
export type ActionKind = ProblemAction['kind'];
export const ACTION_KINDS: readonly ActionKind[] = ['accept', 'progress', 'extend', 'close', 'unresolvable', 'follow_up', 'strike_off'];

/** The columns a transition may set. */
export type ProblemPatch = Partial<{
  status: ProblemStatus;
  progress: string;
  extendedDeadline: string;
  resolution: string;
  unresolvableReason: string;
  closedOn: string | null;
  followUp: FollowUp | null;
  followUpOn: string | null;
  struckOff: boolean;
  struckOffOn: string;
}>;

export type ProblemEvent = {
  kind: EventKind;
  from: ProblemStatus;
  to: ProblemStatus;
  note: string;
  data?: Record<string, string>;
};

/** Why a move was refused; each has a message `problem.err.<code>` in web/i18n/memos.ts. */
export type Refusal = 'illegal' | 'noteRequired' | 'resolutionRequired' | 'reasonRequired' | 'deadlineNotLater' | 'deadlinePast';

export type Outcome = { ok: true; patch: ProblemPatch; event: ProblemEvent } | { ok: false; refusal: Refusal; field?: string };

/** 不满意 is the only negative follow-up: it reopens the problem instead of settling it. */
export const isNegative = (f: FollowUp) => f === 'unsatisfied';

/** Overdue = past the (extended) deadline and still open (closed and unresolvable problems never are). */
export function isOverdue(p: Pick<ProblemState, 'status' | 'deadline' | 'extendedDeadline'>, today: string): boolean {
  const due = deadlineInForce(p);
  return isOpen(p.status) && due !== null && due < today;
}

/** Whether the state allows the kind of move at all (the problem page shows only these forms). */
export function canApply(p: ProblemState, kind: ActionKind): boolean {
  if (p.struckOff) return false; // 销号 is final
  switch (kind) {
    case 'accept':
      return p.status === 'pending';
    case 'progress':
    case 'extend':
      return isOpen(p.status);
    // Closing needs the problem to have been taken on (未受理 → 办理中 → 已办结); it may be found
    // unresolvable at intake already (e.g. outside every unit's remit).
    case 'close':
      return p.status === 'in_progress';
    case 'unresolvable':
      return isOpen(p.status);
    case 'follow_up':
      return p.status === 'closed' && p.followUp === null;
    case 'strike_off':
      return p.status === 'closed' && p.followUp !== null && !isNegative(p.followUp);
  }
}

export const allowedActions = (p: ProblemState): ActionKind[] => ACTION_KINDS.filter((k) => canApply(p, k));

const refuse = (refusal: Refusal, field?: string): Outcome => ({ ok: false, refusal, field });
const blank = (s: string) => s.trim() === '';

/** What a move writes, or why it is refused. `today` is the calendar date of the move (YYYY-MM-DD). */
export function applyAction(p: ProblemState, action: ProblemAction, today: string): Outcome {
  if (!canApply(p, action.kind)) return refuse('illegal');
  const from = p.status;
  switch (action.kind) {
    case 'accept':
      return { ok: true, patch: { status: 'in_progress' }, event: { kind: 'accept', from, to: 'in_progress', note: action.note } };
    case 'progress':
      if (blank(action.note)) return refuse('noteRequired', 'note');
      return { ok: true, patch: { progress: action.note }, event: { kind: 'progress', from, to: from, note: action.note } };
    case 'extend': {
      if (blank(action.reason)) return refuse('reasonRequired', 'reason');
      const due = deadlineInForce(p);
      if (due !== null && action.deadline <= due) return refuse('deadlineNotLater', 'deadline');
      if (action.deadline < today) return refuse('deadlinePast', 'deadline');
      const data = { from: due ?? '', to: action.deadline };
      return {
        ok: true,
        patch: { extendedDeadline: action.deadline },
        event: { kind: 'extend', from, to: from, note: action.reason, data },
      };
    }
    case 'close':
      if (blank(action.resolution)) return refuse('resolutionRequired', 'resolution');
      return {
        ok: true,
        patch: { status: 'closed', resolution: action.resolution, closedOn: today },
        event: { kind: 'close', from, to: 'closed', note: action.resolution },
      };
    case 'unresolvable':
      if (blank(action.reason)) return refuse('reasonRequired', 'reason');
      return {
        ok: true,
        patch: { status: 'unresolvable', unresolvableReason: action.reason },
        event: { kind: 'unresolvable', from, to: 'unresolvable', note: action.reason },
      };
    case 'follow_up':
      if (isNegative(action.outcome)) {
        // A negative 回访 reopens the problem for another round: the outcome lives on in the event,
        // the row is cleared so the next round's follow-up can be recorded.
        return {
          ok: true,
          patch: { status: 'in_progress', followUp: null, followUpOn: null, closedOn: null },
          event: { kind: 'reopen', from, to: 'in_progress', note: action.note, data: { followUp: action.outcome, on: today } },
        };
      }
      return {
        ok: true,
        patch: { followUp: action.outcome, followUpOn: today },
        event: { kind: 'follow_up', from, to: 'closed', note: action.note, data: { followUp: action.outcome } },
      };
    case 'strike_off':
      return {
        ok: true,
        patch: { struckOff: true, struckOffOn: today },
        event: { kind: 'strike_off', from, to: 'closed', note: action.note },
      };
  }
}
