// Who may make which move of the supervised ledger, and from which states (DESIGN §5, issue 15): the one
// table of roles × moves. The server's guard (worker/problems/problems.routes.tsx) reads it before any
// other check, the problem page offers only the moves it allows, and test/integration/problem-roles.test.ts
// tries every cell of it (a move by any other actor: 403, audited, nothing stored). What a move writes
// is worker/problems/transitions.ts. Pure.
//
// Actors are roles as they stand to one problem: the admin (链办), the officer paired with the
// enterprise (帮扶干部), a handler (单位联络员) of the 主办单位 ('lead') or of a 协办单位 ('support'), and the
// enterprise itself on its 我的诉求 page (issue 16), through its personal link, never a staff account.
import type { FOLLOW_UPS } from '../memo-tables.ts';
import { addDays } from './china-time.ts';
import type { ProblemStatus } from './problem-status.ts';

export const MOVES = [
  'dispatch', // 交办: lead unit, 协办, 责任人, 办结时限
  'transfer', // 转办: to another unit, with a reason
  'accept', // 受理
  'progress', // 办理进展
  'note', // 协办意见: a supporting unit's note
  'request_extension', // 申请延期
  'approve_extension', // 同意延期
  'reject_extension', // 不同意延期
  'close', // 办结
  'unresolvable', // 无法办理
  'confirm_unresolvable', // 确认无法办理
  'follow_up', // 回访 (干部回访: by phone, once the enterprise has not confirmed within N days)
  'confirm', // 企业确认: the enterprise's own 回访 on its page (issue 16)
  'strike_off', // 销号
  'supervise', // 督办
] as const;
export type Move = (typeof MOVES)[number];

export const ACTORS = ['admin', 'officer', 'lead', 'support', 'enterprise'] as const;
export type Actor = (typeof ACTORS)[number];

/**
 * Who may make each move. Officers raise problems (in memos) and record the 回访 the enterprise did not
 * give itself, nothing else; the enterprise confirms a result, nothing else (issue 16).
 */
export const MAY: Record<Move, readonly Actor[]> = {
  dispatch: ['admin'],
  transfer: ['admin'],
  accept: ['lead'],
  progress: ['lead'],
  note: ['support'],
  request_extension: ['lead'],
  approve_extension: ['admin'],
  reject_extension: ['admin'],
  close: ['lead'],
  unresolvable: ['lead'],
  confirm_unresolvable: ['admin'],
  follow_up: ['officer'],
  confirm: ['enterprise'],
  strike_off: ['admin'],
  supervise: ['admin'],
};

export const mayMove = (actor: Actor, move: Move): boolean => MAY[move].includes(actor);

/** The states each move starts from; `legal` adds what the state alone does not say. */
export const FROM: Record<Move, readonly ProblemStatus[]> = {
  dispatch: ['pending'],
  transfer: ['dispatched', 'in_progress', 'unresolvable'],
  accept: ['dispatched'],
  progress: ['in_progress'],
  note: ['dispatched', 'in_progress', 'unresolvable'],
  request_extension: ['dispatched', 'in_progress'],
  approve_extension: ['dispatched', 'in_progress', 'unresolvable'],
  reject_extension: ['dispatched', 'in_progress', 'unresolvable'],
  close: ['in_progress'],
  unresolvable: ['in_progress'],
  confirm_unresolvable: ['unresolvable'],
  follow_up: ['closed'],
  confirm: ['closed'],
  strike_off: ['closed'],
  supervise: ['dispatched', 'in_progress', 'unresolvable'],
};

type FollowUp = (typeof FOLLOW_UPS)[number];

/** 不满意 is the only negative 回访: it reopens the problem to the handler instead of settling it. */
export const isNegative = (f: FollowUp) => f === 'unsatisfied';

/** Days after 办结 the enterprise has to confirm before the officer may record a phone 回访, unless the programme says otherwise. */
export const CONFIRM_WAIT_DAYS = 7;

/** The day from which the officer may record a 回访 of a problem closed on `closedOn` (issue 16). */
export const officerFollowUpFrom = (closedOn: string, waitDays: number) => addDays(closedOn, waitDays);

/**
 * What the rules look at besides the status. `officerFollowUpFrom` is the day the officer's 回访 opens
 * (null while not 办结); `today` is China's date.
 */
export type MoveState = {
  status: ProblemStatus;
  followUp: FollowUp | null;
  requestedDeadline: string | null;
  officerFollowUpFrom: string | null;
  today: string;
};

/** Whether the problem's state allows the move at all (whoever asks). */
export function legal(p: MoveState, move: Move): boolean {
  if (!FROM[move].includes(p.status)) return false;
  switch (move) {
    case 'request_extension':
      return p.requestedDeadline === null; // one request at a time
    case 'approve_extension':
    case 'reject_extension':
      return p.requestedDeadline !== null;
    case 'follow_up':
      // One 回访 per round of handling, and the enterprise answers first: once it has, nothing overwrites
      // its answer; the officer's phone 回访 opens only N days after 办结 without one (issue 16).
      return p.followUp === null && p.officerFollowUpFrom !== null && p.today >= p.officerFollowUpFrom;
    case 'confirm':
      return p.followUp === null;
    case 'strike_off':
      return p.followUp !== null && !isNegative(p.followUp); // only after a non-negative 回访
    default:
      return true;
  }
}

/** The moves an actor may make on the problem now: the forms its page shows. */
export const movesFor = (actor: Actor, p: MoveState): Move[] => MOVES.filter((m) => mayMove(actor, m) && legal(p, m));

/** The signed-in user as the rules see them (the enterprise is never a signed-in user: its routes name it). */
export type Person = { role: 'admin' | 'officer' | 'handler' | 'leader'; unitId: string | null };

/**
 * How a user stands to a problem, or null when a handler's unit has nothing to do with it: a unit sees a
 * problem once it is dispatched (a 待交办 problem's units are only proposed), as 主办 or as 协办. An
 * officer's pairing with the enterprise is checked by the route (worker/auth/access.ts).
 */
export function actorOf(
  user: Person,
  p: { status: ProblemStatus; leadUnitId: string | null; supportUnitIds: readonly string[] },
): Actor | null {
  if (user.role === 'admin') return 'admin';
  if (user.role === 'officer') return 'officer';
  // A leader (领导) reads figures and makes no move (issue 19): no actor, so every move is refused.
  if (user.role === 'leader') return null;
  if (!user.unitId || p.status === 'pending') return null;
  if (p.leadUnitId === user.unitId) return 'lead';
  return p.supportUnitIds.includes(user.unitId) ? 'support' : null;
}
