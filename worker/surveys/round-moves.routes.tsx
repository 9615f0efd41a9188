// The moves of a survey round (issue 17): 发布, 重新抽取种子, 提前结束, 延长, 作废. Each has a GET page that
// says what will happen and holds the form (a confirmation step that works without JavaScript), and a
// POST that checks the state (409 otherwise, nothing written), asks why where the audit needs it, and
// writes the move and its audit row in one batch (round-moves.queries.ts).
import { type Context, Hono } from 'hono';
import { extendInput, launchInput, reasonInput } from '../../schema/inputs/rounds';
import { chinaDateTime, chinaLocalInput } from '../../schema/rules/china-time';
import { emptyForm, type FormState } from '../../web/components/fields';
import { ExtendPage, LaunchPage, type ReasonMove, ReasonPage } from '../../web/pages/admin/round-moves';
import type { AppEnv } from '../app-env';
import { auditStatementIfChanged } from '../lib/audit';
import { d1Of } from '../lib/db';
import { AppError } from '../lib/errors';
import { setFlash } from '../lib/flash';
import { render } from '../lib/render';
import { validateForm } from '../lib/validate';
import { drawLinks, newSeed, redrawStatements } from './round-draw';
import { type LoadedRound, roundFor } from './round-load';
import { changedRows, closeRound, extendRound, launchRound, voidRound } from './round-moves.queries';
import { hasAnswers } from './rounds.queries';

export const roundMoveRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';
type Ctx = Context<AppEnv>;
const page = (id: string) => `/admin/rounds/${id}`;
const audited = (c: Ctx, action: string, id: string, detail: Record<string, unknown>) =>
  auditStatementIfChanged(c.get('db'), c, { action, objectType: 'campaign', objectId: id, detail });

/** A move's guarded update first, its audit row next, as one atomic D1 batch. */
const run = (c: Ctx, statements: D1PreparedStatement[]) => d1Of(c.get('db')).batch(statements);

/** The guarded update found nothing to change: another move got there between our check and our write. */
const raced = (results: D1Result[], move: 'launch' | 'reseed' | 'close' | 'extend' | 'void') => {
  if (changedRows(results[0]) === 0) throw new AppError(409, 'round_moved', `round.err.${move}`);
};

// --- 发布 ------------------------------------------------------------------------------------------

const launchPage = (c: Ctx, round: LoadedRound, form: FormState, status: 200 | 422 = 200) =>
  render(c, <LaunchPage round={round} form={form} />, status);

roundMoveRoutes.get(`${ID}/launch`, async (c) => launchPage(c, await roundFor(c, 'launch'), emptyForm({ start: 'now' })));

roundMoveRoutes.post(`${ID}/launch`, async (c) => {
  const db = c.get('db');
  const t = c.get('t');
  const now = Date.now();
  const round = await roundFor(c, 'launch', now);
  const input = await validateForm(c, launchInput);
  if (!input.ok) return launchPage(c, round, input.state, 422);
  const opensAt = input.data.opensAt ?? now;
  const refuse = (message: string) => launchPage(c, round, { values: input.values, errors: { opensAt: message } }, 422);
  if (input.data.opensAt !== null && opensAt <= now) return refuse(t('round.err.startPast'));
  if (round.closesAt <= opensAt) return refuse(t('round.err.startAfterClose', { closes: chinaDateTime(round.closesAt) }));
  const results = await run(c, [
    launchRound(db, round.id, opensAt, now),
    audited(c, 'launch', round.id, { opensAt, closesAt: round.closesAt, invited: round.invited }),
  ]);
  raced(results, 'launch');
  if (opensAt > now) setFlash(c, 'flash.round.scheduled', { at: chinaDateTime(opensAt) });
  else setFlash(c, 'flash.round.launched', { n: round.invited });
  return c.redirect(page(round.id), 303);
});

// --- 重新抽取种子, 提前结束, 作废: a reason each ---------------------------------------------------------

const reasonPage = (c: Ctx, move: ReasonMove, round: LoadedRound, form: FormState, status: 200 | 422 = 200) =>
  render(c, <ReasonPage move={move} round={round} form={form} now={Date.now()} />, status);

/** 作废 needs that nobody has answered: checked before anything else is asked (the page, the reason). */
async function mustBeUnanswered(c: Ctx, round: LoadedRound) {
  if (await hasAnswers(c.get('db'), round.id)) throw new AppError(409, 'round_answered', 'round.err.voidAnswered');
}

/**
 * The start of every move with a reason: the round in a state that allows the move (else 409), then the
 * reason given (else the page again, 422) — or the Response to return.
 */
async function reasonMove(c: Ctx, move: ReasonMove, now: number) {
  const round = await roundFor(c, move, now);
  if (move === 'void') await mustBeUnanswered(c, round);
  const input = await validateForm(c, reasonInput);
  return input.ok ? { round, reason: input.data.reason } : reasonPage(c, move, round, input.state, 422);
}

for (const move of ['reseed', 'close', 'void'] as const) {
  roundMoveRoutes.get(`${ID}/${move}`, async (c) => {
    const round = await roundFor(c, move);
    if (move === 'void') await mustBeUnanswered(c, round);
    return reasonPage(c, move, round, emptyForm());
  });
}

/** A new seed: drawn by the server, the reason audited, the count shown on the round and in the report. */
roundMoveRoutes.post(`${ID}/reseed`, async (c) => {
  const db = c.get('db');
  const now = Date.now();
  const move = await reasonMove(c, 'reseed', now);
  if (move instanceof Response) return move;
  const { round, reason } = move;
  const seed = newSeed();
  const draw = await drawLinks(c, round.programmeId, round.rule, seed, now);
  if (!draw.ok) throw new AppError(422, 'draw_refused', 'round.err.redrawRefused');
  const { update, rest } = redrawStatements(db, round.id, { seed, reseed: true, at: now }, draw.links);
  const detail = { reason, previousSeed: round.seed, seed, seeds: round.seedCount + 1, invited: draw.links.length };
  const results = await run(c, [update, audited(c, 'reseed', round.id, detail), ...rest]);
  raced(results, 'reseed');
  setFlash(c, 'flash.round.reseeded', { seeds: round.seedCount + 1 });
  return c.redirect(page(round.id), 303);
});

/** 提前结束: closes now, for good. */
roundMoveRoutes.post(`${ID}/close`, async (c) => {
  const db = c.get('db');
  const now = Date.now();
  const move = await reasonMove(c, 'close', now);
  if (move instanceof Response) return move;
  const { round, reason } = move;
  const detail = { reason, from: round.closesAt, to: now };
  const results = await run(c, [closeRound(db, round.id, now), audited(c, 'close', round.id, detail)]);
  raced(results, 'close');
  setFlash(c, 'flash.round.closed', { at: chinaDateTime(now) });
  return c.redirect(page(round.id), 303);
});

/** 作废: only while nobody has answered; after that a round can only be closed. */
roundMoveRoutes.post(`${ID}/void`, async (c) => {
  const db = c.get('db');
  const now = Date.now();
  const move = await reasonMove(c, 'void', now);
  if (move instanceof Response) return move;
  const { round, reason } = move;
  const results = await run(c, [voidRound(db, round.id, now), audited(c, 'void', round.id, { reason, state: round.state })]);
  // Nothing changed: an answer came in between our check and the void, or another move did.
  if (changedRows(results[0]) === 0) await mustBeUnanswered(c, round);
  raced(results, 'void');
  setFlash(c, 'flash.round.voided', { name: round.name });
  return c.redirect(page(round.id), 303);
});

// --- 延长 -------------------------------------------------------------------------------------------

const extendPage = (c: Ctx, round: LoadedRound, form: FormState, status: 200 | 422 = 200) =>
  render(c, <ExtendPage round={round} form={form} />, status);

roundMoveRoutes.get(`${ID}/extend`, async (c) => {
  const round = await roundFor(c, 'extend');
  return extendPage(c, round, emptyForm({ closesAt: chinaLocalInput(round.closesAt + 7 * 86_400_000) }));
});

roundMoveRoutes.post(`${ID}/extend`, async (c) => {
  const db = c.get('db');
  const now = Date.now();
  const round = await roundFor(c, 'extend', now);
  const input = await validateForm(c, extendInput);
  if (!input.ok) return extendPage(c, round, input.state, 422);
  const { closesAt, reason } = input.data;
  if (closesAt <= round.closesAt) {
    const errors = { closesAt: c.get('t')('round.err.extendEarlier', { closes: chinaDateTime(round.closesAt) }) };
    return extendPage(c, round, { values: input.values, errors }, 422);
  }
  const detail = { reason, from: round.closesAt, to: closesAt };
  const results = await run(c, [extendRound(db, round.id, closesAt, now), audited(c, 'extend', round.id, detail)]);
  raced(results, 'extend');
  setFlash(c, 'flash.round.extended', { at: chinaDateTime(closesAt) });
  return c.redirect(page(round.id), 303);
});
