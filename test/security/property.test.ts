// Issue 7 — property test. fast-check sends arbitrary JSON, form and raw bodies to every mutating route
// the router knows (read from app.routes, so a new route is fuzzed the day it is added), each with the
// session that may use it and its parameters pointing at real rows. Whatever arrives, the answer is one
// of the expected statuses — never a 500 or 503 — a refusal stores nothing, and an accepted request
// adds at most one row to any table (audit_log and throttles record requests, they are left aside).

import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { formVersions } from '../../schema/survey-tables';
import { call, db, makeChain, makeEnterprise, makeProgramme, makeUnit, makeUser, pair, signedIn } from '../fixtures';
import { memoWithProblem, pairedOfficer } from '../fixtures/memos';
import { makePublishedForm, ready } from '../integration/rounds.fixtures';
import { BOOKKEEPING, changed, concrete, routes, tableCounts } from './helpers';

const EXPECTED = new Set([200, 201, 303, 400, 401, 403, 404, 405, 409, 413, 415, 422, 429]);

/** Field names the app's forms use, so generated bodies reach the schemas and not only the key check. */
const NAMES = [
  'name',
  'id',
  'login',
  'password',
  'next',
  'lang',
  'unitId',
  'phone',
  'chainId',
  'creditCode',
  'sector',
  'region',
  'programmeId',
  'officerId',
  'enterpriseId',
  'isLead',
  'startsOn',
  'endsOn',
  'phase',
  'template',
  'definition',
  'formVersionId',
  'opensAt',
  'closesAt',
  'mode',
  'n',
  'percent',
  'stratify',
  'excludeDays',
  'seed',
  'visitDate',
  'participants',
  'contactName',
  'businessSituation',
  'nextSteps',
  'noRequest',
  'problems.0.description',
  'problems.0.category',
  'note',
  'reason',
  'deadline',
  'resolution',
  'outcome',
  'attitude',
  'overall',
  'suggestions',
  'contact_month',
  'answers',
  'round',
  'token',
  '__proto__',
  'constructor',
];

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    'on',
    'yes',
    '2099-12-31',
    '2026-02-30',
    '=1+1',
    '<script>',
    '\u202e',
    'x'.repeat(2000),
  ),
  fc.uuid(),
);
const formBody = fc.dictionary(
  fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 12 })),
  fc.oneof(text, fc.array(text, { maxLength: 3 })),
  {
    maxKeys: 8,
  },
);
type Body = { type: string; body: BodyInit; label: string };
const bodies: fc.Arbitrary<Body> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ type: 'application/json', body: JSON.stringify(v) ?? 'null', label: 'json' })),
  fc.record({ answers: fc.dictionary(fc.constantFrom(...NAMES), fc.jsonValue({ maxDepth: 2 })), round: fc.option(fc.uuid()) }).map((v) => ({
    type: 'application/json',
    body: JSON.stringify(v),
    label: 'json answers',
  })),
  formBody.map((fields) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return { type: 'application/x-www-form-urlencoded', body: body.toString(), label: 'form' };
  }),
  fc
    .record({
      type: fc.constantFrom(
        'multipart/form-data; boundary=x',
        'multipart/form-data',
        'text/plain',
        'application/octet-stream',
        'application/json',
        '',
      ),
      bytes: fc.uint8Array({ maxLength: 300 }),
    })
    .map(({ type, bytes }) => ({ type, body: bytes, label: `raw ${type}` })),
);

type Who = { cookie?: string; query?: string };
let sessions: { admin: string; officer: string; respondent: string; round: string };
let ids: Record<string, string>;

beforeAll(async () => {
  const admin = await signedIn('admin');
  const officer = await pairedOfficer();
  const problem = await memoWithProblem(officer.cookie, officer.enterprise.id);
  const survey = await ready();
  const programme = await makeProgramme();
  const other = await makeUser({ role: 'officer' });
  const enterprise = await makeEnterprise();
  const versionId = await makePublishedForm();
  const version = await db().select().from(formVersions).where(eq(formVersions.id, versionId)).get();
  ids = {
    '/admin/units/': (await makeUnit()).id,
    '/admin/chains/': (await makeChain()).id,
    '/admin/enterprises/': enterprise.id,
    '/admin/officers/': other.id,
    '/admin/programmes/': programme.id,
    '/admin/assignments/': (await pair(programme.id, other.id, enterprise.id)).id,
    '/admin/forms/': version?.formId as string,
    '/problems/': problem.id,
  };
  sessions = { admin: admin.cookie, officer: officer.cookie, respondent: survey.cookie, round: survey.campaignId };
});

/** The session each route is meant for, so the fuzz gets past authentication to the validation. */
function who(path: string): Who {
  if (path.startsWith('/admin')) return { cookie: sessions.admin };
  if (path.startsWith('/memos') || path.startsWith('/problems')) return { cookie: sessions.officer };
  if (path === '/s') return { cookie: sessions.respondent, query: `?round=${sessions.round}` };
  if (path === '/api/s') return { cookie: sessions.respondent };
  return {};
}

/**
 * A valid POST writes one row per table, except where the move itself is a list: starting the recompute
 * job writes its step list (a step per round and per programme's figures, and the sweep), so an empty form
 * to /admin/stats/recompute — a valid one — adds as many recompute_steps rows as there are steps.
 */
const LISTS: Record<string, string> = { '/admin/stats/recompute': 'recompute_steps' };

const mutating = routes()
  .filter(([m]) => m === 'POST')
  .map(([, p]) => p);

describe('arbitrary bodies on every mutating route get an expected status, never 500 or 503; a refusal stores nothing', () => {
  it('covers every POST route of the router', () => expect(mutating.length).toBeGreaterThan(50));

  for (const pattern of mutating) {
    it(`POST ${pattern}`, { timeout: 30_000 }, async () => {
      const prefix = Object.keys(ids).find((k) => pattern.startsWith(k));
      const path = concrete(pattern, prefix ? { id: ids[prefix] } : {});
      const { cookie, query = '' } = who(path);
      await fc.assert(
        fc.asyncProperty(bodies, async ({ type, body, label }) => {
          const before = await tableCounts();
          const res = await call(`${path}${query}`, { method: 'POST', cookie, body, headers: type ? { 'content-type': type } : {} });
          await res.arrayBuffer();
          expect(EXPECTED.has(res.status), `${res.status} for POST ${path} (${label})`).toBe(true);
          const diff = changed(before, await tableCounts(), BOOKKEEPING);
          if (res.status >= 400) expect(diff, `${res.status} for POST ${path} stored rows`).toEqual({});
          for (const [table, n] of Object.entries(diff))
            expect(n, `${table} after POST ${path}`).toBeLessThanOrEqual(table === LISTS[path] ? Number.POSITIVE_INFINITY : 1);
        }),
        { numRuns: 8 },
      );
    });
  }
});
