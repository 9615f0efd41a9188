// /admin/rounds: survey rounds (调查批次). Mounted inside adminRoutes, so every route here is admin-only
// (requireRole('admin')): officers must not learn which enterprises were drawn (DESIGN §2). A round is
// made as a draft (草稿) holding its exact draw; the moves after that are round-moves.routes.tsx, the
// link files round-files.routes.tsx, reminders reminders.routes.tsx (issue 17).
import { type Context, Hono } from 'hono';
import { listQuery } from '../../schema/inputs/fields';
import { type RoundInput, roundInput } from '../../schema/inputs/rounds';
import { chinaLocalInput } from '../../schema/rules/china-time';
import { allows } from '../../schema/rules/round-state';
import { emptyForm, type FormState, type FormValues } from '../../web/components/fields';
import { RoundFormPage, RoundListPage } from '../../web/pages/admin/rounds';
import { RoundPage } from '../../web/pages/admin/rounds-detail';
import { programmeOptions } from '../admin/programmes.queries';
import type { AppEnv } from '../app-env';
import { auditStatement, auditStatementIfChanged } from '../lib/audit';
import { d1Of, d1Statement, isUniqueViolation } from '../lib/db';
import { AppError } from '../lib/errors';
import { setFlash } from '../lib/flash';
import { render } from '../lib/render';
import { newId } from '../lib/tokens';
import { validateForm } from '../lib/validate';
import { withLinks } from './links-csv';
import { reminderRoutes } from './reminders.routes';
import { createDraftStatements, type DraftFields, drawLinks, newSeed, redrawStatements, type StoredDraw } from './round-draw';
import { roundFileRoutes } from './round-files.routes';
import { loadRound, roundFor } from './round-load';
import { changedRows } from './round-moves.queries';
import { roundMoveRoutes } from './round-moves.routes';
import { roundShareRoutes } from './round-share.routes';
import { hasAnswers, listRounds, publishedVersions, roundHistory, roundInvitations } from './rounds.queries';

export const roundRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';
type Ctx = Context<AppEnv>;

roundRoutes.get('/', async (c) => {
  const { page } = listQuery.parse(c.req.query());
  return render(c, <RoundListPage {...(await listRounds(c.get('db'), page))} now={Date.now()} />);
});

async function formPage(c: Ctx, form: FormState, id?: string) {
  const db = c.get('db');
  const [programmes, versions] = await Promise.all([programmeOptions(db), publishedVersions(db)]);
  return (
    <RoundFormPage
      form={form}
      id={id}
      programmes={programmes.filter((p) => !p.disabled).map((p) => ({ value: p.id, label: p.name }))}
      versions={versions.map((v) => ({ value: v.id, label: c.get('t')('round.formVersion', { name: v.name, version: v.version }) }))}
    />
  );
}

roundRoutes.get('/new', async (c) => {
  const hour = 3600_000;
  const closesAt = chinaLocalInput(Math.ceil(Date.now() / hour) * hour + 14 * 24 * hour);
  return render(c, await formPage(c, emptyForm({ closesAt, mode: 'all', stratify: 'none' })));
});

/** The draft's own checks beyond its schema: a programme in use, a published form, a close time ahead. */
async function draftProblem(c: Ctx, data: RoundInput, now: number): Promise<[string, string] | null> {
  const db = c.get('db');
  const t = c.get('t');
  const [programmes, versions] = await Promise.all([programmeOptions(db), publishedVersions(db)]);
  if (!programmes.some((p) => p.id === data.programmeId && !p.disabled)) return ['programmeId', t('round.err.unknownProgramme')];
  if (!versions.some((v) => v.id === data.formVersionId)) return ['formVersionId', t('round.err.unknownForm')];
  if (data.closesAt <= now) return ['closesAt', t('round.err.closesPast')];
  return null;
}

/** A refused draw, on the field that caused it: "只有 14 家可抽" instead of silently taking all 14. */
function drawProblem(c: Ctx, draw: StoredDraw & { ok: false }, data: RoundInput): [string, string] {
  const t = c.get('t');
  if (draw.available === 0) return ['programmeId', t('round.err.noneEligible')];
  return [data.rule.mode === 'count' ? 'n' : 'programmeId', t('round.err.tooMany', { n: draw.available })];
}

const draftFields = ({ rule, ...data }: RoundInput): DraftFields => ({ ...data, sampling: JSON.stringify(rule) });

type Refuse = (field: string, message: string, status?: 409 | 422) => Promise<Response>;
const refuser =
  (c: Ctx, values: FormValues, id?: string): Refuse =>
  async (field, message, status = 422) =>
    render(c, await formPage(c, { values, errors: { [field]: message } }, id), status);

roundRoutes.post('/', async (c) => {
  const db = c.get('db');
  const input = await validateForm(c, roundInput);
  if (!input.ok) return render(c, await formPage(c, input.state), 422);
  const refuse = refuser(c, input.values);
  const now = Date.now();
  const problem = await draftProblem(c, input.data, now);
  if (problem) return refuse(...problem);
  // The seed is drawn here, by the server, once: the office never chooses it (issue 17).
  const seed = newSeed();
  const draw = await drawLinks(c, input.data.programmeId, input.data.rule, seed, now);
  if (!draw.ok) return refuse(...drawProblem(c, draw, input.data));
  const id = newId();
  const statements = createDraftStatements(
    db,
    { ...draftFields(input.data), id, seed, createdBy: c.get('user')?.id ?? null, at: now },
    draw.links,
  );
  const audit = auditStatement(db, c, {
    action: 'create',
    objectType: 'campaign',
    objectId: id,
    detail: { invited: draw.links.length, seed },
  });
  try {
    await d1Of(db).batch([...statements, d1Statement(db, audit)]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return refuse('name', c.get('t')('round.err.nameTaken'), 409);
  }
  setFlash(c, 'flash.round.created', { n: draw.links.length });
  return c.redirect(`/admin/rounds/${id}`, 303);
});

roundRoutes.get(ID, async (c) => {
  const db = c.get('db');
  const now = Date.now();
  const round = await loadRound(c, now);
  const [rows, history, answered] = await Promise.all([
    roundInvitations(db, round.id),
    roundHistory(db, round.id),
    hasAnswers(db, round.id),
  ]);
  // Links exist for the admin only once the round went out: a draft's list is a preview.
  const linked = allows('links', round.state) ? await withLinks(rows, c.env.LINK_SECRET, c.env.APP_ORIGIN) : rows;
  return render(c, <RoundPage round={round} rows={linked} history={history} answered={answered} now={now} />);
});

roundRoutes.get(`${ID}/edit`, async (c) => {
  const round = await roundFor(c, 'edit');
  const { rule } = round;
  const values = {
    name: round.name,
    programmeId: round.programmeId,
    formVersionId: round.formVersionId,
    closesAt: chinaLocalInput(round.closesAt),
    mode: rule.mode,
    n: rule.n === undefined ? '' : String(rule.n),
    percent: rule.percent === undefined ? '' : String(rule.percent),
    stratify: rule.stratify,
    excludeDays: rule.excludeDays === undefined ? '' : String(rule.excludeDays),
  };
  return render(c, await formPage(c, emptyForm(values), round.id));
});

/** Saving a draft draws it again with the same seed: the rule may change, the luck may not. */
roundRoutes.post(ID, async (c) => {
  const db = c.get('db');
  const now = Date.now();
  const round = await roundFor(c, 'edit', now);
  const input = await validateForm(c, roundInput);
  if (!input.ok) return render(c, await formPage(c, input.state, round.id), 422);
  const refuse = refuser(c, input.values, round.id);
  const problem = await draftProblem(c, input.data, now);
  if (problem) return refuse(...problem);
  const draw = await drawLinks(c, input.data.programmeId, input.data.rule, round.seed, now);
  if (!draw.ok) return refuse(...drawProblem(c, draw, input.data));
  const { update, rest } = redrawStatements(
    db,
    round.id,
    { fields: draftFields(input.data), seed: round.seed, reseed: false, at: now },
    draw.links,
  );
  const detail = { invited: draw.links.length, sampling: input.data.rule };
  const audit = auditStatementIfChanged(db, c, { action: 'edit', objectType: 'campaign', objectId: round.id, detail });
  let results: D1Result[];
  try {
    results = await d1Of(db).batch([update, audit, ...rest]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return refuse('name', c.get('t')('round.err.nameTaken'), 409);
  }
  if (changedRows(results[0]) === 0) throw new AppError(409, 'round_moved', 'round.err.edit');
  setFlash(c, 'flash.round.saved', { n: draw.links.length });
  return c.redirect(`/admin/rounds/${round.id}`, 303);
});

roundRoutes.route('/', roundMoveRoutes);
roundRoutes.route('/', roundShareRoutes);
roundRoutes.route('/', roundFileRoutes);
roundRoutes.route('/', reminderRoutes);
