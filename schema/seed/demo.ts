// Demo data for `npm run dev` and the end-to-end tests: two 帮扶单位, an admin, three officers, a unit
// handler (单位联络员) per unit, twelve enterprises in two 产业链 with valid 统一社会信用代码, one programme
// with its pairing list.
// Fixed ids make the seed idempotent (INSERT OR IGNORE): running it twice changes nothing.
import { creditCodeCheckChar } from '../credit-code.ts';
import { chinaMidnight } from '../rules/china-time.ts';

export const DEMO_PASSWORDS = { admin: 'demo-admin-2026', officer: 'demo-officer-2026', handler: 'demo-handler-2026' } as const;

const id = (kind: number, n: number) => `00000000-0000-4000-8000-${String(kind).padStart(4, '0')}${String(n).padStart(8, '0')}`;
const code = (n: number) => {
  const body = `91430100MA4L${String(n).padStart(5, '0')}`;
  return body + creditCodeCheckChar(body);
};

export const demoUnits = [
  { id: id(1, 1), name: '市编委办' },
  { id: id(1, 2), name: '市国资委' },
];

export const demoUsers = [
  { id: id(2, 1), login: 'admin', name: '链办管理员', role: 'admin', unitId: null },
  { id: id(2, 2), login: 'zhangwei', name: '张伟', role: 'officer', unitId: id(1, 1) },
  { id: id(2, 3), login: 'lina', name: '李娜', role: 'officer', unitId: id(1, 2) },
  { id: id(2, 4), login: 'wangqiang', name: '王强', role: 'officer', unitId: id(1, 1) },
  { id: id(2, 5), login: 'bianweiban', name: '周敏', role: 'handler', unitId: id(1, 1) },
  { id: id(2, 6), login: 'guoziwei', name: '吴刚', role: 'handler', unitId: id(1, 2) },
] as const;

/** The unit handler of each demo unit, for `npm run dev` to print and the end-to-end tests to sign in with. */
export const demoHandlers = demoUnits.map((unit) => {
  const handler = demoUsers.find((u) => u.role === 'handler' && u.unitId === unit.id);
  if (!handler) throw new Error(`demo unit ${unit.name} has no handler`);
  return { unit: unit.name, login: handler.login, name: handler.name };
});

export const demoChains = [
  { id: id(3, 1), name: '生物医药' },
  { id: id(3, 2), name: '医疗器械' },
];

const names: [string, string, number, 'drug' | 'device' | 'cosmetic' | 'other', boolean, string][] = [
  ['金健药业有限公司', '经开区', 1, 'drug', true, '刘洋'],
  ['洞庭制药股份有限公司', '高新区', 1, 'drug', true, '陈静'],
  ['湘江生物制品有限公司', '高新区', 1, 'drug', true, '杨帆'],
  ['岳麓中药饮片有限公司', '岳麓区', 1, 'drug', false, '赵敏'],
  ['芙蓉化妆品有限公司', '芙蓉区', 1, 'cosmetic', false, '黄磊'],
  ['星沙医药物流有限公司', '长沙县', 1, 'other', true, '周杰'],
  ['麓谷医疗器械有限公司', '高新区', 2, 'device', true, '吴芳'],
  ['天心骨科材料有限公司', '天心区', 2, 'device', true, '郑浩'],
  ['望城康复设备有限公司', '望城区', 2, 'device', false, '孙丽'],
  ['开福医用耗材有限公司', '开福区', 2, 'device', false, '马超'],
  ['雨花体外诊断试剂有限公司', '雨花区', 2, 'device', true, '朱琳'],
  ['浏阳医用包装材料有限公司', '浏阳市', 2, 'other', false, '胡军'],
];

export const demoEnterprises = names.map(([name, region, chain, sector, aboveScale, contactName], i) => ({
  id: id(4, i + 1),
  name,
  creditCode: code(i + 1),
  region,
  chainId: id(3, chain),
  sector,
  aboveScale,
  contactName,
  contactPhone: `1380731${String(1000 + i).padStart(4, '0')}`,
}));

export const demoProgramme = {
  id: id(5, 1),
  name: '2026年“百人帮百企”帮扶行动',
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  phase: 'assisting',
  issuingOffice: '市生物医药产业链工作专班办公室',
  helpPhone: '0571-87001234',
};

/** Each officer leads four enterprises; 李娜 also supports one of 张伟's (an enterprise may have several officers). */
export const demoAssignments = [
  ...demoEnterprises.map((e, i) => ({
    id: id(6, i + 1),
    officerId: (demoUsers[1 + (i % 3)] ?? demoUsers[1]).id,
    enterpriseId: e.id,
    isLead: true,
  })),
  { id: id(6, 13), officerId: demoUsers[2].id, enterpriseId: demoEnterprises[0]?.id ?? '', isLead: false },
];

/** 《帮扶满意度调查表》 published from the built-in template (the definition is filled in by the seed script). */
export const demoForm = { id: id(7, 1), name: '帮扶满意度调查表', template: 'satisfaction', versionId: id(8, 1) };

/** An open survey round over every paired demo enterprise, stratified by the lead officer's unit, fixed seed. */
export const demoRound = {
  id: id(9, 1),
  name: '2026年帮扶满意度调查（演示）',
  sampling: { mode: 'all', stratify: 'unit' },
  seed: 'demo-2026',
  opensAt: chinaMidnight('2026-01-01'),
};

const leadUnit = (enterpriseId: string) => {
  const lead = demoAssignments.find((a) => a.enterpriseId === enterpriseId && a.isLead);
  return demoUsers.find((u) => u.id === lead?.officerId)?.unitId ?? null;
};

/** One invitation per enterprise; the link token is HMAC(LINK_SECRET, id), so only the hash is seeded. */
export const demoInvitations = demoEnterprises.map((e, i) => ({ id: id(10, i + 1), enterpriseId: e.id, stratum: leadUnit(e.id) }));

/** 金健药业's 我的诉求 link (issue 16); the token is HMAC(LINK_SECRET, id) like a survey link's, so only the hash is seeded. */
export const demoEnterpriseLink = { id: id(11, 1), enterpriseId: demoEnterprises[0]?.id ?? '' };

/**
 * Open problems of 金健药业, so its 我的诉求 page is not empty: one 办理中 at 市编委办 with a note for it, one
 * 待交办. Dated relative to the day of seeding (days before today, days after), so they are never overdue.
 */
export const demoProblems = [
  {
    id: id(12, 1),
    code: 'W20261120-DEM1',
    category: 'policy',
    description: '研发费用加计扣除政策申报材料不清楚，需要辅导。',
    raisedDaysAgo: 10,
    dueInDays: 30,
    status: 'in_progress',
    leadUnitId: demoUnits[0]?.id ?? null,
    note: '已约税务部门12月10日上门辅导申报。',
  },
  {
    id: id(12, 2),
    code: 'W20261201-DEM2',
    category: 'talent',
    description: '招聘质量受权人困难，希望对接人才市场。',
    raisedDaysAgo: 3,
    dueInDays: 40,
    status: 'pending',
    leadUnitId: null,
    note: '',
  },
] as const;
