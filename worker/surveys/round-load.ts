// A round as every round route starts from: found (else 404), its sampling rule parsed, its state
// computed at this request's clock (schema/rules/round-state.ts), and the refusal of a move its state
// does not allow — 409 with the reason, before anything is written.
import type { Context } from 'hono';
import { type SamplingRule, samplingRule } from '../../schema/inputs/rounds';
import { chinaDateTime } from '../../schema/rules/china-time';
import { allows, type RoundMove, type RoundState, roundState } from '../../schema/rules/round-state';
import type { Asker } from '../../web/components/asker';
import type { AppEnv } from '../app-env';
import { AppError, notFound } from '../lib/errors';
import { type Round, readRound } from './rounds.queries';

export type LoadedRound = Round & { rule: SamplingRule; state: RoundState };

export async function loadRound(c: Context<AppEnv>, now = Date.now()): Promise<LoadedRound> {
  const round = await readRound(c.get('db'), c.req.param('id') ?? '');
  if (!round) throw notFound();
  return { ...round, rule: samplingRule.parse(JSON.parse(round.sampling)), state: roundState(round, now) };
}

/** 409 unless the round's state allows the move: nothing is written for a refused move. */
export function mustAllow(round: LoadedRound, move: RoundMove) {
  if (!allows(move, round.state)) throw new AppError(409, `round_${round.state}`, `round.err.${move}`);
}

/** A round loaded and checked for a move in one step. */
export async function roundFor(c: Context<AppEnv>, move: RoundMove, now = Date.now()) {
  const round = await loadRound(c, now);
  mustAllow(round, move);
  return round;
}

/** Who is asking, as the respondent's pages and the QR sheets name them (issue 17). */
export const askerOf = (round: Round): Asker => ({
  office: round.issuingOffice,
  phone: round.helpPhone,
  closes: chinaDateTime(round.closesAt),
});
