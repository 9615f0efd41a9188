// One problem's life as the supervised ledger allows it (schema/rules/problem-moves.ts,
// worker/problems/transitions.ts), with the row it ends in and every event on the way: 交办 by the
// office, 受理, 进展, 申请延期 and its approval, 督办, 办结 | 无法办理 → 确认无法办理 by the unit and the
// office, 回访 by the officer, 销号. Moves happen a few days apart and stop at the generator's "today", so
// a ledger holds waiting, open, overdue, closed and struck-off problems in realistic proportions. Working
// days are counted Monday to Friday (no holiday calendar in the generated database).

import { MONDAY_TO_FRIDAY, workingDaysBetween } from '../../schema/rules/working-days.ts';
import type { Rng } from '../lib/prng.ts';
import { chinaMs } from './org.ts';

/** 问题编号 suffix alphabet (worker/problems/codes.ts: RFC 4648 base32). */
export const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

type Status = 'pending' | 'dispatched' | 'in_progress' | 'unresolvable' | 'closed' | 'struck_off' | 'unresolved';
type Role = 'admin' | 'officer' | 'lead';
export type LifeEvent = { at: number; kind: string; role: Role; from: Status | null; to: Status; note: string; data: string | null };

const ON_SPOT = '现场解决'; // schema/inputs/memos.ts ON_SPOT_DEFAULT
const days = (from: string, to: string) => workingDaysBetween(from, to, MONDAY_TO_FRIDAY);
const plus = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function problemPlan(
  r: Rng,
  p: { visitDate: string; deadline: string; createdAt: number; onSpot: boolean; asOf: string; unit: string },
) {
  const row = {
    status: (p.onSpot ? 'closed' : 'pending') as Status,
    leadUnitId: null as string | null,
    deadline: p.deadline,
    deadlineProvisional: p.onSpot ? 0 : 1,
    extendedDeadline: null as string | null,
    extensionReason: '',
    progress: '',
    resolution: p.onSpot ? ON_SPOT : '',
    unresolvableReason: '',
    solvedOnSpot: p.onSpot ? 1 : 0,
    dispatchedOn: null as string | null,
    acceptedOn: null as string | null,
    closedOn: p.onSpot ? p.visitDate : (null as string | null),
    dispatchDays: null as number | null,
    acceptDays: null as number | null,
    handlingDays: null as number | null,
    followUpOn: null as string | null,
    followUp: null as string | null,
    struckOffOn: null as string | null,
    supervisedOn: null as string | null,
    superviseNote: '',
    superviseBy: null as string | null,
    superviseCount: 0,
    updatedAt: p.createdAt,
  };
  const events: LifeEvent[] = [
    {
      at: p.createdAt,
      kind: 'create',
      role: 'officer',
      from: null,
      to: row.status,
      note: p.onSpot ? ON_SPOT : '',
      data: p.onSpot ? JSON.stringify({ solvedOnSpot: 'true' }) : null,
    },
  ];
  let day = p.visitDate;
  /** The next move, 1–`max` days later; false once that is past "today" (the problem stays as it is). */
  const later = (max: number) => {
    const next = plus(day, 1 + r.int(max));
    if (next > p.asOf) return false;
    day = next;
    return true;
  };
  const move = (kind: string, role: Role, to: Status, note: string, data: Record<string, string> | null = null) => {
    const at = Math.max(chinaMs(day, 9 + r.next() * 9), row.updatedAt + 1);
    events.push({ at, kind, role, from: row.status, to, note, data: data && JSON.stringify(data) });
    row.status = to;
    row.updatedAt = at;
  };

  if (!p.onSpot) {
    // 交办 within a week; the office's 办结时限 replaces the provisional one.
    if (!r.chance(0.93) || !later(6)) return { row, events };
    row.leadUnitId = p.unit;
    row.deadline = plus(day, 15 + r.int(30));
    row.deadlineProvisional = 0;
    row.dispatchedOn = day;
    row.dispatchDays = days(p.visitDate, day);
    move('dispatch', 'admin', 'dispatched', '请按时限办理。', { unit: p.unit, deadline: row.deadline });
    if (!r.chance(0.9) || !later(5)) return { row, events };
    row.acceptedOn = day;
    row.acceptDays = days(row.dispatchedOn, day);
    move('accept', 'lead', 'in_progress', '已受理。');
    if (r.chance(0.4) && later(10)) {
      row.progress = '已召开协调会，明确责任分工。';
      move('progress', 'lead', 'in_progress', row.progress);
    }
    if (r.chance(0.1) && later(10)) {
      // 30 days after the later of the deadline and today (an extension must move the deadline forward).
      const to = plus([row.deadline, day].sort()[1] as string, 30);
      const reason = '需上级部门审批，申请延期。';
      move('request_extension', 'lead', 'in_progress', reason, { from: row.deadline, to });
      if (later(3)) {
        move('approve_extension', 'admin', 'in_progress', '同意延期。', { from: row.deadline, to });
        row.extendedDeadline = to;
        row.extensionReason = reason;
      }
    }
    if (r.chance(0.05) && later(10)) {
      row.supervisedOn = day;
      row.superviseNote = '企业反映强烈，请加快办理。';
      row.superviseBy = plus(day, 5);
      row.superviseCount = 1;
      move('supervise', 'admin', 'in_progress', row.superviseNote, { respondBy: row.superviseBy });
    }
    if (r.chance(0.06)) {
      if (!later(20)) return { row, events };
      row.unresolvableReason = '不属于本级事权，已向企业解释。';
      move('unresolvable', 'lead', 'unresolvable', row.unresolvableReason);
      if (!later(5)) return { row, events };
      row.closedOn = day;
      row.handlingDays = days(row.dispatchedOn, day);
      move('confirm_unresolvable', 'admin', 'unresolved', '同意。');
      return { row, events };
    }
    if (!r.chance(0.8) || !later(30)) return { row, events };
    row.resolution = '已协调相关部门办结。';
    row.closedOn = day;
    row.handlingDays = days(row.dispatchedOn, day);
    move('close', 'lead', 'closed', row.resolution);
  }
  // 回访: 不满意 reopens the problem (the row is cleared, the outcome lives in the event).
  if (!r.chance(0.8) || !later(15)) return { row, events };
  const outcome = r.weighted(['satisfied', 'basically', 'unsatisfied'], [72, 23, 5]);
  if (outcome === 'unsatisfied' && row.leadUnitId) {
    row.closedOn = null;
    row.handlingDays = null;
    row.resolution = '';
    move('reopen', 'officer', 'in_progress', '企业对办理结果不满意。', { followUp: outcome, on: day });
    return { row, events };
  }
  if (outcome === 'unsatisfied') return { row, events }; // solved on the spot: no unit to send it back to
  row.followUp = outcome;
  row.followUpOn = day;
  move('follow_up', 'officer', 'closed', '企业认可办理结果。', { followUp: outcome });
  if (r.chance(0.6) && later(10)) {
    row.struckOffOn = day;
    move('strike_off', 'admin', 'struck_off', '问题已销号。');
  }
  return { row, events };
}
