// /admin/rounds: survey rounds (调查批次). Mounted inside adminRoutes, so every route here is admin-only
// (requireRole('admin')): officers must not learn which enterprises were drawn (DESIGN §2).
import { type Context, Hono } from 'hono';
import { listQuery } from '../../schema/inputs/fields';
import { type RoundInput, roundInput, samplingRule } from '../../schema/inputs/rounds';
import { chinaLocalInput } from '../../schema/rules/china-time';
import { emptyForm, type FormState } from '../../web/components/fields';
import { RoundFormPage, RoundListPage } from '../../web/pages/admin/rounds';
import { RoundPage } from '../../web/pages/admin/rounds-detail';
import { RoundSheetPage } from '../../web/pages/admin/rounds-sheet';
import { programmeOptions } from '../admin/programmes.queries';
import type { AppEnv, Db } from '../app-env';
import { auditStatement } from '../lib/audit';
import { download, FORMATS } from '../lib/download';
import { notFound } from '../lib/errors';
import { render } from '../lib/render';
import { newId, randomToken } from '../lib/tokens';
import { validateForm } from '../lib/validate';
import { linkToken, tokenHash } from './link-token';
import { linksSheet, sheetCards, withLinks } from './links-csv';
import { createRoundStatements, listRounds, publishedVersions, readRound, roundCandidates, roundInvitations } from './rounds.queries';
import { drawSample } from './sampling';

export const roundRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';

roundRoutes.get('/', async (c) => {
  const { page } = listQuery.parse(c.req.query());
  return render(c, <RoundListPage {...(await listRounds(c.get('db'), page))} now={Date.now()} />);
});

async function formPage(c: Context<AppEnv>, form: FormState) {
  const db = c.get('db');
  const [programmes, versions] = await Promise.all([programmeOptions(db), publishedVersions(db)]);
  return (
    <RoundFormPage
      form={form}
      programmes={programmes.filter((p) => !p.disabled).map((p) => ({ value: p.id, label: p.name }))}
      versions={versions.map((v) => ({ value: v.id, label: c.get('t')('round.formVersion', { name: v.name, version: v.version }) }))}
    />
  );
}

roundRoutes.get('/new', async (c) => {
  const now = Date.now();
  const hour = 3600_000;
  const values = {
    opensAt: chinaLocalInput(Math.ceil(now / hour) * hour),
    closesAt: chinaLocalInput(Math.ceil(now / hour) * hour + 14 * 24 * hour),
    mode: 'all',
    stratify: 'none',
    seed: randomToken(12),
  };
  return render(c, await formPage(c, emptyForm(values)));
});

roundRoutes.post('/', async (c) => {
  const db = c.get('db');
  const t = c.get('t');
  const input = await validateForm(c, roundInput);
  if (!input.ok) return render(c, await formPage(c, input.state), 422);
  const refuse = async (field: string, message: string) =>
    render(c, await formPage(c, { values: input.values, errors: { [field]: message } }), 422);
  const data: RoundInput = input.data;
  const [programmes, versions] = await Promise.all([programmeOptions(db), publishedVersions(db)]);
  if (!programmes.some((p) => p.id === data.programmeId && !p.disabled)) return refuse('programmeId', t('round.err.unknownProgramme'));
  if (!versions.some((v) => v.id === data.formVersionId)) return refuse('formVersionId', t('round.err.unknownForm'));

  const now = Date.now();
  const drawn = await drawSample(await roundCandidates(db, data.programmeId), data.rule, data.seed, now);
  if (drawn.length === 0) return refuse('programmeId', t('round.err.noneEligible'));
  // Ids first, then each link's hash: the whole round is written in one atomic batch (no transactions on D1).
  const invited = await Promise.all(
    drawn.map(async (d) => {
      const invitationId = newId();
      return { ...d, invitationId, tokenHash: await tokenHash(await linkToken(c.env.LINK_SECRET, invitationId)) };
    }),
  );
  const { rule, ...round } = data;
  const id = newId();
  const statements = createRoundStatements(
    db,
    { ...round, id, sampling: JSON.stringify(rule), createdBy: c.get('user')?.id ?? null, createdAt: now },
    invited,
  );
  await db.batch([
    ...statements,
    auditStatement(db, c, { action: 'create', objectType: 'campaign', objectId: id, detail: { invited: invited.length, seed: data.seed } }),
  ]);
  return c.redirect(`/admin/rounds/${id}`, 303);
});

async function roundOr404(db: Db, id: string) {
  const round = await readRound(db, id);
  if (!round) throw notFound();
  return { ...round, rule: samplingRule.parse(JSON.parse(round.sampling)) };
}

roundRoutes.get(ID, async (c) => {
  const db = c.get('db');
  const round = await roundOr404(db, c.req.param('id'));
  const pending = c.req.query('pending') === '1';
  const rows = await roundInvitations(db, round.id, pending);
  return render(c, <RoundPage round={round} rows={rows} pending={pending} now={Date.now()} />);
});

/** Downloading links hands out the right to answer, so each download is audited. */
for (const format of FORMATS) {
  roundRoutes.get(`${ID}/links.${format}`, async (c) => {
    const db = c.get('db');
    const round = await roundOr404(db, c.req.param('id'));
    const pending = c.req.query('pending') === '1';
    const rows = await withLinks(await roundInvitations(db, round.id, pending), c.env.LINK_SECRET, c.env.APP_ORIGIN);
    await auditStatement(db, c, { action: 'export_links', objectType: 'campaign', objectId: round.id, detail: { rows: rows.length } });
    const name = `${round.name}-${c.get('t')(pending ? 'round.filePending' : 'round.fileLinks')}.csv`;
    return download(linksSheet(round.name, rows), format, { filename: name, fallback: 'survey-links.csv' });
  });
}

roundRoutes.get(`${ID}/sheet`, async (c) => {
  const db = c.get('db');
  const round = await roundOr404(db, c.req.param('id'));
  const rows = await withLinks(await roundInvitations(db, round.id), c.env.LINK_SECRET, c.env.APP_ORIGIN);
  await auditStatement(db, c, { action: 'export_qr_sheet', objectType: 'campaign', objectId: round.id, detail: { rows: rows.length } });
  return render(c, <RoundSheetPage name={round.name} cards={sheetCards(rows)} />);
});
