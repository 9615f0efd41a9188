import { describe, expect, it } from 'vitest';
import {
  ACTION_KINDS,
  type ActionKind,
  allowedActions,
  applyAction,
  isOverdue,
  type ProblemAction,
  type ProblemState,
} from '../../worker/problems/transitions';

const TODAY = '2026-04-15';
const base: ProblemState = {
  status: 'pending',
  raisedOn: '2026-04-01',
  deadline: '2026-04-30',
  extendedDeadline: null,
  followUp: null,
  struckOff: false,
};

const STATES: Record<string, ProblemState> = {
  pending: base,
  in_progress: { ...base, status: 'in_progress' },
  closed: { ...base, status: 'closed' },
  closed_satisfied: { ...base, status: 'closed', followUp: 'satisfied' },
  closed_basically: { ...base, status: 'closed', followUp: 'basically' },
  struck_off: { ...base, status: 'closed', followUp: 'satisfied', struckOff: true },
  unresolvable: { ...base, status: 'unresolvable' },
};

/** A well-formed move of each kind, so only the state decides. */
const MOVES: Record<ActionKind, ProblemAction> = {
  accept: { kind: 'accept', note: '' },
  progress: { kind: 'progress', note: '已协调' },
  extend: { kind: 'extend', reason: '审批周期长', deadline: '2026-06-30' },
  close: { kind: 'close', resolution: '已解决' },
  unresolvable: { kind: 'unresolvable', reason: '超出事权' },
  follow_up: { kind: 'follow_up', outcome: 'satisfied', note: '' },
  strike_off: { kind: 'strike_off', note: '' },
};

/** The whole table of DESIGN §5: which move each state allows. */
const LEGAL: Record<string, ActionKind[]> = {
  pending: ['accept', 'progress', 'extend', 'unresolvable'],
  in_progress: ['progress', 'extend', 'close', 'unresolvable'],
  closed: ['follow_up'],
  closed_satisfied: ['strike_off'],
  closed_basically: ['strike_off'],
  struck_off: [],
  unresolvable: [],
};

describe('the transition table', () => {
  for (const [name, state] of Object.entries(STATES)) {
    for (const kind of ACTION_KINDS) {
      const legal = LEGAL[name]?.includes(kind) ?? false;
      it(`${legal ? 'allows' : 'refuses'} ${kind} when ${name}`, () => {
        const outcome = applyAction(state, MOVES[kind], TODAY);
        expect(outcome.ok).toBe(legal);
        if (!outcome.ok) expect(outcome.refusal).toBe('illegal');
        else expect(outcome.event.from).toBe(state.status);
      });
    }
    it(`lists exactly the legal moves when ${name}`, () => expect(allowedActions(state)).toEqual(LEGAL[name]));
  }
});

describe('what each move writes', () => {
  it('accept: 未受理 → 办理中', () => {
    const r = applyAction(STATES.pending as ProblemState, MOVES.accept, TODAY);
    expect(r).toMatchObject({ ok: true, patch: { status: 'in_progress' }, event: { kind: 'accept', from: 'pending', to: 'in_progress' } });
  });

  it('progress keeps the status and records the note, which is required', () => {
    const r = applyAction(STATES.in_progress as ProblemState, MOVES.progress, TODAY);
    expect(r).toMatchObject({ ok: true, patch: { progress: '已协调' }, event: { from: 'in_progress', to: 'in_progress' } });
    expect(applyAction(base, { kind: 'progress', note: ' ' }, TODAY)).toEqual({ ok: false, refusal: 'noteRequired', field: 'note' });
  });

  it('extend needs a reason and a deadline later than the one in force, not in the past', () => {
    const ok = applyAction(base, MOVES.extend, TODAY);
    expect(ok).toMatchObject({
      ok: true,
      patch: { extendedDeadline: '2026-06-30' },
      event: { kind: 'extend', data: { from: '2026-04-30', to: '2026-06-30' } },
    });
    expect(applyAction(base, { kind: 'extend', reason: '', deadline: '2026-06-30' }, TODAY)).toMatchObject({
      ok: false,
      refusal: 'reasonRequired',
    });
    expect(applyAction(base, { kind: 'extend', reason: 'x', deadline: '2026-04-30' }, TODAY)).toMatchObject({
      ok: false,
      refusal: 'deadlineNotLater',
    });
    const extended = { ...base, extendedDeadline: '2026-07-31' };
    expect(applyAction(extended, { kind: 'extend', reason: 'x', deadline: '2026-06-30' }, TODAY)).toMatchObject({
      ok: false,
      refusal: 'deadlineNotLater',
      field: 'deadline',
    });
    const noDeadline = { ...base, deadline: null };
    expect(applyAction(noDeadline, { kind: 'extend', reason: 'x', deadline: '2026-04-01' }, TODAY)).toMatchObject({
      ok: false,
      refusal: 'deadlinePast',
    });
    expect(applyAction(noDeadline, { kind: 'extend', reason: 'x', deadline: TODAY }, TODAY)).toMatchObject({
      ok: true,
      event: { data: { from: '' } },
    });
  });

  it('close needs the resolution and dates the closing', () => {
    const r = applyAction(STATES.in_progress as ProblemState, MOVES.close, TODAY);
    expect(r).toMatchObject({ ok: true, patch: { status: 'closed', resolution: '已解决', closedOn: TODAY }, event: { to: 'closed' } });
    expect(applyAction(STATES.in_progress as ProblemState, { kind: 'close', resolution: '' }, TODAY)).toMatchObject({
      ok: false,
      refusal: 'resolutionRequired',
      field: 'resolution',
    });
  });

  it('unresolvable needs the explanation', () => {
    expect(applyAction(base, MOVES.unresolvable, TODAY)).toMatchObject({
      ok: true,
      patch: { status: 'unresolvable', unresolvableReason: '超出事权' },
    });
    expect(applyAction(base, { kind: 'unresolvable', reason: '' }, TODAY)).toMatchObject({
      ok: false,
      refusal: 'reasonRequired',
      field: 'reason',
    });
  });

  it('a non-negative follow-up settles the problem; 不满意 reopens it and clears the follow-up for the next round', () => {
    for (const outcome of ['satisfied', 'basically'] as const) {
      const r = applyAction(STATES.closed as ProblemState, { kind: 'follow_up', outcome, note: '' }, TODAY);
      expect(r).toMatchObject({
        ok: true,
        patch: { followUp: outcome, followUpOn: TODAY },
        event: { kind: 'follow_up', to: 'closed', data: { followUp: outcome } },
      });
    }
    const r = applyAction(STATES.closed as ProblemState, { kind: 'follow_up', outcome: 'unsatisfied', note: '没解决' }, TODAY);
    expect(r).toMatchObject({
      ok: true,
      patch: { status: 'in_progress', followUp: null, followUpOn: null, closedOn: null },
      event: { kind: 'reopen', from: 'closed', to: 'in_progress', note: '没解决', data: { followUp: 'unsatisfied', on: TODAY } },
    });
  });

  it('strike-off marks the problem and keeps it closed', () => {
    expect(applyAction(STATES.closed_basically as ProblemState, MOVES.strike_off, TODAY)).toMatchObject({
      ok: true,
      patch: { struckOff: true, struckOffOn: TODAY },
      event: { kind: 'strike_off', from: 'closed', to: 'closed' },
    });
  });
});

describe('overdue', () => {
  it('is past the deadline in force and still open', () => {
    expect(isOverdue({ ...base, deadline: '2026-04-14' }, TODAY)).toBe(true);
    expect(isOverdue({ ...base, deadline: TODAY }, TODAY)).toBe(false);
    expect(isOverdue({ ...base, status: 'in_progress', deadline: '2026-04-01', extendedDeadline: '2026-05-01' }, TODAY)).toBe(false);
    expect(isOverdue({ ...base, deadline: '2026-04-01', extendedDeadline: '2026-04-10' }, TODAY)).toBe(true);
    expect(isOverdue({ ...base, status: 'closed', deadline: '2026-04-01' }, TODAY)).toBe(false);
    expect(isOverdue({ ...base, status: 'unresolvable', deadline: '2026-04-01' }, TODAY)).toBe(false);
    expect(isOverdue({ ...base, deadline: null }, TODAY)).toBe(false);
  });
});
