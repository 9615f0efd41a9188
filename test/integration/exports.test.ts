// CSV exports read back with the RFC 4180 parser of the imports (worker/lib/csv.ts): every value must
// come back exactly, formula-looking cells with a leading ', the file must start with the BOM, and
// keyset paging must hand over every row once, in order, across page boundaries.
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../schema/form-templates';
import { auditLog } from '../../schema/tables';
import { LEDGER_HEADER } from '../../worker/exports/ledger.sheet';
import { parseCsv } from '../../worker/lib/csv';
import { call, db, makeEnterprise, makeProgramme, makeUnit, makeUser, pair, signedIn } from '../fixtures';
import { addProblem, respond, satisfactionAnswer, surveyRound } from '../fixtures/stats';

async function download(path: string, cookie: string) {
  const res = await call(path, { cookie });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { res, bytes, text, rows: res.status === 200 ? parseCsv(text.slice(1)).map((r) => r.cells) : [] };
}

const TRICKY = '含"引号"、逗号,和\n换行\r\n以及 emoji 😀👍🏽 的描述';

describe('problem ledger CSV', () => {
  it('has the Chinese columns of DESIGN §5 and gives every value back exactly', async () => {
    const { cookie } = await signedIn('admin');
    const programme = await makeProgramme({ startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const [lead, support1, support2] = [await makeUnit(), await makeUnit(), await makeUnit()];
    const officer = await makeUser({ role: 'officer', unitId: lead.id });
    const handler = await makeUser({ role: 'handler', unitId: lead.id });
    const enterprise = await makeEnterprise({ name: '@SUM(1,2) 湖南"金健"药业' });
    const p = await addProblem({
      programmeId: programme.id,
      officerId: officer.id,
      enterpriseId: enterprise.id,
      raisedOn: '2026-03-01',
      category: 'approval',
      description: TRICKY,
      leadUnitId: lead.id,
      supportUnitIds: JSON.stringify([support1.id, support2.id]),
      assigneeId: handler.id,
      deadline: '2026-04-01',
      extendedDeadline: '2026-05-01',
      extensionReason: '=需省厅审批',
      status: 'struck_off',
      progress: '=HYPERLINK("http://evil","点我")',
      closedOn: '2026-04-20',
      resolution: '-已协调完成\t',
      followUpOn: '2026-04-25',
      followUp: 'basically',
    });
    await addProblem({
      programmeId: programme.id,
      officerId: officer.id,
      enterpriseId: enterprise.id,
      raisedOn: '2026-03-02',
      deadline: '2026-04-01',
      deadlineProvisional: true,
      status: 'unresolved',
      closedOn: '2026-03-20',
      unresolvableReason: '+超出职权',
    });
    // Reopened by a negative 回访 (issue 14): its old 办理结果 is not the ledger's any more.
    await addProblem({
      programmeId: programme.id,
      officerId: officer.id,
      enterpriseId: enterprise.id,
      raisedOn: '2026-03-03',
      status: 'in_progress',
      resolution: '上一轮的办理结果',
    });
    const { res, bytes, rows } = await download(`/admin/exports/problems.csv?programme=${programme.id}`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="problems_2026-01-01_2026-12-31\.csv"; filename\*=UTF-8''%E9%97%AE/,
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows[0]).toEqual([...LEDGER_HEADER]);
    expect(rows[1]).toEqual([
      p.code,
      '\'@SUM(1,2) 湖南"金健"药业',
      enterprise.creditCode,
      TRICKY,
      '审批证照注册',
      '2026-03-01',
      lead.name,
      `${support1.name}、${support2.name}`,
      handler.name,
      officer.name,
      '2026-04-01',
      '否',
      '2026-05-01',
      "'=需省厅审批",
      '已销号',
      '\'=HYPERLINK("http://evil","点我")',
      '2026-04-20',
      "'-已协调完成\t",
      '',
      '2026-04-25',
      '基本满意',
      '是',
    ]);
    expect(rows[2]?.slice(10, 19)).toEqual(['2026-04-01', '是', '', '', '确认无法办理', '', '2026-03-20', '', "'+超出职权"]);
    expect(rows[3]?.slice(14, 18)).toEqual(['办理中', '', '', '']);
    expect(rows).toHaveLength(4);
  });

  it('narrows by status and category, and audits the download', async () => {
    const { cookie, user } = await signedIn('admin');
    const programme = await makeProgramme({ startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const officer = await makeUser({ role: 'officer' });
    const enterprise = await makeEnterprise();
    const base = { programmeId: programme.id, officerId: officer.id, enterpriseId: enterprise.id, raisedOn: '2026-02-01' };
    await addProblem({ ...base, category: 'land', status: 'pending' });
    await addProblem({ ...base, category: 'land', status: 'closed', closedOn: '2026-02-03' });
    await addProblem({ ...base, category: 'talent', status: 'closed', closedOn: '2026-02-03' });
    const { rows } = await download(`/admin/exports/problems.csv?programme=${programme.id}&status=closed&category=land`, cookie);
    expect(rows.slice(1).map((r) => [r[4], r[14]])).toEqual([['用地厂房', '已办结']]);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, user.id), eq(auditLog.action, 'export')))
      .all();
    expect(audit.map((a) => [a.objectType, a.objectId])).toEqual([['problems', programme.id]]);
  });
});

describe('memos CSV', () => {
  it('pages by (visit date, id) through 1,001 memos: every one exactly once, in order', async () => {
    const { cookie } = await signedIn('admin');
    const programme = await makeProgramme({ startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const officer = await makeUser({ role: 'officer' });
    const enterprise = await makeEnterprise();
    // Half the memos share one day, so pages break inside a run of equal dates.
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1001)
       INSERT INTO memos (id, programme_id, enterprise_id, officer_id, visit_date, mode, business_situation, created_at)
       SELECT ?1 || printf('%04d', i), ?2, ?3, ?4, CASE WHEN i % 2 THEN '2026-03-01' ELSE '2026-03-0' || (1 + i % 7) END,
         CASE WHEN i % 3 THEN 'onsite' ELSE 'phone' END, '第' || i || '次,"走访"', 0 FROM n`,
    )
      .bind(`${programme.id.slice(0, 8)}-`, programme.id, enterprise.id, officer.id)
      .run();
    const { rows } = await download(`/admin/exports/memos.csv?programme=${programme.id}`, cookie);
    const body = rows.slice(1);
    expect(body).toHaveLength(1001);
    expect(new Set(body.map((r) => r[0])).size).toBe(1001);
    const keys = body.map((r) => `${r[5]} ${r[0]}`);
    expect(keys).toEqual([...keys].sort());
    const first = body.find((r) => r[0]?.endsWith('-0001'));
    expect(first?.slice(6, 7)).toEqual(['上门走访']);
    expect(first?.[10]).toBe('第1次,"走访"');
  });
});

describe('survey CSVs', () => {
  it('writes responses wide, with option labels, the invitation and the enterprise', async () => {
    const { cookie } = await signedIn('admin');
    const programme = await makeProgramme();
    const officer = await makeUser({ role: 'officer' });
    const e1 = await makeEnterprise({ name: '=1+1 医药' });
    const e2 = await makeEnterprise();
    await pair(programme.id, officer.id, e1.id);
    await pair(programme.id, officer.id, e2.id);
    const round = await surveyRound(programme.id, [e1.id, e2.id], { name: '导出批次', definition: TEMPLATES.programme.definition });
    const link = round.links.find((l) => l.enterpriseId === e1.id) as { token: string; id: string };
    await respond(round, link.token, {
      know_officer: 'yes',
      three_ones: 'partly',
      'effect.quality': '5',
      'effect.compliance': '4',
      'effect.approval': 'na',
      'effect.policy': '3',
      'effect.training': '2',
      'effect.growth': '1',
      problems_solved: '3',
      service: '4',
      burden: 'yes',
      burden_detail: TRICKY,
      valuable_help: ['quality', 'policy'],
      recommend: '9',
      suggestions: '+加快审批',
    });
    const { res, rows } = await download(`/admin/exports/responses.csv?campaign=${round.id}`, cookie);
    expect(res.status).toBe(200);
    const header = rows[0] ?? [];
    const row = Object.fromEntries(header.map((h, i) => [h, rows[1]?.[i]]));
    expect(rows).toHaveLength(2);
    expect(header.slice(0, 5)).toEqual(['答卷编号', '邀请编号', '企业名称', '统一社会信用代码', '提交时间']);
    expect(row).toMatchObject({
      邀请编号: link.id,
      企业名称: "'=1+1 医药",
      统一社会信用代码: e1.creditCode,
      '贵企业是否清楚本企业的帮扶干部及其联系方式？': '是',
      '帮扶干部落实“三个一”要求的情况': '部分落实',
      '请对以下方面的帮扶成效作出评价 · 质量管理水平提升': '非常满意',
      '请对以下方面的帮扶成效作出评价 · 审评审批与注册证照办理': '不了解/不适用',
      '请对以下方面的帮扶成效作出评价 · 企业发展信心与市场拓展': '非常不满意',
      '本轮帮扶中为贵企业解决的实际问题数量（个）': '3',
      对帮扶干部服务质量的总体评价: '满意',
      请说明具体情况: TRICKY,
      '您认为最有价值的帮扶内容（最多选 3 项）': '政策解读与申报指导、质量管理与合规指导',
      您向同行推荐这项帮扶行动的可能性: '9',
      '对深入推进“百人帮百企”行动的意见建议': "'+加快审批",
    });
    expect(row.提交时间).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it('lists invitations with their status across a page boundary', async () => {
    const { cookie } = await signedIn('admin');
    const programme = await makeProgramme();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await makeEnterprise({ contactPhone: `1380000000${i}` })).id);
    const round = await surveyRound(programme.id, ids, { name: '状态批次' });
    await respond(round, (round.links[0] as { token: string }).token, satisfactionAnswer([5, 5, 5, 5, 5, 5]));
    // 501 more invitations: enterprises and invitations written in two statements.
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 501)
       INSERT INTO enterprises (id, name, credit_code, created_at, updated_at) SELECT ?1 || printf('%04d', i), '批量企业' || i, ?1 || printf('%010d', i), 0, 0 FROM n`,
    )
      .bind(round.id.slice(0, 8))
      .run();
    await env.DB.prepare(
      `INSERT INTO invitations (id, campaign_id, enterprise_id, token_hash, created_at) SELECT 'inv-' || id, ?1, id, 'h-' || id, 0 FROM enterprises WHERE id LIKE ?2`,
    )
      .bind(round.id, `${round.id.slice(0, 8)}%`)
      .run();
    const { rows } = await download(`/admin/exports/invitations.csv?campaign=${round.id}`, cookie);
    expect(rows[0]).toEqual(['企业名称', '统一社会信用代码', '企业联系人', '联系电话', '创建时间', '打开时间', '提交时间', '状态']);
    const body = rows.slice(1);
    expect(body).toHaveLength(504);
    expect(new Set(body.map((r) => r[1])).size).toBe(504);
    expect(body.filter((r) => r[7] === '已提交')).toHaveLength(1);
    expect(body.filter((r) => r[3]?.startsWith('1380000000'))).toHaveLength(3);
  });

  it('is admin-only: officers get 403, audited; a bad or unknown round is 400 or 404', async () => {
    const officer = await signedIn('officer');
    const round = crypto.randomUUID();
    for (const path of [
      `/admin/exports/responses.csv?campaign=${round}`,
      '/admin/exports/problems.csv',
      '/admin/exports/metrics/items.csv',
    ]) {
      expect((await call(path, { cookie: officer.cookie })).status, path).toBe(403);
    }
    const refusals = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, officer.user.id), eq(auditLog.action, 'forbidden')))
      .all();
    expect(refusals).toHaveLength(3);
    const { cookie } = await signedIn('admin');
    expect((await call('/admin/exports/responses.csv?campaign=nope', { cookie })).status).toBe(400);
    expect((await call(`/admin/exports/responses.csv?campaign=${round}`, { cookie })).status).toBe(404);
    expect((await call('/admin/exports/metrics/secrets.csv', { cookie })).status).toBe(404);
  });
});

describe('/admin/exports', () => {
  it('lists every file with the current filters, and each round’s responses and invitations', async () => {
    const { cookie } = await signedIn('admin');
    const programme = await makeProgramme({ startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const round = await surveyRound(programme.id, [(await makeEnterprise()).id], {
      name: '列表批次',
      opensAt: Date.parse('2026-02-01T09:00:00+08:00'),
    });
    const res = await call(`/admin/exports?programme=${programme.id}`, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    const q = `programme=${programme.id}&amp;from=2026-01-01&amp;to=2026-12-31`;
    expect(html).toContain(`href="/admin/exports/problems.csv?${q}"`);
    expect(html).toContain(`href="/admin/exports/metrics/month.csv?${q}"`);
    expect(html).toContain(`href="/admin/exports/responses.csv?campaign=${round.id}"`);
  });
});

describe('metric tables', () => {
  it('writes satisfaction by item with rates, intervals and 样本不足', async () => {
    const { cookie } = await signedIn('admin');
    const programme = await makeProgramme({ startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const officer = await makeUser({ role: 'officer' });
    const ids = [];
    for (let i = 0; i < 5; i++) {
      const e = await makeEnterprise();
      await pair(programme.id, officer.id, e.id);
      ids.push(e.id);
    }
    const round = await surveyRound(programme.id, ids, { opensAt: Date.parse('2026-05-01T09:00:00+08:00') });
    const answers = [
      [5, 5, 5, 5, 5, 5],
      [4, 4, 4, 'na', 4, 4],
      [3, 3, 3, 'na', 3, 3],
      [5, 4, 3, 'na', 2, 1],
      [4, 5, 2, 'na', 5, 4],
    ];
    for (const [i, link] of round.links.entries()) await respond(round, link.token, satisfactionAnswer(answers[i] as (string | number)[]));
    const { rows } = await download(`/admin/exports/metrics/items.csv?programme=${programme.id}`, cookie);
    expect(rows[0]).toEqual([
      '评价项目',
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
      '不了解/不适用',
      '有效样本',
      // headed with the programme's 口径 (issue 14)
      '满意率（两档）',
      '满意率（两档） 95%置信区间',
      '好评率',
      '好评率 95%置信区间',
      '得分',
    ]);
    // 服务态度: 5, 4, 3, 5, 4 → 2/2/1 → 满意率 4/5, 好评率 5/5, (200 + 160 + 60) / 5 = 84.
    expect(rows[1]).toEqual(['服务态度', '2', '2', '1', '0', '0', '0', '5', '80.0%', '37.6–96.4%', '100.0%', '56.6–100.0%', '84.0']);
    expect(rows[4]).toEqual(['惠企政策宣传解读与申报帮助', '', '', '', '', '', '4', '1', '样本不足', '', '样本不足', '', '样本不足']);
    const units = await download(`/admin/exports/metrics/unit.csv?programme=${programme.id}`, cookie);
    expect(units.rows[0]?.slice(0, 4)).toEqual(['分组', '收集问题', '期内到期', '已办结']);
  });
});
