// 帮扶备忘录 and the problem ledger (DESIGN §5) as officers build them over a programme: memos on the
// pairing list, problems raised in them, and each problem's life through the supervised ledger
// (bench/gen/problem-life.ts: 交办 → 受理 → 进展 → 延期 → 督办 → 办结 | 无法办理 → 回访 → 销号, a negative
// 回访 reopening it), with one problem_events row and one audit_log row per move, as the app writes them.
// No 待办 or outbox rows: the dashboards, exports and pages the bench measures do not read them.

import { rng } from '../lib/prng.ts';
import { AS_OF, chinaMs, type Org, PROGRAMME } from './org.ts';
import { CODE_ALPHABET, problemPlan } from './problem-life.ts';
import type { BulkWriter } from './sqlite.ts';

export type LedgerSize = { memos: number; problemsPerMemo: number };
/** The days memos fall on, and the generator's "today" where problems' lives stop (the demo year uses its own). */
export type LedgerSpan = { starts: string; asOf: string };

const MODES = ['onsite', 'phone', 'online', 'video', 'meeting', 'letter'] as const;
const CATEGORIES = [
  'finance',
  'land',
  'talent',
  'policy',
  'approval',
  'market',
  'utilities',
  'safety',
  'innovation',
  'arrears',
  'enforcement',
  'training',
  'other',
] as const;
const SITUATIONS = [
  '生产经营总体平稳，一季度产值同比增长。',
  '新产品注册申报中，订单较去年略有下降。',
  '扩产项目在建，资金压力较大。',
  '出口订单回暖，用工缺口约30人。',
  '原料药价格上涨，利润承压。',
];
const POLICIES = ['研发费用加计扣除', '专精特新企业认定', '技改专项资金', '稳岗补贴', '首台套保险补偿', '贷款贴息'];
const DESCRIPTIONS: Record<(typeof CATEGORIES)[number], string> = {
  finance: '流动资金紧张，希望对接银行办理信用贷款。',
  land: '二期厂房用地指标尚未落实。',
  talent: '缺少注册和质量管理专业人才。',
  policy: '去年申报的技改补贴尚未兑现。',
  approval: '医疗器械注册证变更审批时间较长。',
  market: '希望对接省内医院集采渠道。',
  utilities: '园区高峰期限电影响生产。',
  safety: '环评批复进度慢，影响新车间投产。',
  innovation: '希望对接高校联合攻关制剂工艺。',
  arrears: '医院回款周期超过一年。',
  enforcement: '同一季度多部门重复检查。',
  training: '希望组织GMP法规培训。',
  other: '员工通勤公交线路不足。',
};

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const span = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export function writeLedger(
  w: BulkWriter,
  seed: string,
  org: Org,
  size: LedgerSize,
  when: LedgerSpan = { starts: PROGRAMME.starts, asOf: AS_OF },
) {
  const r = rng(`${seed}/ledger`);
  const memos = w.table('memos', [
    'id',
    'programme_id',
    'enterprise_id',
    'officer_id',
    'visit_date',
    'mode',
    'participants',
    'contact_name',
    'contact_title',
    'business_situation',
    'policies_explained',
    'next_steps',
    'no_request',
    'created_at',
  ]);
  const problems = w.table('problems', [
    'id',
    'code',
    'memo_id',
    'programme_id',
    'enterprise_id',
    'officer_id',
    'category',
    'description',
    'urgency',
    'lead_unit_id',
    'support_unit_ids',
    'raised_on',
    'deadline',
    'deadline_provisional',
    'extended_deadline',
    'extension_reason',
    'status',
    'progress',
    'resolution',
    'unresolvable_reason',
    'solved_on_spot',
    'dispatched_on',
    'accepted_on',
    'closed_on',
    'dispatch_days',
    'accept_days',
    'handling_days',
    'follow_up_on',
    'follow_up',
    'struck_off_on',
    'supervised_on',
    'supervise_note',
    'supervise_by',
    'supervise_count',
    'updated_at',
  ]);
  const events = w.table('problem_events', [
    'problem_id',
    'at',
    'actor_id',
    'actor_role',
    'kind',
    'from_status',
    'to_status',
    'note',
    'data',
  ]);
  const audit = w.table('audit_log', ['at', 'actor_id', 'action', 'object_type', 'object_id', 'detail', 'ip']);
  const days = span(when.starts, when.asOf);
  const codes = new Set<string>();
  let problemCount = 0;
  // Problems per memo: none (a pure visit, or 无诉求) up to four; the weights give the mean asked for.
  const perMemo = [0, 1, 2, 3, 4];
  const m = size.problemsPerMemo;
  const weights = perMemo.map((k) => Math.max(0.02, 1 - Math.abs(k - m) / 2.5));

  for (let i = 0; i < size.memos; i++) {
    const [officer, ent] = r.pick(org.pairs);
    const e = org.enterprises[ent];
    const officerId = org.officerIds[officer];
    if (!e || !officerId) continue;
    const memoId = r.uuid();
    const visitDate = addDays(when.starts, r.int(days + 1));
    const createdAt = chinaMs(visitDate, 9 + r.next() * 9);
    const n = r.weighted(perMemo, weights);
    memos.push([
      memoId,
      org.programmeId,
      e.id,
      officerId,
      visitDate,
      r.weighted(MODES, [45, 25, 15, 5, 8, 2]),
      '企业负责人、帮扶干部',
      '刘洋',
      r.pick(['总经理', '副总经理', '办公室主任', '财务总监']),
      r.pick(SITUATIONS),
      r.pick(POLICIES),
      '跟踪诉求办理进度，下月再次走访。',
      n === 0 && r.chance(0.5) ? 1 : 0,
      createdAt,
    ]);
    audit.push([createdAt, officerId, 'create', 'memo', memoId, JSON.stringify({ enterpriseId: e.id, problems: n }), null]);

    for (let k = 0; k < n; k++) {
      const problemId = r.uuid();
      let code: string;
      do {
        code = `W${visitDate.replaceAll('-', '')}-${Array.from({ length: 4 }, () => CODE_ALPHABET[r.int(32)]).join('')}`;
      } while (codes.has(code));
      codes.add(code);
      const category = r.weighted(CATEGORIES, [14, 8, 10, 12, 12, 9, 6, 7, 8, 6, 3, 3, 2]);
      // The provisional deadline the memo gives it: the officer's, else the programme default of 30 days.
      const deadline = addDays(visitDate, r.chance(0.6) ? 15 + r.int(46) : 30);
      const life = problemPlan(r, { visitDate, deadline, createdAt, onSpot: r.chance(0.12), asOf: when.asOf, unit: r.pick(org.unitIds) });
      const support = r.chance(0.4) ? [r.pick(org.unitIds)] : [];
      problems.push([
        problemId,
        code,
        memoId,
        org.programmeId,
        e.id,
        officerId,
        category,
        DESCRIPTIONS[category],
        r.weighted(['normal', 'urgent', 'critical'], [80, 16, 4]),
        life.row.leadUnitId,
        JSON.stringify(support),
        visitDate,
        life.row.deadline,
        life.row.deadlineProvisional,
        life.row.extendedDeadline,
        life.row.extensionReason,
        life.row.status,
        life.row.progress,
        life.row.resolution,
        life.row.unresolvableReason,
        life.row.solvedOnSpot,
        life.row.dispatchedOn,
        life.row.acceptedOn,
        life.row.closedOn,
        life.row.dispatchDays,
        life.row.acceptDays,
        life.row.handlingDays,
        life.row.followUpOn,
        life.row.followUp,
        life.row.struckOffOn,
        life.row.supervisedOn,
        life.row.superviseNote,
        life.row.superviseBy,
        life.row.superviseCount,
        life.row.updatedAt,
      ]);
      for (const ev of life.events) {
        // The officer acts for themselves; the office's and the unit's moves have no account in the generated org.
        const actor = ev.role === 'officer' ? officerId : null;
        events.push([problemId, ev.at, actor, ev.role, ev.kind, ev.from, ev.to, ev.note, ev.data]);
        // The memo's own audit row covers 'create'; every later move is audited as problem.<kind>.
        if (ev.kind !== 'create')
          audit.push([
            ev.at,
            actor,
            `problem.${ev.kind}`,
            'problem',
            problemId,
            JSON.stringify({ kind: ev.kind, from: ev.from, to: ev.to }),
            null,
          ]);
      }
      problemCount++;
    }
  }
  return { memos: size.memos, problems: problemCount };
}
