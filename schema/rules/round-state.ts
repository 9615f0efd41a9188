// The lifecycle of a survey round (调查批次, DESIGN §4, issue 17): 草稿 → 已排期 → 进行中 → 已结束, or 已作废.
// Stored is only what a person decided — draft, launched or void — and the round's times; 已排期, 进行中
// and 已结束 follow from the times when read, so reading a page never writes and no job flips states.
// Pure: the routes, the pages and the tests read the same table of moves.

export type RoundStatus = 'draft' | 'launched' | 'void';
export type RoundState = 'draft' | 'scheduled' | 'open' | 'closed' | 'void';
export const ROUND_STATES: readonly RoundState[] = ['draft', 'scheduled', 'open', 'closed', 'void'];

export function roundState(r: { status: RoundStatus; opensAt: number; closesAt: number }, now: number): RoundState {
  if (r.status !== 'launched') return r.status;
  if (now < r.opensAt) return 'scheduled';
  return now < r.closesAt ? 'open' : 'closed';
}

/**
 * roundState(r, now) === 'closed' in SQL, for the campaigns row under `c` and an instant expression: a
 * launched round whose close time has passed. The officers' frozen figures (issue 14) are taken only then.
 */
export const closedRoundSql = (c: string, now: string) => `${c}.status = 'launched' AND ${c}.closes_at <= ${now}`;

/**
 * The states each move is allowed in. A closed round never moves again: officers' figures are frozen at
 * close, so closing early and extending need the round open, and nothing sets a passed close time
 * forward. Voiding also needs that no answer exists (checked in the same batch as the void).
 */
export const ROUND_MOVES = {
  /** Name, form, rule, close time: the draft is drawn again with the same seed. */
  edit: ['draft'],
  /** A new seed, with a reason: counted and audited, never chosen by the office. */
  reseed: ['draft'],
  launch: ['draft'],
  close: ['open'],
  extend: ['open'],
  void: ['draft', 'scheduled', 'open'],
  remind: ['scheduled', 'open'],
  /** The personal links, QR codes and link files: nothing goes out while a round is a draft. */
  links: ['scheduled', 'open', 'closed'],
} as const satisfies Record<string, readonly RoundState[]>;
export type RoundMove = keyof typeof ROUND_MOVES;

export const allows = (move: RoundMove, state: RoundState): boolean => (ROUND_MOVES[move] as readonly RoundState[]).includes(state);
