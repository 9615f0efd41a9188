// Fixtures of the survey tests: a published form version and a round with personal links, written
// straight to D1 (the admin route that creates rounds is tested on its own in rounds.test.ts).
import { env } from 'cloudflare:workers';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { FormDefinition } from '../../schema/form-definition';
import { TEMPLATES } from '../../schema/form-templates';
import { chinaLocalInput } from '../../schema/rules/china-time';
import { campaignCounters, campaigns, forms, formVersions, invitations } from '../../schema/survey-tables';
import { auditLog } from '../../schema/tables';
import { newId } from '../../worker/lib/tokens';
import { linkToken, tokenHash } from '../../worker/surveys/link-token';
import { call, db, makeEnterprise, makeProgramme, makeUnit, makeUser, pair, postForm, signedIn } from '../fixtures';

export async function makePublishedForm(definition: FormDefinition = TEMPLATES.satisfaction.definition) {
  const now = Date.now();
  const formId = newId();
  const id = newId();
  await db()
    .insert(forms)
    .values({ id: formId, name: `表${formId.slice(0, 6)}`, kind: 'survey', template: 'satisfaction', createdAt: now, updatedAt: now });
  await db()
    .insert(formVersions)
    .values({ id, formId, version: 1, definition: JSON.stringify(definition), status: 'published', createdAt: now, publishedAt: now });
  return id;
}

/** A programme with `n` paired enterprises (one officer leads them all). */
export async function pairedProgramme(n: number, unitId: string | null = null) {
  const programme = await makeProgramme();
  const officer = await makeUser({ role: 'officer', unitId });
  const enterprises = [];
  for (let i = 0; i < n; i++) {
    const e = await makeEnterprise();
    await pair(programme.id, officer.id, e.id);
    enterprises.push(e);
  }
  return { programme, officer, enterprises };
}

type RoundOptions = { opensAt?: number; closesAt?: number; size?: number; definition?: FormDefinition };

/** A round with `size` invitations and their link tokens, open now unless told otherwise. */
export async function makeRound({
  opensAt = Date.now() - 3600_000,
  closesAt = Date.now() + 86400_000,
  size = 1,
  definition,
}: RoundOptions = {}) {
  const { programme, enterprises } = await pairedProgramme(size);
  const formVersionId = await makePublishedForm(definition);
  const campaignId = newId();
  const now = Date.now();
  await db().insert(campaigns).values({
    id: campaignId,
    programmeId: programme.id,
    formVersionId,
    name: '测试批次',
    opensAt,
    closesAt,
    sampling: '{"mode":"all","stratify":"none"}',
    seed: 's',
    createdAt: now,
  });
  await db().insert(campaignCounters).values({ campaignId, invited: size });
  const links = [];
  for (const e of enterprises) {
    const id = newId();
    const token = await linkToken(env.LINK_SECRET, id);
    await db()
      .insert(invitations)
      .values({ id, campaignId, enterpriseId: e.id, tokenHash: await tokenHash(token), createdAt: now });
    links.push({ id, token, enterpriseId: e.id });
  }
  return { campaignId, formVersionId, links };
}

let ipSeq = 0;
/** Each test its own client address, so the bad-token counter of one test never throttles another. */
export const client = () => ({ 'cf-connecting-ip': `203.0.113.${++ipSeq}` });

export async function open(token: string) {
  const res = await call(`/s/${token}`, { headers: client() });
  const set = res.headers.getSetCookie().find((c) => c.startsWith('__Host-sv=')) ?? '';
  return { res, set, cookie: set.split(';')[0] ?? '' };
}

/** A valid 《帮扶满意度调查表》 answer as the HTML form sends it. */
export const VALID = {
  contact_month: 'yes',
  onsite_month: 'no',
  attitude: '5',
  responsiveness: '4',
  effectiveness: '3',
  policy_help: 'na',
  integrity: '5',
  overall: '4',
  suggestions: '希望加快审批',
};

export async function ready(opts: Parameters<typeof makeRound>[0] = {}) {
  const round = await makeRound(opts);
  const link = round.links[0] as { id: string; token: string };
  const { cookie } = await open(link.token);
  const submit = (values: Record<string, string | string[]>, roundId = round.campaignId) =>
    postForm(`/s?round=${roundId}`, values, { cookie });
  const postJson = (body: unknown, type = 'application/json') =>
    call('/api/s', {
      method: 'POST',
      cookie,
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': type },
    });
  return { ...round, link, cookie, submit, postJson };
}

export async function stored(campaignId: string) {
  const n = async (table: string) =>
    (await db().get<{ n: number }>(sql`SELECT count(*) AS n FROM ${sql.identifier(table)} WHERE campaign_id = ${campaignId}`))?.n ?? 0;
  return { responses: await n('responses'), answers: await n('answers'), optionCounts: await n('option_counts') };
}

type Fields = Record<string, string>;

/**
 * An admin's desk for the round routes: a programme with `size` paired enterprises (one unit), a
 * published form, and the draft form's fields (close in a week, all enterprises drawn).
 */
export async function roundDesk(size = 6) {
  const admin = await signedIn('admin');
  const unit = await makeUnit();
  const paired = await pairedProgramme(size, unit.id);
  const formVersionId = await makePublishedForm();
  let names = 0;
  const fields = (over: Fields = {}): Fields => ({
    name: `第二季度满意度调查${names++}`,
    programmeId: paired.programme.id,
    formVersionId,
    closesAt: chinaLocalInput(Date.now() + 7 * 86400_000),
    mode: 'all',
    n: '',
    percent: '',
    stratify: 'none',
    excludeDays: '',
    ...over,
  });
  const post = (path: string, body: Fields = {}) => postForm(path, body, { cookie: admin.cookie });
  const get = (path: string) => call(path, { cookie: admin.cookie });
  /** A draft through POST /admin/rounds; id '' when refused. */
  const create = async (over: Fields = {}) => {
    const res = await post('/admin/rounds', fields(over));
    const id = /\/admin\/rounds\/([0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '')?.[1];
    return { res, id: id ?? '' };
  };
  /** A launched round, opening now unless `opensAt` (datetime-local, Beijing) is given. */
  const launched = async (over: Fields = {}, opensAt?: string) => {
    const { id } = await create(over);
    const res = await post(`/admin/rounds/${id}/launch`, opensAt ? { start: 'at', opensAt } : { start: 'now' });
    if (res.status !== 303) throw new Error(`launch answered ${res.status}`);
    return id;
  };
  return { admin, unit, ...paired, formVersionId, fields, post, get, create, launched };
}

export const campaignRow = (id: string) => db().select().from(campaigns).where(eq(campaigns.id, id)).get();

export const drawnOf = async (campaignId: string) =>
  (await db().select().from(invitations).where(eq(invitations.campaignId, campaignId)).orderBy(asc(invitations.enterpriseId)).all()).map(
    (i) => i.enterpriseId,
  );

/** The audit rows of a round's moves, oldest first, with their details parsed. */
export async function roundAudit(campaignId: string, action: string) {
  const rows = await db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.objectType, 'campaign'), eq(auditLog.objectId, campaignId), eq(auditLog.action, action)))
    .orderBy(asc(auditLog.id))
    .all();
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail ?? '{}') as Record<string, unknown> }));
}

/** The personal link tokens of a round's invitations, derived as the app derives them (enterprise id order). */
export async function tokensOf(campaignId: string) {
  const rows = await db()
    .select()
    .from(invitations)
    .where(eq(invitations.campaignId, campaignId))
    .orderBy(asc(invitations.enterpriseId))
    .all();
  return Promise.all(rows.map(async (r) => ({ id: r.id, enterpriseId: r.enterpriseId, token: await linkToken(env.LINK_SECRET, r.id) })));
}

/** Opens a link and submits a valid answer, as a respondent's browser does; the status of the submission. */
export async function answer(campaignId: string, token: string) {
  const { cookie } = await open(token);
  return postForm(`/s?round=${campaignId}`, VALID, { cookie });
}

/** Moves a round's times as if the clock had moved: reading it afterwards must still write nothing. */
export const setTimes = (id: string, times: { opensAt?: number; closesAt?: number }) =>
  db().update(campaigns).set(times).where(eq(campaigns.id, id));
