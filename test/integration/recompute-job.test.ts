// The full rollup recompute as a job of bounded, resumable steps (worker/stats/recompute-job.ts, issue
// 20): one step per round, per programme's visits and per programme × ledger dimension, then a sweep; survey submissions (the
// real respondent route) and memo and problem writes (raw rows, through the triggers) between the steps
// are neither lost nor counted twice — every rollup table ends equal to a from-scratch rebuild in one
// batch; a job stopped between steps goes on from the next one; the admin page shows its progress.
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { dailyJobs } from '../../worker/daily/jobs';
import { takeLease } from '../../worker/lib/lease';
import { recomputeStatements } from '../../worker/stats/recompute';
import {
  latestRecompute,
  recomputeDailyJob,
  recomputeRollups,
  runRecompute,
  runRecomputeStep,
  startRecompute,
} from '../../worker/stats/recompute-job';
import { stepBindings } from '../../worker/stats/recompute-job-sql';
import { call, db, postForm, signedIn } from '../fixtures';
import { addMemo, addProblem, respond, satisfactionAnswer, statsWorld, surveyRound } from '../fixtures/stats';

const ROLLUPS = {
  option_counts: 'SELECT * FROM option_counts ORDER BY campaign_id, question_key, option',
  campaign_counters: 'SELECT * FROM campaign_counters ORDER BY campaign_id',
  group_counts: 'SELECT * FROM group_counts ORDER BY campaign_id, dimension, group_key, question_key, option',
  problem_counts: 'SELECT * FROM problem_counts WHERE n <> 0 ORDER BY programme_id, dimension, grain, kind, period, group_key, days',
  activity_pair_months: 'SELECT * FROM activity_pair_months ORDER BY programme_id, officer_id, enterprise_id, month',
  activity_counts: 'SELECT * FROM activity_counts ORDER BY programme_id, dimension, month, group_key',
  activity_reach: 'SELECT * FROM activity_reach ORDER BY programme_id, dimension, month, group_key, prev',
};

/** Every rollup table, read in one batch after `statements` (in the same batch, so atomic with them). */
async function thenRead(statements: string[] = []) {
  const reads = Object.values(ROLLUPS);
  const results = await env.DB.batch([...statements, ...reads].map((s) => env.DB.prepare(s)));
  const read = results.slice(statements.length).map((r) => r.results);
  return Object.fromEntries(Object.keys(ROLLUPS).map((t, i) => [t, read[i] ?? []])) as Record<keyof typeof ROLLUPS, unknown[]>;
}
/** The rollups as they are, then what one batch rebuilding all of them from scratch makes of the same rows. */
const keptAndRecounted = async () => ({ kept: await thenRead(), recounted: await thenRead(recomputeStatements(false)) });

const count = async (q: string) => ((await env.DB.prepare(q).first<{ n: number }>())?.n ?? 0) as number;
const stepsOf = (jobId: string) =>
  env.DB.prepare('SELECT seq, kind, key, done_at AS doneAt FROM recompute_steps WHERE job_id = ?1 ORDER BY seq')
    .bind(jobId)
    .all<{ seq: number; kind: string; key: string; doneAt: number | null }>()
    .then((r) => r.results);

let built: ReturnType<typeof makeWorld> | null = null;
const world = () => {
  built ??= makeWorld();
  return built;
};
async function makeWorld() {
  const w = await statsWorld();
  const [e1, e2, e3, e4, e5, e6] = w.enterprises;
  const p = w.programme.id;
  const r1 = await surveyRound(p, [e1.id, e2.id, e3.id]);
  const r2 = await surveyRound(p, [e4.id, e5.id, e6.id]);
  const r3 = await surveyRound(p, [e1.id, e2.id, e3.id, e4.id, e5.id, e6.id]);
  await respond(r1, r1.links[0]?.token as string, satisfactionAnswer([5, 4, 4, 5, 5, 4]));
  await respond(r3, r3.links[3]?.token as string, satisfactionAnswer([3, 3, 'na', 5, 4, 2]));
  const { o1, o3 } = w.officers;
  await addMemo({ programmeId: p, enterpriseId: e1.id, officerId: o1.id, visitDate: '2026-03-05' });
  await addMemo({ programmeId: p, enterpriseId: e4.id, officerId: o3.id, visitDate: '2026-04-10', mode: 'phone' });
  await addProblem({
    programmeId: p,
    enterpriseId: e2.id,
    officerId: o1.id,
    raisedOn: '2026-03-02',
    status: 'closed',
    closedOn: '2026-03-20',
  });
  return { ...w, rounds: [r1, r2, r3] as const };
}

describe('the recompute job', () => {
  it('binds a step to its key, and a ledger step listed before the grains were split to both grains', () => {
    expect(stepBindings('round', 'r1')).toEqual([['r1']]);
    expect(stepBindings('sweep', '')).toEqual([[]]);
    expect(stepBindings('problems', 'p1:unit:m')).toEqual([['p1', 'unit', 'm']]);
    expect(stepBindings('problems', 'p1:unit')).toEqual([
      ['p1', 'unit', 'd'],
      ['p1', 'unit', 'm'],
    ]);
  });

  it('lists one step per round, eleven per programme (visits, five ledger dimensions by days then months) and a sweep, and rebuilds every rollup with writes between its steps', async () => {
    const w = await world();
    const [r1, r2, r3] = w.rounds;
    const [e1, e2, , e4, e5] = w.enterprises;
    const { o1, o2, o3 } = w.officers;
    const p = w.programme.id;
    // Broken rollups, of keys whose steps come first and last, which the job must repair.
    await env.DB.batch([
      env.DB.prepare("UPDATE option_counts SET count = 99 WHERE campaign_id = ?1 AND question_key = 'attitude'").bind(r1.id),
      env.DB.prepare('DELETE FROM activity_counts WHERE programme_id = ?1').bind(p),
      env.DB.prepare("INSERT INTO group_counts VALUES ('gone-round', 'unit', '', '', '', 4)"),
      // The ledger's: its unit day rows gone (the day step rebuilds them, the month step then sums them)
      // and a month row of its categories wrong.
      env.DB.prepare("DELETE FROM problem_counts WHERE programme_id = ?1 AND dimension = 'unit' AND grain = 'd'").bind(p),
      env.DB.prepare("UPDATE problem_counts SET n = n + 50 WHERE programme_id = ?1 AND dimension = 'category' AND grain = 'm'").bind(p),
    ]);
    const id = await startRecompute(db(), null);
    const rounds = await count('SELECT count(*) AS n FROM campaigns');
    const programmes = await count('SELECT count(*) AS n FROM programmes');
    const steps = await stepsOf(id);
    expect(steps.length).toBe(rounds + 11 * programmes + 1);
    expect(steps.map((s) => s.kind).slice(0, rounds)).toEqual(Array(rounds).fill('round'));
    expect(steps.at(-1)?.kind).toBe('sweep');
    expect(steps.filter((s) => s.key.startsWith(p)).map((s) => s.key.replace(p, s.kind))).toEqual([
      'activity',
      ...['category', 'chain', 'region', 'total', 'unit'].flatMap((d) => [`problems:${d}:d`, `problems:${d}:m`]),
    ]);
    expect(await latestRecompute(db())).toMatchObject({ id, total: steps.length, done: 0, finishedAt: null });

    // Between every two steps: an answer through the respondent route, a memo written, one moved to another
    // month, one deleted, a problem raised and one closed (the triggers and the submission batch keep
    // their rollups; the steps must not lose or double them).
    const pending = [
      () => respond(r1, r1.links[1]?.token as string, satisfactionAnswer([4, 4, 4, 4, 4, 4])),
      () => respond(r2, r2.links[0]?.token as string, satisfactionAnswer([2, 3, 4, 5, 'na', 1])),
      () => respond(r3, r3.links[0]?.token as string, satisfactionAnswer([5, 5, 5, 5, 5, 5])),
      () => respond(r3, r3.links[4]?.token as string, satisfactionAnswer([1, 2, 3, 4, 5, 5])),
      () => respond(r1, r1.links[2]?.token as string, satisfactionAnswer([5, 4, 'na', 'na', 3, 4])),
    ];
    const memoIds: string[] = [];
    const ran: string[] = [];
    for (let i = 0; ; i++) {
      const step = await runRecomputeStep(db(), id);
      if (!step) break;
      ran.push(`${step.kind}:${step.key}`);
      await pending[i]?.();
      const memo = await addMemo({
        programmeId: p,
        enterpriseId: i % 2 ? e5.id : e1.id,
        officerId: i % 2 ? o3.id : o2.id,
        visitDate: `2026-0${(i % 5) + 2}-1${i % 9}`,
        mode: i % 3 ? 'onsite' : 'phone',
      });
      memoIds.push(memo.id);
      if (i > 0) await db().run(sql`UPDATE memos SET visit_date = '2026-06-01' WHERE id = ${memoIds[i - 1]}`);
      if (i > 1) await db().run(sql`DELETE FROM memos WHERE id = ${memoIds[i - 2]}`);
      const problem = await addProblem({ programmeId: p, enterpriseId: e4.id, officerId: o3.id, raisedOn: `2026-0${(i % 4) + 3}-07` });
      await db().run(sql`UPDATE problems SET status = 'closed', closed_on = '2026-07-01' WHERE id = ${problem.id}`);
      await addProblem({ programmeId: p, enterpriseId: e2.id, officerId: o1.id, raisedOn: '2026-05-05', status: 'dispatched' });
    }
    expect(ran).toEqual(steps.map((s) => `${s.kind}:${s.key}`));
    const job = await latestRecompute(db());
    expect(job).toMatchObject({ id, total: steps.length, done: steps.length });
    expect(job?.finishedAt).toBeGreaterThan(0);
    expect(job?.longestStepMs).toBeGreaterThanOrEqual(0);

    const { kept, recounted } = await keptAndRecounted();
    expect(kept).toEqual(recounted);
    // The writes did land in the rollups, and the broken rows were repaired.
    expect(await count(`SELECT submitted AS n FROM campaign_counters WHERE campaign_id = '${r1.id}'`)).toBe(3);
    expect(await count("SELECT count(*) AS n FROM group_counts WHERE campaign_id = 'gone-round'")).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM option_counts WHERE count = 99`)).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM problem_counts WHERE programme_id = '${p}' AND dimension = 'unit' AND grain = 'd'`),
    ).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM memos WHERE programme_id = '${p}'`)).toBeGreaterThan(3);
    expect(await count(`SELECT sum(contacts) AS n FROM activity_counts WHERE programme_id = '${p}' AND dimension = 'total'`)).toBe(
      await count(`SELECT count(*) AS n FROM memos WHERE programme_id = '${p}'`),
    );
  });

  it('goes on from the next step after a stop between steps, counting each step once', async () => {
    await world();
    const id = await startRecompute(db(), null);
    const steps = await stepsOf(id);
    await runRecomputeStep(db(), id);
    await runRecomputeStep(db(), id);
    const before = await stepsOf(id);
    expect(before.filter((s) => s.doneAt !== null).map((s) => s.seq)).toEqual([1, 2]);
    // The runner stops here (a closed tab, a crash); meanwhile a rollup of a step already done breaks and one
    // of a step not done yet: only the second is the job's to repair.
    await env.DB.prepare('UPDATE campaign_counters SET invited = invited + 7 WHERE campaign_id = ?1').bind(steps[0]?.key).run();
    await env.DB.prepare('UPDATE campaign_counters SET invited = invited + 7 WHERE campaign_id = ?1').bind(steps[2]?.key).run();
    const outcome = await recomputeDailyJob.run({ db: db(), env, now: Date.now(), today: '2026-12-08', maxPages: 50 });
    expect(outcome.detail).toBe(`recompute ${id}: ${steps.length}/${steps.length} steps done`);
    const after = await stepsOf(id);
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2)); // not run again
    expect(after.every((s) => s.doneAt !== null)).toBe(true);
    expect(await latestRecompute(db())).toMatchObject({ id, done: steps.length, total: steps.length });
    const { kept, recounted } = await keptAndRecounted();
    expect(kept.option_counts).toEqual(recounted.option_counts);
    const counters = (rows: unknown[]) => rows as { campaign_id: string; invited: number }[];
    const invited = (rows: unknown[], key?: string) => counters(rows).find((r) => r.campaign_id === key)?.invited;
    expect(invited(kept.campaign_counters, steps[0]?.key)).toBe((invited(recounted.campaign_counters, steps[0]?.key) ?? 0) + 7);
    expect(invited(kept.campaign_counters, steps[2]?.key)).toBe(invited(recounted.campaign_counters, steps[2]?.key));
    expect(await recomputeDailyJob.run({ db: db(), env, now: Date.now(), today: '2026-12-08', maxPages: 50 })).toEqual({
      detail: 'no recompute to finish',
    });
    expect(dailyJobs().map((j) => j.name)).toContain('stats-recompute');
    await recomputeRollups(db()); // leave the rollups right for the next test
  });

  it('runs no step while another runner holds its lease', async () => {
    await world();
    const id = await startRecompute(db(), null);
    expect(await takeLease(db(), 'stats-recompute', 'someone-else', 60_000)).toBe(true);
    expect(await runRecompute(db(), id)).toBe(false);
    expect((await stepsOf(id)).every((s) => s.doneAt === null)).toBe(true);
    await env.DB.prepare("DELETE FROM leases WHERE name = 'stats-recompute'").run();
    expect(await runRecompute(db(), id, { maxSteps: 1 })).toBe(true);
    expect((await stepsOf(id)).filter((s) => s.doneAt !== null).length).toBe(1);
  });

  it('shows its progress on the admin page, and the POST goes on with the unfinished job rather than starting another', async () => {
    await world();
    const { cookie, user } = await signedIn('admin');
    const jobs = () => count('SELECT count(*) AS n FROM recompute_jobs');
    const latest = await latestRecompute(db()); // the unfinished job of the test before, one step done
    expect(latest?.finishedAt).toBeNull();
    const page = await (await call('/admin/stats/recompute', { cookie })).text();
    expect(page).toContain(`已完成 1/${latest?.total} 步`);
    expect(page).toContain('继续重算');
    const n = await jobs();
    const res = await postForm('/admin/stats/recompute', {}, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/stats');
    expect(await jobs()).toBe(n);
    expect(await latestRecompute(db())).toMatchObject({ id: latest?.id, done: latest?.total });
    const done = await (await call('/admin/stats/recompute', { cookie })).text();
    expect(done).toContain(`已完成 ${latest?.total}/${latest?.total} 步`);
    expect(done).toContain('已于 ');
    // A new POST starts a new job, audited in the batch that lists its steps.
    expect((await postForm('/admin/stats/recompute', {}, { cookie })).status).toBe(303);
    expect(await jobs()).toBe(n + 1);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE actor_id = '${user.id}' AND action = 'recompute_rollups' AND object_id = 'all'`,
      ),
    ).toBe(1);
    const { kept, recounted } = await keptAndRecounted();
    expect(kept).toEqual(recounted);
  });
});
