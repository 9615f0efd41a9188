// One problem's life as the state machine of worker/problems/transitions.ts allows it, with the row it
// ends in and every event on the way. Moves happen a few days apart and stop at the generator's "today",
// so a ledger holds open, overdue, closed and struck-off problems in realistic proportions.
import type { Rng } from '../lib/prng.ts';
import { chinaMs } from './org.ts';

/** 问题编号 suffix alphabet (worker/problems/codes.ts: RFC 4648 base32). */
export const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

type Status = 'pending' | 'in_progress' | 'closed' | 'unresolvable';
export type LifeEvent = { at: number; kind: string; from: Status | null; to: Status; note: string; data: string | null };

const ON_SPOT = '现场解决'; // schema/inputs/memos.ts ON_SPOT_DEFAULT

export function problemPlan(r: Rng, p: { visitDate: string; deadline: string | null; createdAt: number; onSpot: boolean; asOf: string }) {
  const row = {
    status: (p.onSpot ? 'closed' : 'pending') as Status,
    extendedDeadline: null as string | null,
    progress: '',
    resolution: p.onSpot ? ON_SPOT : '',
    unresolvableReason: '',
    solvedOnSpot: p.onSpot ? 1 : 0,
    closedOn: p.onSpot ? p.visitDate : (null as string | null),
    followUpOn: null as string | null,
    followUp: null as string | null,
    struckOff: 0,
    struckOffOn: null as string | null,
    updatedAt: p.createdAt,
  };
  const events: LifeEvent[] = [
    {
      at: p.createdAt,
      kind: 'create',
      from: null,
      to: row.status,
      note: p.onSpot ? ON_SPOT : '',
      data: p.onSpot ? JSON.stringify({ solvedOnSpot: 'true' }) : null,
    },
  ];
  let day = p.visitDate;
  /** The next move, 1–`max` days later; false once that is past "today" (the problem stays as it is). */
  const later = (max: number) => {
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + (1 + r.int(max)) * 86_400_000).toISOString().slice(0, 10);
    if (next > p.asOf) return false;
    day = next;
    return true;
  };
  const move = (kind: string, to: Status, note: string, data: Record<string, string> | null = null) => {
    const at = Math.max(chinaMs(day, 9 + r.next() * 9), row.updatedAt + 1);
    events.push({ at, kind, from: row.status, to, note, data: data && JSON.stringify(data) });
    row.status = to;
    row.updatedAt = at;
  };

  if (!p.onSpot) {
    if (!r.chance(0.88) || !later(5)) return { row, events };
    move('accept', 'in_progress', '已受理，转主办单位办理。');
    if (r.chance(0.4) && later(10)) {
      row.progress = '已召开协调会，明确责任分工。';
      move('progress', 'in_progress', row.progress);
    }
    if (r.chance(0.1) && later(10)) {
      // 30 days after the later of the deadline and today (an extension must move the deadline forward).
      const base = [p.deadline ?? day, day].sort()[1] as string;
      const to = new Date(Date.parse(`${base}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
      row.extendedDeadline = to;
      move('extend', 'in_progress', '需上级部门审批，申请延期。', { from: p.deadline ?? '', to });
    }
    if (r.chance(0.06)) {
      if (!later(20)) return { row, events };
      row.unresolvableReason = '不属于本级事权，已向企业解释。';
      move('unresolvable', 'unresolvable', row.unresolvableReason);
      return { row, events };
    }
    if (!r.chance(0.8) || !later(30)) return { row, events };
    row.resolution = '已协调相关部门办结。';
    row.closedOn = day;
    move('close', 'closed', row.resolution);
  }
  // 回访: 不满意 reopens the problem (the row is cleared, the outcome lives in the event).
  if (!r.chance(0.8) || !later(15)) return { row, events };
  const outcome = r.weighted(['satisfied', 'basically', 'unsatisfied'], [72, 23, 5]);
  if (outcome === 'unsatisfied') {
    row.closedOn = null;
    move('reopen', 'in_progress', '企业对办理结果不满意。', { followUp: outcome, on: day });
    return { row, events };
  }
  row.followUp = outcome;
  row.followUpOn = day;
  move('follow_up', 'closed', '企业认可办理结果。', { followUp: outcome });
  if (r.chance(0.6) && later(10)) {
    row.struckOff = 1;
    row.struckOffOn = day;
    move('strike_off', 'closed', '问题已销号。');
  }
  return { row, events };
}
