// The supervised state machine, pure: which moves each state allows (schema/rules/problem-moves.ts) and
// what each move writes (worker/problems/transitions.ts), with the working days it counts.
import { describe, expect, it } from 'vitest';
import { FROM, legal, MAY, MOVES, type Move, movesFor } from '../../schema/rules/problem-moves';
import { calendarOf, MONDAY_TO_FRIDAY } from '../../schema/rules/working-days';
import { type ActionKind, applyAction, isOverdue, type ProblemAction, type ProblemState } from '../../worker/problems/transitions';

const TODAY = '2026-04-15'; // a Wednesday
const ctx = { today: TODAY, calendar: MONDAY_TO_FRIDAY };
const base: ProblemState = {
  status: 'pending',
  followUp: null,
  requestedDeadline: null,
  requestedReason: '',
  raisedOn: '2026-04-01',
  deadline: '2026-04-30',
  extendedDeadline: null,
  leadUnitId: null,
  dispatchedOn: null,
  superviseCount: 0,
  today: TODAY,
  officerFollowUpFrom: null,
  confirmWaitDays: 7,
};
const U1 = '00000000-0000-4000-8000-000000000001';
const U2 = '00000000-0000-4000-8000-000000000002';

const STATES: Record<string, ProblemState> = {
  pending: base,
  dispatched: { ...base, status: 'dispatched', leadUnitId: U1, dispatchedOn: '2026-04-06' },
  dispatched_requested: { ...base, status: 'dispatched', leadUnitId: U1, requestedDeadline: '2026-05-30', requestedReason: '审批' },
  in_progress: { ...base, status: 'in_progress', leadUnitId: U1, dispatchedOn: '2026-04-06' },
  in_progress_requested: { ...base, status: 'in_progress', leadUnitId: U1, requestedDeadline: '2026-05-30', requestedReason: '审批' },
  unresolvable: { ...base, status: 'unresolvable', leadUnitId: U1, dispatchedOn: '2026-04-06' },
  // 办结 8 days ago: the enterprise has not confirmed within 7 days, so the officer's 回访 is open too.
  closed: { ...base, status: 'closed', leadUnitId: U1, officerFollowUpFrom: '2026-04-14' },
  // 办结 yesterday: only the enterprise may answer yet (issue 16).
  closed_waiting: { ...base, status: 'closed', leadUnitId: U1, officerFollowUpFrom: '2026-04-21' },
  closed_satisfied: { ...base, status: 'closed', followUp: 'satisfied' },
  closed_basically: { ...base, status: 'closed', followUp: 'basically' },
  struck_off: { ...base, status: 'struck_off', followUp: 'satisfied' },
  unresolved: { ...base, status: 'unresolved' },
};

/** A well-formed move of each kind, so only the state decides. */
const MOVE: Record<ActionKind, ProblemAction> = {
  dispatch: { kind: 'dispatch', leadUnitId: U1, supportUnitIds: [], assigneeId: null, deadline: '2026-05-06', note: '' },
  transfer: { kind: 'transfer', leadUnitId: U2, supportUnitIds: [], assigneeId: null, deadline: null, reason: '不属本单位职责' },
  accept: { kind: 'accept', note: '' },
  progress: { kind: 'progress', note: '已协调', forEnterprise: false },
  note: { kind: 'note', note: '协办意见' },
  request_extension: { kind: 'request_extension', reason: '审批周期长', deadline: '2026-06-30' },
  approve_extension: { kind: 'approve_extension', note: '' },
  reject_extension: { kind: 'reject_extension', note: '' },
  close: { kind: 'close', resolution: '已解决' },
  unresolvable: { kind: 'unresolvable', reason: '超出事权' },
  confirm_unresolvable: { kind: 'confirm_unresolvable', note: '' },
  follow_up: { kind: 'follow_up', outcome: 'satisfied', note: '' },
  confirm: { kind: 'confirm', outcome: 'satisfied', reason: '' },
  strike_off: { kind: 'strike_off', note: '' },
  supervise: { kind: 'supervise', note: '请加快办理', respondBy: '2026-04-20' },
};

/** The whole table of DESIGN §5 and issue 15: which moves each state allows (whoever makes them). */
const LEGAL: Record<string, Move[]> = {
  pending: ['dispatch'],
  dispatched: ['transfer', 'accept', 'note', 'request_extension', 'supervise'],
  dispatched_requested: ['transfer', 'accept', 'note', 'approve_extension', 'reject_extension', 'supervise'],
  in_progress: ['transfer', 'progress', 'note', 'request_extension', 'close', 'unresolvable', 'supervise'],
  in_progress_requested: ['transfer', 'progress', 'note', 'approve_extension', 'reject_extension', 'close', 'unresolvable', 'supervise'],
  unresolvable: ['transfer', 'note', 'confirm_unresolvable', 'supervise'],
  closed: ['follow_up', 'confirm'],
  closed_waiting: ['confirm'],
  closed_satisfied: ['strike_off'],
  closed_basically: ['strike_off'],
  struck_off: [],
  unresolved: [],
};

describe('the transition table', () => {
  for (const [name, state] of Object.entries(STATES)) {
    for (const kind of MOVES) {
      const allowed = LEGAL[name]?.includes(kind) ?? false;
      it(`${allowed ? 'allows' : 'refuses'} ${kind} when ${name}`, () => {
        expect(legal(state, kind)).toBe(allowed);
        const outcome = applyAction(state, MOVE[kind], ctx);
        expect(outcome.ok).toBe(allowed);
        if (!outcome.ok) expect(outcome.refusal).toBe('illegal');
        else expect(outcome.event.from).toBe(state.status);
      });
    }
  }

  it('gives every move its actors and starting states, and officers only the 回访', () => {
    for (const m of MOVES) expect([MAY[m].length > 0, FROM[m].length > 0], m).toEqual([true, true]);
    expect(MOVES.filter((m) => MAY[m].includes('officer'))).toEqual(['follow_up']);
    expect(MOVES.filter((m) => MAY[m].includes('support'))).toEqual(['note']);
    expect(MOVES.filter((m) => MAY[m].includes('enterprise'))).toEqual(['confirm']);
    expect(MOVES.filter((m) => MAY[m].includes('lead'))).toEqual(['accept', 'progress', 'request_extension', 'close', 'unresolvable']);
    expect(movesFor('admin', STATES.in_progress_requested as ProblemState)).toEqual([
      'transfer',
      'approve_extension',
      'reject_extension',
      'supervise',
    ]);
    expect(movesFor('officer', STATES.in_progress as ProblemState)).toEqual([]);
  });
});

describe('what each move writes', () => {
  it('交办: the unit, an approved deadline, the working days since raised, a 受理 待办 for the unit', () => {
    const r = applyAction(base, MOVE.dispatch, ctx);
    expect(r).toMatchObject({
      ok: true,
      patch: {
        status: 'dispatched',
        leadUnitId: U1,
        deadline: '2026-05-06',
        deadlineProvisional: false,
        dispatchedOn: TODAY,
        dispatchDays: 10,
      },
      event: { kind: 'dispatch', from: 'pending', to: 'dispatched', data: { unit: U1, deadline: '2026-05-06' } },
      todos: { open: [{ kind: 'accept', to: 'unit' }], close: ['dispatch', 'dispatch_late', 'request'] },
    });
    expect(applyAction(base, { ...MOVE.dispatch, deadline: TODAY } as ProblemAction, ctx)).toMatchObject({
      ok: false,
      refusal: 'deadlineNotFuture',
    });
    expect(applyAction(base, { ...MOVE.dispatch, supportUnitIds: [U1] } as ProblemAction, ctx)).toMatchObject({
      ok: false,
      refusal: 'leadIsSupport',
    });
  });

  it('转办: another unit and a reason, back to 已交办; the deadline in force stays unless a new one is set', () => {
    const r = applyAction(STATES.unresolvable as ProblemState, MOVE.transfer, ctx);
    expect(r).toMatchObject({ ok: true, patch: { status: 'dispatched', leadUnitId: U2, dispatchedOn: TODAY, acceptedOn: null } });
    if (r.ok) expect(r.patch.deadline).toBeUndefined();
    expect(applyAction(STATES.in_progress as ProblemState, { ...MOVE.transfer, leadUnitId: U1 } as ProblemAction, ctx)).toMatchObject({
      ok: false,
      refusal: 'sameUnit',
    });
    expect(applyAction(STATES.in_progress as ProblemState, { ...MOVE.transfer, reason: ' ' } as ProblemAction, ctx)).toMatchObject({
      ok: false,
      refusal: 'reasonRequired',
    });
  });

  it('受理 counts the working days since 交办', () => {
    expect(applyAction(STATES.dispatched as ProblemState, MOVE.accept, ctx)).toMatchObject({
      ok: true,
      patch: { status: 'in_progress', acceptedOn: TODAY, acceptDays: 7 }, // Mon 04-06 → Wed 04-15
      todos: { close: ['accept'] },
    });
  });

  it('申请延期 moves nothing until the admin approves; the admin may reject', () => {
    const asked = applyAction(STATES.in_progress as ProblemState, MOVE.request_extension, ctx);
    expect(asked).toMatchObject({
      ok: true,
      patch: { requestedDeadline: '2026-06-30', requestedReason: '审批周期长' },
      todos: { open: [{ kind: 'extension', to: 'admins', dueOn: '2026-06-30' }] },
    });
    if (asked.ok) expect(asked.patch.extendedDeadline).toBeUndefined();
    expect(applyAction(STATES.in_progress_requested as ProblemState, MOVE.approve_extension, ctx)).toMatchObject({
      ok: true,
      patch: { extendedDeadline: '2026-05-30', extensionReason: '审批', requestedDeadline: null },
      event: { data: { from: '2026-04-30', to: '2026-05-30' } },
    });
    const rejected = applyAction(STATES.in_progress_requested as ProblemState, MOVE.reject_extension, ctx);
    expect(rejected).toMatchObject({ ok: true, patch: { requestedDeadline: null } });
    if (rejected.ok) expect(rejected.patch.extendedDeadline).toBeUndefined();
    const bad = (deadline: string) =>
      applyAction(STATES.in_progress as ProblemState, { kind: 'request_extension', reason: 'x', deadline }, ctx);
    expect(bad('2026-04-30')).toMatchObject({ ok: false, refusal: 'deadlineNotLater', field: 'deadline' });
    expect(
      applyAction(STATES.in_progress as ProblemState, { kind: 'request_extension', reason: '', deadline: '2026-06-30' }, ctx),
    ).toMatchObject({
      ok: false,
      refusal: 'reasonRequired',
    });
  });

  it('办结 needs the resolution, counts the handling days and asks the officer for a 回访 once the enterprise’s days are over', () => {
    expect(applyAction(STATES.in_progress as ProblemState, MOVE.close, ctx)).toMatchObject({
      ok: true,
      patch: { status: 'closed', resolution: '已解决', closedOn: TODAY, handlingDays: 7 },
      todos: { open: [{ kind: 'follow_up', to: 'officer', dueOn: '2026-04-22' }] },
    });
    expect(applyAction(STATES.in_progress as ProblemState, { kind: 'close', resolution: '' }, ctx)).toMatchObject({
      ok: false,
      refusal: 'resolutionRequired',
    });
  });

  it('无法办理 waits for the admin, who confirms it: closed, not resolved', () => {
    expect(applyAction(STATES.in_progress as ProblemState, MOVE.unresolvable, ctx)).toMatchObject({
      ok: true,
      patch: { status: 'unresolvable', unresolvableReason: '超出事权' },
      todos: { open: [{ kind: 'confirm', to: 'admins' }] },
    });
    expect(applyAction(STATES.unresolvable as ProblemState, MOVE.confirm_unresolvable, ctx)).toMatchObject({
      ok: true,
      patch: { status: 'unresolved', closedOn: TODAY, handlingDays: 7 },
    });
  });

  it('回访: a non-negative one asks for 销号; 不满意 reopens to the unit and clears the old 办理结果 (issue 14)', () => {
    for (const outcome of ['satisfied', 'basically'] as const) {
      expect(applyAction(STATES.closed as ProblemState, { kind: 'follow_up', outcome, note: '' }, ctx)).toMatchObject({
        ok: true,
        patch: { followUp: outcome, followUpOn: TODAY },
        todos: { open: [{ kind: 'strike_off', to: 'admins' }] },
      });
    }
    expect(applyAction(STATES.closed as ProblemState, { kind: 'follow_up', outcome: 'unsatisfied', note: '没解决' }, ctx)).toMatchObject({
      ok: true,
      patch: { status: 'in_progress', followUp: null, closedOn: null, resolution: '', handlingDays: null },
      event: { kind: 'reopen', to: 'in_progress', data: { followUp: 'unsatisfied' } },
      todos: { open: [{ kind: 'handle', to: 'unit' }] },
    });
  });

  it('企业确认 (issue 16): recorded as the enterprise’s; 不满意 needs a reason and reopens; the officer cannot overwrite it', () => {
    const closed = STATES.closed_waiting as ProblemState;
    const confirmed = applyAction(closed, { kind: 'confirm', outcome: 'basically', reason: '' }, ctx);
    expect(confirmed).toMatchObject({
      ok: true,
      patch: { followUp: 'basically', followUpOn: TODAY, followUpBy: 'enterprise' },
      event: { kind: 'confirm', to: 'closed', data: { followUp: 'basically', by: 'enterprise' } },
      todos: { open: [{ kind: 'strike_off', to: 'admins' }], close: ['follow_up'] },
    });
    expect(applyAction(closed, { kind: 'confirm', outcome: 'unsatisfied', reason: ' ' }, ctx)).toMatchObject({
      ok: false,
      refusal: 'reasonRequired',
    });
    expect(applyAction(closed, { kind: 'confirm', outcome: 'unsatisfied', reason: '没解决' }, ctx)).toMatchObject({
      ok: true,
      patch: { status: 'in_progress', followUp: null, followUpBy: null, resolution: '' },
      event: { kind: 'reopen', note: '没解决', data: { followUp: 'unsatisfied', by: 'enterprise' } },
      todos: { open: [{ kind: 'handle', to: 'unit' }] },
    });
    // Once answered, even after the wait, neither a second confirmation nor the officer's 回访 goes through.
    const answered = { ...(STATES.closed as ProblemState), followUp: 'satisfied' as const };
    expect(legal(answered, 'follow_up')).toBe(false);
    expect(legal(answered, 'confirm')).toBe(false);
    // The officer's 回访 opens on the day the wait ends, not before.
    expect(legal({ ...closed, today: '2026-04-20' }, 'follow_up')).toBe(false);
    expect(legal({ ...closed, today: '2026-04-21' }, 'follow_up')).toBe(true);
    expect(applyAction(STATES.closed as ProblemState, MOVE.follow_up, ctx)).toMatchObject({ ok: true, patch: { followUpBy: 'officer' } });
  });

  it('销号 ends it; 督办 needs a note and a date not in the past, and counts', () => {
    expect(applyAction(STATES.closed_basically as ProblemState, MOVE.strike_off, ctx)).toMatchObject({
      ok: true,
      patch: { status: 'struck_off', struckOffOn: TODAY },
    });
    expect(applyAction(STATES.in_progress as ProblemState, MOVE.supervise, ctx)).toMatchObject({
      ok: true,
      patch: { supervisedOn: TODAY, superviseBy: '2026-04-20', superviseCount: 1 },
      todos: { open: [{ kind: 'supervised', to: 'unit', dueOn: '2026-04-20' }] },
    });
    expect(
      applyAction(STATES.in_progress as ProblemState, { ...MOVE.supervise, respondBy: '2026-04-14' } as ProblemAction, ctx),
    ).toMatchObject({
      ok: false,
      refusal: 'deadlinePast',
      field: 'respondBy',
    });
  });

  it('counts working days over the calendar: a holiday and a 调休 Saturday between 交办 and 受理', () => {
    const cal = calendarOf([
      { date: '2026-10-01', kind: 'holiday' },
      { date: '2026-10-02', kind: 'holiday' },
      { date: '2026-10-05', kind: 'holiday' },
      { date: '2026-10-10', kind: 'workday' },
    ]);
    const p = { ...STATES.dispatched, dispatchedOn: '2026-09-30' } as ProblemState;
    // 10-01, 10-02 off, weekend, 10-05 off, 10-06…10-09 (4), Saturday 10-10 worked (5), Monday 10-12 (6).
    expect(applyAction(p, MOVE.accept, { today: '2026-10-12', calendar: cal })).toMatchObject({ patch: { acceptDays: 6 } });
  });
});

describe('overdue', () => {
  it('is past the deadline in force and still open', () => {
    expect(isOverdue({ ...base, deadline: '2026-04-14' }, TODAY)).toBe(true);
    expect(isOverdue({ ...base, deadline: TODAY }, TODAY)).toBe(false);
    expect(isOverdue({ ...base, status: 'in_progress', deadline: '2026-04-01', extendedDeadline: '2026-05-01' }, TODAY)).toBe(false);
    expect(isOverdue({ ...base, status: 'unresolvable', deadline: '2026-04-01' }, TODAY)).toBe(true); // waiting for the admin
    for (const status of ['closed', 'struck_off', 'unresolved'] as const)
      expect(isOverdue({ ...base, status, deadline: '2026-04-01' }, TODAY)).toBe(false);
  });
});
