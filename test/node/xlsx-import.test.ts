// Importing workbooks made by a real writer, exceljs (issue 21): enterprises, officers and pairings from
// .xlsx import exactly — text and numbers, booleans, cached formula results, a hidden first sheet —
// through the same preview and all-or-nothing commit as CSV, and importing the same file again changes
// nothing; a 台账 with a problem in every state, its dates stored as Excel dates, imports as history. Each bad file is refused with 422 and nothing stored: not a zip, password-protected, an
// .xls, a zip bomb, a merged header, a formula without its value, a credit code stored as a number.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../schema/credit-code.ts';
import { encryptedWorkbook, xlsWorkbook, zipBomb } from '../fixtures/office-files.ts';
import { type App, sha256Hex, startApp } from './app.ts';

let app: App;
beforeAll(async () => {
  app = await startApp('import');
});
afterAll(() => app?.worker.stop());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const code = (body: string) => body + creditCodeCheckChar(body);
/** Names a spreadsheet would run, quote or split — one line each, as enterprise names are. */
const NAMES = ['=1+1 医药', '+SUM(A1) 器械', '-2 化妆品', '@cmd 公司', '中文,逗号 公司', '他说"好" 公司', '😀 公司', '\u202E反向 公司'];

async function book(fill: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('名单'), wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function upload(kind: string, bytes: Uint8Array, name = 'list.xlsx', fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new File([new Uint8Array(bytes)], name, { type: XLSX }));
  return app.post(`/admin/import/${kind}`, form);
}

/** The confirm form of a preview, posted back as the browser would. */
async function confirm(kind: string, preview: Response, fields: Record<string, string> = {}) {
  const html = await preview.text();
  expect(preview.status, html.replace(/<[^>]+>/g, ' ').slice(-1500)).toBe(200);
  const m = /name="(sheet|csv)" value="([^"]*)"/.exec(html);
  if (!m?.[2]) throw new Error(`no confirm form: ${html.slice(0, 2000)}`);
  const form = new FormData();
  form.append(
    m[1] ?? 'sheet',
    m[2]
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return app.post(`/admin/import/${kind}/commit`, form);
}

const rows = async <T>(sql: string, ...params: unknown[]) =>
  (
    await (
      await app.worker.mf.getD1Database('DB')
    )
      .prepare(sql)
      .bind(...params)
      .all<T>()
  ).results;
const count = async (table: string) => (await rows<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n;

const codes = NAMES.map((_, i) => code(`0099999999999${String(i).padStart(4, '0')}`));

describe('a workbook made by exceljs imports exactly', () => {
  it('enterprises: text, numbers, booleans and formula results from the first visible sheet; again changes nothing', async () => {
    const file = await book((ws, wb) => {
      const hidden = wb.addWorksheet('旧名单', { state: 'hidden' });
      hidden.addRow(['不是表头']);
      wb.views = [{ activeTab: 1 } as ExcelJS.WorkbookView];
      // The hidden sheet comes first in the workbook's order.
      wb.worksheets.reverse();
      ws.addRow(['企业名称', '统一社会信用代码', '联系人', '联系电话', '是否规上']);
      NAMES.forEach((name, i) => {
        ws.addRow([name, codes[i], { formula: '"张"&"三"', result: '张三' }, 13800138000 + i, i % 2 === 0]);
      });
    });
    const before = await count('enterprises');
    const done = await confirm('enterprises', await upload('enterprises', file));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/admin/import?done=enterprises&created=${NAMES.length}&updated=0&unchanged=0`);
    const stored = await rows<{ name: string; credit_code: string; contact_name: string; contact_phone: string; above_scale: number }>(
      `SELECT name, credit_code, contact_name, contact_phone, above_scale FROM enterprises WHERE credit_code IN (${codes.map(() => '?').join(',')}) ORDER BY credit_code`,
      ...codes,
    );
    expect(stored).toEqual(
      NAMES.map((name, i) => ({
        name,
        credit_code: codes[i],
        contact_name: '张三',
        contact_phone: String(13800138000 + i),
        above_scale: i % 2 === 0 ? 1 : 0,
      })),
    );
    expect(await count('enterprises')).toBe((before ?? 0) + NAMES.length);
    const again = await upload('enterprises', file);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain(`新增 0 条，更新 0 条，无变化 ${NAMES.length} 条。`);
  });

  it('officers: new accounts of their unit, each with a one-time setup link; again changes nothing', async () => {
    const units = await rows<{ name: string }>('SELECT name FROM units WHERE disabled = 0 ORDER BY name LIMIT 2');
    const officers = [
      ['xlsx.wang', '王芳', units[0]?.name, 13900000001],
      ['xlsx.li', '李雷', units[1]?.name, null],
    ] as const;
    const file = await book((ws) => {
      ws.addRow(['账号', '姓名', '帮扶单位', '联系电话']);
      for (const o of officers) ws.addRow([...o]);
    });
    const page = await confirm('officers', await upload('officers', file));
    expect(page.status).toBe(200);
    const html = await page.text();
    const tokens = [...html.matchAll(/\/setup\/([A-Za-z0-9_-]{20,100})</g)].map((m) => m[1] ?? '');
    expect(tokens).toHaveLength(2);
    const stored = await rows<{ login: string; name: string; unit: string; phone: string | null; role: string; setup_token_hash: string }>(
      `SELECT u.login, u.name, n.name AS unit, u.phone, u.role, u.setup_token_hash FROM users u JOIN units n ON n.id = u.unit_id
       WHERE u.login LIKE 'xlsx.%' ORDER BY u.login DESC`,
    );
    expect(stored).toEqual(
      officers.map(([login, name, unit, phone], i) => ({
        login,
        name,
        unit,
        phone: phone === null ? null : String(phone),
        role: 'officer',
        setup_token_hash: sha256Hex(tokens[i] ?? ''),
      })),
    );
    const again = await upload('officers', file);
    expect(await again.text()).toContain('新增 0 条，更新 0 条，无变化 2 条。');
    // The link works: it opens the page that sets the password.
    expect((await app.get(`/setup/${tokens[0]}`)).status).toBe(200);
  });

  it('pairings of the imported officers and enterprises', async () => {
    const file = await book((ws) => {
      ws.addRow(['统一社会信用代码', '帮扶干部账号', '是否牵头']);
      ws.addRow([codes[0], 'xlsx.wang', '是']);
      ws.addRow([codes[1], 'xlsx.li', '否']);
    });
    const fields = { programmeId: app.m.programmeId };
    const done = await confirm('assignments', await upload('assignments', file, 'pairs.xlsx', fields), fields);
    expect(done.headers.get('location')).toBe('/admin/import?done=assignments&created=2&updated=0&unchanged=0');
    const pairs = await rows<{ login: string; code: string; lead: number }>(
      `SELECT u.login, e.credit_code AS code, a.is_lead AS lead FROM assignments a JOIN users u ON u.id = a.officer_id
       JOIN enterprises e ON e.id = a.enterprise_id WHERE u.login LIKE 'xlsx.%' ORDER BY u.login DESC`,
    );
    expect(pairs).toEqual([
      { login: 'xlsx.wang', code: codes[0], lead: 1 },
      { login: 'xlsx.li', code: codes[1], lead: 0 },
    ]);
  });
});

describe('a 台账 workbook made by exceljs imports as history', () => {
  it('a problem in every state, dates written as Excel dates, one import event each; again changes nothing', async () => {
    const [lead, support] = await rows<{ name: string }>('SELECT name FROM units WHERE disabled = 0 ORDER BY name LIMIT 2');
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    // 统一社会信用代码, 问题类别, 问题描述, 提出日期, 帮扶干部账号, 主办单位, 协办单位, 办结时限, 办理状态, 办结日期, 办理结果, 回访结果
    const ledger = [
      [codes[0], '资金融资', '=流动资金贷款难', day('2026-01-05'), null, lead?.name, null, day('2026-02-05'), '待交办', null, null, null],
      [
        codes[0],
        '政策兑现',
        '+加计扣除兑现慢',
        day('2026-01-06'),
        null,
        lead?.name,
        support?.name,
        day('2026-02-06'),
        '已交办',
        null,
        null,
        null,
      ],
      [codes[1], '用工人才', '技工招聘难', day('2026-01-07'), 'xlsx.li', lead?.name, null, day('2026-02-07'), '办理中', null, null, null],
      [
        codes[1],
        '用地厂房',
        '扩建用地指标',
        day('2026-01-08'),
        'xlsx.li',
        lead?.name,
        null,
        day('2026-02-08'),
        '无法办理',
        null,
        '指标已用完',
        null,
      ],
      [
        codes[0],
        '审批证照注册',
        '注册加急',
        day('2026-01-09'),
        null,
        lead?.name,
        null,
        day('2026-02-09'),
        '已办结',
        day('2026-01-30'),
        '已开通绿色通道',
        null,
      ],
      [
        codes[0],
        '账款拖欠',
        '工程款拖欠',
        day('2026-01-10'),
        null,
        lead?.name,
        null,
        day('2026-02-10'),
        '已销号',
        day('2026-02-01'),
        '已支付',
        '基本满意',
      ],
      [
        codes[0],
        '其他',
        '道路维修',
        day('2026-01-11'),
        null,
        lead?.name,
        null,
        day('2026-02-11'),
        '确认无法办理',
        day('2026-02-02'),
        '产权不属园区',
        null,
      ],
    ];
    const file = await book((ws) => {
      ws.addRow([
        '统一社会信用代码',
        '问题类别',
        '问题描述',
        '提出日期',
        '帮扶干部账号',
        '主办单位',
        '协办单位',
        '办结时限',
        '办理状态',
        '办结日期',
        '办理结果',
        '回访结果',
      ]);
      for (const r of ledger) ws.addRow(r);
      for (const col of ['D', 'H', 'J']) ws.getColumn(col).numFmt = 'yyyy/m/d';
    });
    const done = await confirm('ledger', await upload('ledger', file, '台账.xlsx'));
    expect(done.headers.get('location')).toBe('/admin/import?done=ledger&created=7&updated=0&unchanged=0');
    const stored = await rows<Record<string, string | null>>(
      `SELECT e.credit_code AS code, p.category, p.description, p.raised_on, u.login, l.name AS lead, p.support_unit_ids, p.deadline,
         p.status, p.closed_on, p.resolution, p.unresolvable_reason, p.follow_up, p.source
       FROM problems p JOIN enterprises e ON e.id = p.enterprise_id JOIN users u ON u.id = p.officer_id
       LEFT JOIN units l ON l.id = p.lead_unit_id WHERE p.source = 'ledger' ORDER BY p.raised_on`,
    );
    const supportId = (await rows<{ id: string }>('SELECT id FROM units WHERE name = ?', support?.name))[0]?.id;
    const iso = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : null);
    const statuses = ['pending', 'dispatched', 'in_progress', 'unresolvable', 'closed', 'struck_off', 'unresolved'];
    const categories = ['finance', 'policy', 'talent', 'land', 'approval', 'arrears', 'other'];
    expect(stored).toEqual(
      ledger.map((r, i) => ({
        code: r[0],
        category: categories[i],
        description: r[2],
        raised_on: iso(r[3]),
        login: i === 2 || i === 3 ? 'xlsx.li' : 'xlsx.wang',
        lead: i === 0 ? null : lead?.name,
        support_unit_ids: JSON.stringify(i === 1 ? [supportId] : []),
        deadline: iso(r[7]),
        status: statuses[i],
        closed_on: iso(r[9]),
        resolution: i === 4 || i === 5 ? r[10] : '',
        unresolvable_reason: i === 3 || i === 6 ? r[10] : '',
        follow_up: i === 5 ? 'basically' : null,
        source: 'ledger',
      })),
    );
    const events = await rows<{ n: number }>(
      `SELECT count(*) AS n FROM problem_events v JOIN problems p ON p.id = v.problem_id
       WHERE p.source = 'ledger' AND v.kind = 'import' AND v.actor_role = 'admin'`,
    );
    expect(events[0]?.n).toBe(7);
    expect(await count('problem_events')).toBeGreaterThan(7);
    const before = await count('problem_events');
    const again = await upload('ledger', file, '台账.xlsx');
    expect(await again.text()).toContain('新增 0 条，更新 0 条，无变化 7 条。');
    expect(await count('problem_events')).toBe(before);
  });
});

describe('bad workbooks are refused with 422 and nothing stored', () => {
  const header = ['企业名称', '统一社会信用代码'];
  const fresh = code('91430100MA4T9XXX1');
  const cases: [string, () => Promise<Uint8Array> | Uint8Array, string][] = [
    ['not a zip', () => new TextEncoder().encode('企业名称,统一社会信用代码'), '内容不是'],
    ['password-protected', encryptedWorkbook, '设置了打开密码'],
    ['an .xls', xlsWorkbook, '旧版 Excel 97-2003 工作簿'],
    ['a zip bomb', () => zipBomb(48), '压缩炸弹'],
    [
      'a merged header',
      () =>
        book((ws) => {
          ws.addRow(['企业名单（2026 年）']);
          ws.mergeCells('A1:B1');
          ws.addRow(header);
          ws.addRow(['甲公司', fresh]);
        }),
      '表头有合并单元格（A1:B1）',
    ],
    [
      'a formula without its value',
      () =>
        book((ws) => {
          ws.addRow(header);
          ws.addRow([{ formula: 'CONCAT("甲","公司")' }, fresh]);
        }),
      '公式没有保存计算结果',
    ],
    [
      'a credit code stored as a number',
      () =>
        book((ws) => {
          ws.addRow(header);
          ws.addRow(['甲公司', 914301000000000000]);
        }),
      '统一社会信用代码被存成了数字',
    ],
  ];
  for (const [name, make, message] of cases) {
    it(name, async () => {
      const before = await count('enterprises');
      const res = await upload('enterprises', await make(), 'list.xlsx');
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(message);
      expect(await count('enterprises')).toBe(before);
    });
  }
});
