// The organisation of a programme (DESIGN §3): 帮扶单位, officers, 产业链, enterprises with valid
// 统一社会信用代码, one programme and its pairing list, the published 《帮扶满意度调查表》 and an admin
// session the benchmark signs in with.

import { createHash, pbkdf2Sync } from 'node:crypto';
import { creditCodeCheckChar } from '../../schema/credit-code.ts';
import { TEMPLATES } from '../../schema/form-templates.ts';
import { chinaMidnight } from '../../schema/rules/china-time.ts';
import { rng } from '../lib/prng.ts';
import { type BulkWriter, flag } from './sqlite.ts';

export type OrgSize = { officers: number; enterprises: number };
export type Enterprise = { id: string; leadOfficer: number; unitId: string };
export type Org = {
  programmeId: string;
  adminId: string;
  unitIds: string[];
  officerIds: string[];
  enterprises: Enterprise[];
  /** Every (officer, enterprise) pair, lead or supporting: memos are written by either. */
  pairs: [number, number][];
  formVersionId: string;
  definition: typeof TEMPLATES.satisfaction.definition;
  /** `__Host-sid` cookie value of the admin's session. */
  adminCookie: string;
};

export const PROGRAMME = { starts: '2025-01-01', ends: '2026-12-31' };
/** The generator's fixed "today": history is deterministic whatever the day of the run. */
export const AS_OF = '2026-10-31';
export const chinaMs = (date: string, hours = 0) => chinaMidnight(date) + hours * 3_600_000;

const UNITS = [
  '市编委办',
  '市国资委',
  '市场监管局',
  '市发改委',
  '市工信局',
  '市科技局',
  '市财政局',
  '市人社局',
  '市自然资源局',
  '市生态环境局',
  '市商务局',
  '市税务局',
  '市医保局',
  '市卫健委',
  '市住建局',
  '市交通运输局',
  '市金融办',
  '市数据局',
  '经开区管委会',
  '高新区管委会',
];
const CHAINS = ['生物医药', '医疗器械', '中医药', '化妆品', '医药流通', '医用材料'];
const REGIONS = ['芙蓉区', '天心区', '岳麓区', '开福区', '雨花区', '望城区', '长沙县', '浏阳市', '宁乡市', '经开区', '高新区'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红';
const BRANDS = '金健洞庭湘江岳麓芙蓉星沙麓谷天心望城开福雨花浏阳九芝康华仁和千金楚天瑞祥恒安博达';
const TRADES = [
  '药业有限公司',
  '制药股份有限公司',
  '生物科技有限公司',
  '医疗器械有限公司',
  '中药饮片有限公司',
  '化妆品有限公司',
  '医药物流有限公司',
  '医用材料有限公司',
  '诊断试剂有限公司',
];
const SECTORS = ['drug', 'device', 'cosmetic', 'other'] as const;

/** Writes the organisation; `seed` makes it reproducible. */
export function writeOrg(w: BulkWriter, seed: string, size: OrgSize, now: number): Org {
  const r = rng(`${seed}/org`);
  const person = () => `${r.pick([...SURNAMES])}${r.pick([...GIVEN])}${r.chance(0.6) ? r.pick([...GIVEN]) : ''}`;
  const created = chinaMs('2024-12-20', 9);

  const unitIds = UNITS.slice(0, Math.max(2, Math.min(UNITS.length, Math.ceil(size.officers / 10)))).map(() => r.uuid());
  const units = w.table('units', ['id', 'name', 'disabled', 'created_at']);
  unitIds.forEach((id, i) => {
    units.push([id, UNITS[i] as string, 0, created]);
  });

  // One real PBKDF2 hash (the format of worker/lib/passwords.ts) shared by all: officers can sign in
  // with "bench-password", and generating 200 hashes at 100,000 iterations would only cost time.
  const hash = `pbkdf2_sha256$100000$YmVuY2g$${pbkdf2Sync('bench-password', 'bench', 100_000, 32, 'sha256').toString('base64url')}`;
  const users = w.table('users', ['id', 'login', 'name', 'role', 'unit_id', 'phone', 'password_hash', 'disabled', 'created_at']);
  const adminId = r.uuid();
  users.push([adminId, 'admin', '链办管理员', 'admin', null, null, hash, 0, created]);
  const officerIds = Array.from({ length: size.officers }, (_, i) => {
    const id = r.uuid();
    const login = `officer${String(i + 1).padStart(4, '0')}`;
    users.push([id, login, person(), 'officer', unitIds[i % unitIds.length] as string, `139${String(10_000_000 + i)}`, hash, 0, created]);
    return id;
  });

  const chainIds = CHAINS.map(() => r.uuid());
  const chains = w.table('chains', ['id', 'name', 'disabled', 'created_at']);
  chainIds.forEach((id, i) => {
    chains.push([id, CHAINS[i] as string, 0, created]);
  });

  const ent = w.table('enterprises', [
    'id',
    'name',
    'credit_code',
    'region',
    'chain_id',
    'sector',
    'above_scale',
    'contact_name',
    'contact_phone',
    'disabled',
    'created_at',
    'updated_at',
  ]);
  const enterprises: Enterprise[] = [];
  for (let i = 0; i < size.enterprises; i++) {
    const id = r.uuid();
    // 17 characters from the credit-code alphabet, unique by the running number, then the check character.
    const body = `91430100M${String(i + 1).padStart(8, '0')}`;
    const name = `${r.pick(REGIONS).slice(0, 2)}${r.pick([...BRANDS])}${r.pick([...BRANDS])}${r.pick(TRADES)}`;
    ent.push([
      id,
      name,
      body + creditCodeCheckChar(body),
      r.pick(REGIONS),
      r.pick(chainIds),
      r.pick(SECTORS),
      flag(r.chance(0.4)),
      person(),
      `138${String(10_000_000 + (i % 89_999_999))}`,
      0,
      created,
      created,
    ]);
    const leadOfficer = i % size.officers;
    enterprises.push({ id, leadOfficer, unitId: unitIds[leadOfficer % unitIds.length] as string });
  }

  const programmeId = r.uuid();
  w.table('programmes', ['id', 'name', 'starts_on', 'ends_on', 'phase', 'issuing_office', 'help_phone', 'disabled', 'created_at']).push([
    programmeId,
    '2025—2026年“百人帮百企”帮扶行动（基准测试）',
    PROGRAMME.starts,
    PROGRAMME.ends,
    'evaluating',
    // Who is asking, as a real programme prints it on every survey page (issue 17): counted in the page weight.
    '市生物医药产业链工作专班办公室',
    '0571-87001234',
    0,
    created,
  ]);
  // The pairing list: every enterprise has its lead officer; one in five also a supporting officer.
  const pairs: [number, number][] = [];
  // Pairings start with the programme (a pair counts for a month when it is in force on the 15th).
  const asg = w.table('assignments', ['id', 'programme_id', 'officer_id', 'enterprise_id', 'is_lead', 'created_at', 'starts_on']);
  enterprises.forEach((e, i) => {
    asg.push([r.uuid(), programmeId, officerIds[e.leadOfficer] as string, e.id, 1, created, PROGRAMME.starts]);
    pairs.push([e.leadOfficer, i]);
    const support = (e.leadOfficer + 1 + r.int(size.officers - 1)) % size.officers;
    if (size.officers > 1 && r.chance(0.2)) {
      asg.push([r.uuid(), programmeId, officerIds[support] as string, e.id, 0, created, PROGRAMME.starts]);
      pairs.push([support, i]);
    }
  });

  // The built-in template, published, exactly as scripts/seed.ts publishes it.
  const formId = r.uuid();
  const formVersionId = r.uuid();
  const definition = TEMPLATES.satisfaction.definition;
  w.table('forms', ['id', 'name', 'kind', 'template', 'disabled', 'created_at', 'updated_at']).push([
    formId,
    '帮扶满意度调查表',
    'survey',
    'satisfaction',
    0,
    created,
    created,
  ]);
  w.table('form_versions', ['id', 'form_id', 'version', 'definition', 'status', 'created_at', 'published_at']).push([
    formVersionId,
    formId,
    1,
    JSON.stringify(definition),
    'published',
    created,
    created,
  ]);

  // The session row worker/auth/session.ts would write at login: only the cookie's SHA-256 is stored.
  const adminCookie = createHash('sha256').update(`${seed}/admin-session`).digest('base64url');
  w.table('sessions', ['id_hash', 'user_id', 'created_at', 'last_seen_at', 'expires_at']).push([
    createHash('sha256').update(adminCookie).digest('hex'),
    adminId,
    now,
    now,
    now + 7 * 86_400_000,
  ]);
  return { programmeId, adminId, unitIds, officerIds, enterprises, pairs, formVersionId, definition, adminCookie };
}
