// An office's existing 台账 imported as history (issue 21): a problem in every state with exactly the
// fields the file gives, one 台账导入 event each by the admin, the rollups equal to their recompute, a
// re-import that changes nothing, every refusal with its line and column and nothing stored, and the
// other roles kept out. Storage is per test file, so the one programme made here is the current one.
import { env } from 'cloudflare:workers';
import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemEvents, problems } from '../../schema/memo-tables';
import { units } from '../../schema/tables';
import { activityRecomputeStatements } from '../../worker/stats/activity-rollup';
import { problemRecomputeStatements } from '../../worker/stats/problem-rollup';
import { call, countRows, db, makeCreditCode, makeEnterprise, makeProgramme, makeUnit, makeUser, pair, signedIn } from '../fixtures';
import { hiddenCsv, multipart } from '../fixtures/import-upload';

const issueRows = (html: string) =>
  [...html.matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [Number(m[1]), m[2], m[3]]);

/** A valid credit code no enterprise has. */
const UNKNOWN = makeCreditCode(987654321);
const HEADER =
  '统一社会信用代码,企业名称,问题类别,问题描述,提出日期,帮扶干部账号,主办单位,协办单位,办结时限,办理状态,办理进展,办结日期,办理结果,回访结果';

type World = Awaited<ReturnType<typeof build>>;
async function build() {
  const programme = await makeProgramme({ startsOn: '2020-01-01' });
  const [lead, support1, support2] = [await makeUnit(), await makeUnit(), await makeUnit()];
  const officer = await makeUser({ role: 'officer', unitId: lead.id });
  const other = await makeUser({ role: 'officer', unitId: lead.id });
  const paired = await makeEnterprise();
  const unpaired = await makeEnterprise();
  await pair(programme.id, officer.id, paired.id, true);
  return { programme, lead, support1, support2, officer, other, paired, unpaired };
}
let world: World;
beforeAll(async () => {
  world = await build();
});

/** A 台账 with one problem in each of the seven states. */
function everyState(w: World) {
  const a = w.paired.creditCode;
  const b = w.unpaired.creditCode;
  return [
    HEADER,
    `${a},${w.paired.name},资金融资,流动资金贷款难,2026-01-05,,${w.lead.name},,2026-02-05,待交办,,,,`,
    `${a},,policy,研发费用加计扣除兑现慢,2026/1/6,,${w.lead.name},"${w.support1.name}、${w.support2.name}",2026-02-06,已交办,,,,`,
    `${b},,用工人才,"技工招聘难\n需要对接职校",2026年1月7日,${w.other.login},${w.lead.name},,2026-02-07,办理中,已对接两所职校,,,`,
    `${b},,用地厂房,扩建用地指标,2026-01-08,${w.other.login},${w.lead.name},${w.support1.name},2026-02-08,无法办理,,,年度指标已用完,`,
    `${a},,审批证照注册,二类医疗器械注册加急,2026-01-09,,${w.lead.name},,2026-02-09,已办结,,2026-01-30,已开通绿色通道,`,
    `${a},,账款拖欠,"政府工程款拖欠,约 120 万",2026-01-10,,${w.lead.name},,2026-02-10,已销号,,2026-02-01,已全部支付,满意`,
    `${a},,other,园区道路维修,2026-01-11,,${w.lead.name},,2026-02-11,确认无法办理,,2026-02-02,道路产权不属于园区,`,
  ].join('\r\n');
}

const storedProblems = () =>
  db().select().from(problems).where(eq(problems.programmeId, world.programme.id)).orderBy(asc(problems.raisedOn)).all();

const rollups = async () => ({
  problems: await db().all(
    sql`SELECT * FROM problem_counts WHERE n <> 0 ORDER BY programme_id, dimension, grain, period, group_key, kind, days`,
  ),
  pairMonths: await db().all(sql`SELECT * FROM activity_pair_months ORDER BY 1, 2, 3, 4`),
});

describe('台账 import', () => {
  it('imports a problem in every state exactly, with one 台账导入 event each; the rollups equal their recompute; a re-import changes nothing', async () => {
    const { cookie, user: admin } = await signedIn();
    const csv = everyState(world);
    const preview = await multipart('/admin/import/ledger', cookie, {}, { body: csv });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('新增 7 条，更新 0 条，无变化 0 条。');
    expect(await countRows('problems')).toBe(0);

    const audits = await countRows('audit_log');
    const done = await multipart('/admin/import/ledger/commit', cookie, { csv: hiddenCsv(html) });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/admin/import?done=ledger&created=7&updated=0&unchanged=0');
    const page = await (await call(done.headers.get('location') ?? '', { cookie })).text();
    expect(page).toContain('问题台账已导入：新增 7 个问题，跳过已导入的 0 个。');

    const stored = await storedProblems();
    const w = world;
    const pick = (p: (typeof stored)[number]) => ({
      source: p.source,
      memoId: p.memoId,
      enterpriseId: p.enterpriseId,
      officerId: p.officerId,
      category: p.category,
      description: p.description,
      status: p.status,
      raisedOn: p.raisedOn,
      deadline: p.deadline,
      deadlineProvisional: p.deadlineProvisional,
      proposedUnitId: p.proposedUnitId,
      leadUnitId: p.leadUnitId,
      supportUnitIds: JSON.parse(p.supportUnitIds),
      dispatchedOn: p.dispatchedOn,
      acceptedOn: p.acceptedOn,
      closedOn: p.closedOn,
      progress: p.progress,
      resolution: p.resolution,
      unresolvableReason: p.unresolvableReason,
      followUp: p.followUp,
      followUpOn: p.followUpOn,
      struckOffOn: p.struckOffOn,
      handlingDays: p.handlingDays,
    });
    const base = { source: 'ledger', memoId: null, category: 'finance', progress: '', resolution: '', unresolvableReason: '' };
    const open = { closedOn: null, followUp: null, followUpOn: null, struckOffOn: null, handlingDays: null };
    const byA = { enterpriseId: w.paired.id, officerId: w.officer.id };
    const byB = { enterpriseId: w.unpaired.id, officerId: w.other.id };
    const unit = w.lead.id;
    expect(stored.map(pick)).toEqual([
      {
        ...base,
        ...open,
        ...byA,
        description: '流动资金贷款难',
        status: 'pending',
        raisedOn: '2026-01-05',
        deadline: '2026-02-05',
        deadlineProvisional: true,
        proposedUnitId: unit,
        leadUnitId: null,
        supportUnitIds: [],
        dispatchedOn: null,
        acceptedOn: null,
      },
      {
        ...base,
        ...open,
        ...byA,
        category: 'policy',
        description: '研发费用加计扣除兑现慢',
        status: 'dispatched',
        raisedOn: '2026-01-06',
        deadline: '2026-02-06',
        deadlineProvisional: false,
        proposedUnitId: null,
        leadUnitId: unit,
        supportUnitIds: [w.support1.id, w.support2.id],
        dispatchedOn: '2026-01-06',
        acceptedOn: null,
      },
      {
        ...base,
        ...open,
        ...byB,
        category: 'talent',
        description: '技工招聘难\n需要对接职校',
        status: 'in_progress',
        raisedOn: '2026-01-07',
        deadline: '2026-02-07',
        deadlineProvisional: false,
        proposedUnitId: null,
        leadUnitId: unit,
        supportUnitIds: [],
        dispatchedOn: '2026-01-07',
        acceptedOn: '2026-01-07',
        progress: '已对接两所职校',
      },
      {
        ...base,
        ...open,
        ...byB,
        category: 'land',
        description: '扩建用地指标',
        status: 'unresolvable',
        raisedOn: '2026-01-08',
        deadline: '2026-02-08',
        deadlineProvisional: false,
        proposedUnitId: null,
        leadUnitId: unit,
        supportUnitIds: [w.support1.id],
        dispatchedOn: '2026-01-08',
        acceptedOn: '2026-01-08',
        unresolvableReason: '年度指标已用完',
      },
      {
        ...base,
        ...open,
        ...byA,
        category: 'approval',
        description: '二类医疗器械注册加急',
        status: 'closed',
        raisedOn: '2026-01-09',
        deadline: '2026-02-09',
        deadlineProvisional: false,
        proposedUnitId: null,
        leadUnitId: unit,
        supportUnitIds: [],
        dispatchedOn: '2026-01-09',
        acceptedOn: '2026-01-09',
        closedOn: '2026-01-30',
        resolution: '已开通绿色通道',
      },
      {
        ...base,
        ...byA,
        category: 'arrears',
        description: '政府工程款拖欠,约 120 万',
        status: 'struck_off',
        raisedOn: '2026-01-10',
        deadline: '2026-02-10',
        deadlineProvisional: false,
        proposedUnitId: null,
        leadUnitId: unit,
        supportUnitIds: [],
        dispatchedOn: '2026-01-10',
        acceptedOn: '2026-01-10',
        closedOn: '2026-02-01',
        resolution: '已全部支付',
        followUp: 'satisfied',
        followUpOn: '2026-02-01',
        struckOffOn: '2026-02-01',
        handlingDays: null,
      },
      {
        ...base,
        ...open,
        ...byA,
        category: 'other',
        description: '园区道路维修',
        status: 'unresolved',
        raisedOn: '2026-01-11',
        deadline: '2026-02-11',
        deadlineProvisional: false,
        proposedUnitId: null,
        leadUnitId: unit,
        supportUnitIds: [],
        dispatchedOn: '2026-01-11',
        acceptedOn: '2026-01-11',
        closedOn: '2026-02-02',
        unresolvableReason: '道路产权不属于园区',
      },
    ]);
    for (const p of stored) expect(p.code).toMatch(new RegExp(`^W${p.raisedOn.replaceAll('-', '')}-[A-Z2-7]{4}$`));
    expect(new Set(stored.map((p) => p.importKey)).size).toBe(7);

    // Exactly one event per problem: imported, by this admin as admin, into the state of the row.
    const events = await db().select().from(problemEvents).orderBy(asc(problemEvents.id)).all();
    expect(events.map((e) => [e.problemId, e.kind, e.actorId, e.actorRole, e.fromStatus, e.toStatus])).toEqual(
      stored.map((p) => [p.id, 'import', admin.id, 'admin', null, p.status]),
    );
    const audit = await db().all<{ action: string; object_type: string; object_id: string; detail: string }>(
      sql`SELECT action, object_type, object_id, detail FROM audit_log WHERE action = 'import'`,
    );
    expect(audit).toEqual([
      {
        action: 'import',
        object_type: 'programme',
        object_id: world.programme.id,
        detail: JSON.stringify({ kind: 'ledger', created: 7, updated: 0, unchanged: 0 }),
      },
    ]);
    expect(await countRows('audit_log')).toBe(audits + 1);

    // The triggers kept the rollups: a rebuild from the raw rows gives the same rows.
    const kept = await rollups();
    expect(kept.problems.length).toBeGreaterThan(50);
    await env.DB.batch([...problemRecomputeStatements(), ...activityRecomputeStatements()].map((s) => env.DB.prepare(s)));
    expect(await rollups()).toEqual(kept);
    const raised = await db().get<{ n: number }>(
      sql`SELECT sum(n) AS n FROM problem_counts WHERE programme_id = ${world.programme.id} AND dimension = 'total' AND grain = 'd' AND kind = 'raised'`,
    );
    expect(raised?.n).toBe(7);

    // The same file again, after a unit it names was disabled: every row is shown as already imported (not
    // refused), no confirm form, and a forced commit writes nothing.
    await db().update(units).set({ disabled: true }).where(eq(units.id, w.support2.id));
    const again = await multipart('/admin/import/ledger', cookie, {}, { body: csv });
    expect(again.status).toBe(200);
    const againHtml = await again.text();
    expect(againHtml).toContain('新增 0 条，更新 0 条，无变化 7 条。');
    expect(againHtml.match(/已导入，跳过/g)?.length).toBe(7);
    expect(againHtml).not.toContain('name="csv"');
    const recommit = await multipart('/admin/import/ledger/commit', cookie, { csv });
    expect(recommit.headers.get('location')).toBe('/admin/import?done=ledger&created=0&updated=0&unchanged=7');
    expect(await storedProblems()).toEqual(stored);
    expect(await countRows('problem_events')).toBe(7);
    expect(await countRows('audit_log')).toBe(audits + 1);
    expect(await rollups()).toEqual(kept);
  });

  it('refuses every inconsistent row with its line and column, and stores nothing', async () => {
    const { cookie } = await signedIn();
    const w = world;
    const a = w.paired.creditCode;
    const csv = [
      HEADER,
      `91110000999999999X,,资金融资,未知企业,2026-03-01,,${w.lead.name},,2026-04-01,已交办,,,,`, // 2: code check char wrong
      `${UNKNOWN},,资金融资,未登记的企业,2026-03-01,,,,2026-04-01,待交办,,,,`, // 3
      `${a},,资金融资,未知单位,2026-03-02,,不存在的局,,2026-04-02,已交办,,,,`, // 4
      `${a},,资金融资,坏状态,2026-03-03,,${w.lead.name},,2026-04-03,处理完了,,,,`, // 5
      `${a},,资金融资,缺办结日期,2026-03-04,,${w.lead.name},,2026-04-04,已办结,,,已解决,`, // 6
      `${a},,资金融资,时限早于提出,2026-03-05,,${w.lead.name},,2026-03-04,已交办,,,,`, // 7
      `${a},,资金融资,年代久远,1999-12-31,,${w.lead.name},,2026-04-06,已交办,,,,`, // 8
      `${a},,资金融资,太远的时限,2026-03-07,,${w.lead.name},,2101-01-01,已交办,,,,`, // 9
      `${a},,资金融资,未办结有日期,2026-03-08,,${w.lead.name},,2026-04-08,办理中,,2026-03-20,,`, // 10
      `${a},,资金融资,销号无回访,2026-03-09,,${w.lead.name},,2026-04-09,已销号,,2026-03-20,已解决,`, // 11
      `${a},,资金融资,没有主办单位,2026-03-10,,,,2026-04-10,办理中,,,,`, // 12
      `${w.unpaired.creditCode},,资金融资,没有牵头干部,2026-03-11,,${w.lead.name},,2026-04-11,已交办,,,,`, // 13
      `${a},错误的名称,资金融资,名称不符,2026-03-12,,${w.lead.name},,2026-04-12,已交办,,,,`, // 14
      `${a},,资金融资,无法办理无原因,2026-03-13,,${w.lead.name},,2026-04-13,无法办理,,,,`, // 15
      `${a},,资金融资,时限早于提出,2026-03-05,,${w.lead.name},,2026-04-05,已交办,,,,`, // 16: fine on its own
      `${a},,资金融资,时限早于提出,2026/3/5,,${w.lead.name},,2026-04-05,已交办,,,,`, // 17: repeats line 16
    ].join('\r\n');
    const before = await countRows('problems');
    const res = await multipart('/admin/import/ledger', cookie, {}, { body: csv });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(issueRows(html)).toEqual([
      [2, '统一社会信用代码', '统一社会信用代码无效（应为 18 位，且校验位正确）'],
      [3, '统一社会信用代码', `系统中没有统一社会信用代码为 ${UNKNOWN} 的企业`],
      [4, '主办单位', '未登记的帮扶单位“不存在的局”'],
      [5, '办理状态', '办理状态应为待交办、已交办、办理中、无法办理、已办结、已销号或确认无法办理'],
      [6, '办结日期', '该办理状态须填写办结日期'],
      [7, '办结时限', '办结时限早于提出日期'],
      [8, '提出日期', '日期须在 2000-01-01 至 2100-12-31 之间'],
      [9, '办结时限', '日期须在 2000-01-01 至 2100-12-31 之间'],
      [10, '办结日期', '问题尚未办结，办结日期应为空'],
      [11, '回访结果', '已销号的问题须有“满意”或“基本满意”的回访结果'],
      [12, '主办单位', '该办理状态须填写主办单位'],
      [13, '帮扶干部账号', '该企业在当前帮扶行动中没有牵头帮扶干部，请填写帮扶干部账号'],
      [14, '企业名称', `企业名称与系统中登记的“${w.paired.name}”不一致，请核对统一社会信用代码`],
      [15, '办理结果', '该办理状态须填写办理结果（无法办理时填写原因）'],
      [17, '问题描述', '与第 16 行重复'],
    ]);
    expect(html).not.toContain('name="csv"');
    expect(await countRows('problems')).toBe(before);
  });

  it('refuses a file over 5,000 rows, naming the first row too many, and stores nothing', async () => {
    const { cookie } = await signedIn();
    const rows = Array.from(
      { length: 5001 },
      (_, i) => `${world.paired.creditCode},,资金融资,问题${i},2026-04-01,,${world.lead.name},,2026-05-01,已交办,,,,`,
    );
    const res = await multipart('/admin/import/ledger', cookie, {}, { body: [HEADER, ...rows].join('\r\n') });
    expect(res.status).toBe(422);
    expect(issueRows(await res.text())).toEqual([[5002, '—', '超过每个文件 5000 行的上限，请拆分为多个文件']]);
    expect(await countRows('problems')).toBe(7);
  });

  it('commits 5,000 rows in one batch, one event each', async () => {
    const { cookie } = await signedIn();
    const rows = Array.from(
      { length: 5000 },
      (_, i) =>
        `${world.paired.creditCode},,资金融资,批量问题${i},2025-06-01,,${world.lead.name},,2025-07-01,已办结,,2025-06-20,已解决,满意`,
    );
    const csv = [HEADER, ...rows].join('\r\n');
    const started = Date.now();
    const res = await multipart('/admin/import/ledger/commit', cookie, { csv });
    expect(res.headers.get('location')).toBe('/admin/import?done=ledger&created=5000&updated=0&unchanged=0');
    console.info(`5,000 台账 rows committed in ${Date.now() - started} ms`);
    expect(await countRows('problems')).toBe(5007);
    expect(await countRows('problem_events')).toBe(5007);
    const closed = await db().get<{ n: number }>(
      sql`SELECT sum(n) AS n FROM problem_counts WHERE programme_id = ${world.programme.id} AND dimension = 'total' AND grain = 'm' AND kind = 'closed' AND period = '2025-06'`,
    );
    expect(closed?.n).toBe(5000);
  });

  it('keeps officers and unit handlers out (403), stores nothing', async () => {
    const csv = everyState(world);
    for (const role of ['officer', 'handler'] as const) {
      const { cookie } = await signedIn(role);
      expect((await multipart('/admin/import/ledger', cookie, {}, { body: csv })).status).toBe(403);
      expect((await multipart('/admin/import/ledger/commit', cookie, { csv })).status).toBe(403);
      expect((await call('/admin/import/template/ledger.csv', { cookie })).status).toBe(403);
    }
    expect(await countRows('problems')).toBe(5007);
  });

  it('offers the 台账 template as CSV and .xlsx, and the CSV template imports as the header it shows', async () => {
    const { cookie } = await signedIn();
    const res = await call('/admin/import/template/ledger.csv', { cookie });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(HEADER);
    const xlsx = await call('/admin/import/template/ledger.xlsx', { cookie });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const page = await (await call('/admin/import', { cookie })).text();
    expect(page).toContain('action="/admin/import/ledger"');
  });
});
