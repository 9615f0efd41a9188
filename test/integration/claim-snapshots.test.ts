// The claims cross-check frozen by the daily run (issue 20, worker/stats/claim-snapshot.ts): a closed round
// is computed live until its claims are taken; taking them writes exactly the live figures; afterwards a
// memo backdated into the round's month moves the live computation but not the pages; a second run
// writes nothing; a round whose form lacks Q2 gets its mark and no rows.
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../schema/rules/china-time';
import { claimSnapshotJob, takeClaims } from '../../worker/stats/claim-snapshot';
import { claimCountsSql } from '../../worker/stats/claim-sql';
import { claimChecks, claimRounds } from '../../worker/stats/claims.queries';
import { readAll } from '../../worker/stats/sql';
import { call, db, makeChain, makeEnterprise, makeProgramme, makeUnit, makeUser, pair, signedIn } from '../fixtures';
import { addMemo, closeNow, respond, satisfactionAnswer, surveyRound, templateWithout } from '../fixtures/stats';

const runJob = async () => (await claimSnapshotJob.run({ db: db(), env, now: Date.now(), today: chinaToday(), maxPages: 20 })).detail;

type Count = { campaign_id: string; officer_id: string; chain_id: string; region: string; checked: number; contradicted: number };
/** The raw-row computation of one round, whether or not its claims were taken. */
const liveCounts = async (round: string) =>
  (await readAll<[Count]>(db(), [sql`SELECT * FROM (${claimCountsSql(sql`SELECT ${round}`)}) ORDER BY officer_id, chain_id`]))[0];
const frozen = (round: string) =>
  db().all<Count>(
    sql`SELECT campaign_id, officer_id, chain_id, region, checked, contradicted FROM claim_snapshots WHERE campaign_id = ${round}
      ORDER BY officer_id, chain_id`,
  );
const marks = () =>
  db().all<{ campaign_id: string; taken_at: number }>(sql`SELECT campaign_id, taken_at FROM claims_taken ORDER BY campaign_id`);

/** The cell of the by-officer table on /admin/stats/claims in `officer`'s row. */
async function officerRow(programmeId: string, officer: string) {
  const admin = (await signedIn('admin')).cookie;
  const res = await call(`/admin/stats/claims?programme=${programmeId}`, { cookie: admin });
  expect(res.status).toBe(200);
  const html = await res.text();
  const byOfficer = html.slice(html.indexOf('id="claims-officer"'));
  const at = byOfficer.indexOf(`>${officer}<`);
  expect(at).toBeGreaterThan(0);
  return byOfficer.slice(at, byOfficer.indexOf('</tr>', at));
}

// Hand count, one round answered today (China time):
//   officer a leads e1 (上门 memo, answers 是/否 → 2 checked, 1 contradicted) and e2 (电话 memo, 否/否 → 1, 1):
//     a: 3 checked, 2 contradicted
//   officer b leads e3 (上门 memo, 是/是 → 2, 0): b: 2 checked, 0 contradicted
// e2 is in a chain and the region 东区 (e1 and e3 in neither): frozen per officer × chain × region, so a
// leader of that chain or region reads a's 1 checked, 1 contradicted (issue 19), the programme the sums.
// A second round, closed, whose form lacks Q2 (onsite_month), answered by e1: never counted.
const w = {} as {
  programme: { id: string };
  round: { id: string };
  plain: { id: string };
  a: { id: string; name: string };
  b: { id: string; name: string };
  e2: string;
  chain: string;
};

beforeAll(async () => {
  const today = chinaToday();
  const programme = await makeProgramme({ startsOn: '2026-01-01', endsOn: '2026-12-31' });
  const unit = await makeUnit();
  const [a, b] = [await makeUser({ role: 'officer', unitId: unit.id }), await makeUser({ role: 'officer', unitId: unit.id })];
  const chain = (await makeChain()).id;
  const [e1, e2, e3] = [
    (await makeEnterprise()).id,
    (await makeEnterprise({ chainId: chain, region: '东区' })).id,
    (await makeEnterprise()).id,
  ];
  await pair(programme.id, a.id, e1, true);
  await pair(programme.id, a.id, e2, true);
  await pair(programme.id, b.id, e3, true);
  const memo = (officerId: string, enterpriseId: string, mode: 'onsite' | 'phone') =>
    addMemo({ programmeId: programme.id, officerId, enterpriseId, mode, visitDate: today });
  await memo(a.id, e1, 'onsite');
  await memo(a.id, e2, 'phone');
  await memo(b.id, e3, 'onsite');
  const answers: Record<string, ReturnType<typeof satisfactionAnswer>> = {
    [e1]: satisfactionAnswer([4, 4, 4, 4, 4, 4], { contact_month: 'yes', onsite_month: 'no' }),
    [e2]: satisfactionAnswer([4, 4, 4, 4, 4, 4], { contact_month: 'no', onsite_month: 'no' }),
    [e3]: satisfactionAnswer([4, 4, 4, 4, 4, 4], { contact_month: 'yes', onsite_month: 'yes' }),
  };
  const round = await surveyRound(programme.id, [e1, e2, e3], { name: '冻结核对批次' });
  for (const link of round.links) await respond(round, link.token, answers[link.enterpriseId] ?? {});
  await closeNow(round.id);
  const plain = await surveyRound(programme.id, [e1], { name: '不含上门题批次', definition: templateWithout('onsite_month') });
  for (const link of plain.links) {
    const { onsite_month: _, ...values } = satisfactionAnswer([4, 4, 4, 4, 4, 4], { contact_month: 'no' });
    await respond(plain, link.token, values);
  }
  await closeNow(plain.id);
  Object.assign(w, { programme, round, plain, a, b, e2, chain });
});

/** The rows per officer, chain and region, sorted as frozen() and liveCounts() sort them. */
const expected = () =>
  [
    { campaign_id: w.round.id, officer_id: w.a.id, chain_id: '', region: '', checked: 2, contradicted: 1 },
    { campaign_id: w.round.id, officer_id: w.a.id, chain_id: w.chain, region: '东区', checked: 1, contradicted: 1 },
    { campaign_id: w.round.id, officer_id: w.b.id, chain_id: '', region: '', checked: 2, contradicted: 0 },
  ].sort((x, y) => x.officer_id.localeCompare(y.officer_id) || x.chain_id.localeCompare(y.chain_id));
/** What the pages read per officer: the rows added up. */
const perOfficer = [
  ['a', 3, 2],
  ['b', 2, 0],
] as const;

/** a's part of the figure in e2's chain and in its region, and nothing of b (whose enterprise is in neither). */
const placed = async () =>
  Promise.all(
    (['chain', 'region'] as const).map(async (by) =>
      (await claimChecks(db(), [w.round.id], { place: { by, key: by === 'chain' ? w.chain : '东区' } })).map((r) => [
        r.officerId === w.a.id ? 'a' : 'b',
        r.checked,
        r.contradicted,
      ]),
    ),
  );
const PLACED = [[['a', 1, 1]], [['a', 1, 1]]];

describe('the claims cross-check frozen by the daily run', () => {
  let before: Awaited<ReturnType<typeof claimChecks>> = [];

  it('computes a closed round live until its claims are taken', async () => {
    expect(await marks()).toEqual([]);
    before = await claimChecks(db(), [w.round.id]);
    expect(before.map((r) => ({ officerId: r.officerId, checked: r.checked, contradicted: r.contradicted }))).toEqual(
      perOfficer
        .map(([o, checked, contradicted]) => ({ officerId: w[o].id, checked, contradicted }))
        .sort((x, y) => x.officerId.localeCompare(y.officerId)),
    );
    expect(await placed()).toEqual(PLACED);
    expect(await officerRow(w.programme.id, w.a.name)).toContain('样本不足 <small>(n=3)</small>');
  });

  it('takes each closed round once: the live figures exactly, and the mark; a round without Q2 gets the mark alone', async () => {
    const sorted = expected();
    expect(await liveCounts(w.round.id)).toEqual(sorted);
    expect(await runJob()).toBe("2 closed rounds' claims taken (1 counted)");
    expect(await frozen(w.round.id)).toEqual(sorted);
    expect((await marks()).map((m) => m.campaign_id).sort()).toEqual([w.round.id, w.plain.id].sort());
    expect(await frozen(w.plain.id)).toEqual([]);
    // The pages read the frozen rows now, and read what they read live before.
    expect(await claimChecks(db(), [w.round.id])).toEqual(before);
    expect(await placed()).toEqual(PLACED);
  });

  it('is idempotent: a second run, or a second take of a taken round, writes nothing', async () => {
    const marked = await marks();
    expect(await runJob()).toBe("0 closed rounds' claims taken (0 counted)");
    await takeClaims(db(), w.round.id, true, Date.now());
    expect(await marks()).toEqual(marked);
    expect(await frozen(w.round.id)).toEqual(expected());
    const [{ n }] = (await db().all<{ n: number }>(sql`SELECT count(*) AS n FROM claim_snapshots`)) as [{ n: number }];
    expect(n).toBe(3);
  });

  it('keeps the page still when a memo is backdated into the round’s month afterwards; the live computation moves', async () => {
    // a's 上门 claim on e2, which answered 否 to Q2: one more checked and contradicted claim, live.
    await addMemo({ programmeId: w.programme.id, officerId: w.a.id, enterpriseId: w.e2, mode: 'onsite', visitDate: chinaToday() });
    const live = await liveCounts(w.round.id);
    expect(live.find((r) => r.officer_id === w.a.id && r.chain_id === w.chain)).toMatchObject({ checked: 2, contradicted: 2 });
    expect(await claimChecks(db(), [w.round.id])).toEqual(before);
    expect(await placed()).toEqual(PLACED);
    expect(await officerRow(w.programme.id, w.a.name)).toContain('样本不足 <small>(n=3)</small>');
  });

  it('never counts the round whose form lacks Q2, taken or not', async () => {
    const rounds = await claimRounds(db(), {
      programmeId: w.programme.id,
      period: { from: '2026-01-01', to: '2026-12-31' },
      today: chinaToday(),
    });
    expect(rounds.map((r) => r.id)).toEqual([w.round.id]);
  });
});
