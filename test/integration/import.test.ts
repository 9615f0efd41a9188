/// <reference types="vite/client" />
import { asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { assignments, enterprises } from '../../schema/tables';
import {
  call,
  countRows,
  db,
  makeChain,
  makeCreditCode,
  makeEnterprise,
  makeProgramme,
  makeUnit,
  makeUser,
  pair,
  signedIn,
} from '../fixtures';
import assignmentsCsv from '../fixtures/csv/assignments.csv?raw';
import enterprisesCsv from '../fixtures/csv/enterprises.csv?raw';
import { hiddenCsv, multipart } from '../fixtures/import-upload';

const MB = 1024 * 1024;

const storedByCode = (codes: string[]) =>
  db().select().from(enterprises).where(inArray(enterprises.creditCode, codes)).orderBy(asc(enterprises.creditCode)).all();

describe('enterprise import', () => {
  it('lists every bad row with its line and reason, and imports nothing', async () => {
    const { cookie } = await signedIn();
    const chain = await makeChain();
    const [a, b] = [makeCreditCode(), makeCreditCode()];
    const csv = [
      'name,统一社会信用代码,产业链,是否规上',
      `"好企业, 一",${a},${chain.name},是`, // line 2
      `坏代码企业,${a.slice(0, 17)}${a.endsWith('0') ? '1' : '0'},,否`, // line 3: wrong check character
      `"跨行""名称""\n企业",${b},不存在的链,Y`, // lines 4-5
      `重复企业,${a},,`, // line 6
      `,${makeCreditCode()},,也许`, // line 7
      `${'长'.repeat(101)},${makeCreditCode()},,1`, // line 8
    ].join('\r\n');
    const before = await countRows('enterprises');
    const res = await multipart('/admin/import/enterprises', cookie, {}, { body: csv });
    expect(res.status).toBe(422);
    const html = await res.text();
    const rows = [...html.matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [Number(m[1]), m[2], m[3]]);
    expect(rows).toEqual([
      [3, '统一社会信用代码', '统一社会信用代码无效（应为 18 位，且校验位正确）'],
      [4, '产业链', '未登记的产业链“不存在的链”'],
      [6, '统一社会信用代码', '与第 2 行重复'],
      [7, 'name', '此项必填'],
      [7, '是否规上', '请填写“是”或“否”'],
      [8, 'name', '不能超过 100 个字符'],
    ]);
    expect(html).not.toContain('name="csv"');
    expect(await countRows('enterprises')).toBe(before);
  });

  it('previews, commits the exact rows, and a second commit of the same file changes nothing', async () => {
    const { cookie } = await signedIn();
    const chain = await makeChain();
    const known = await makeEnterprise({ name: '旧名称', region: '芙蓉区', contactPhone: '13800000000' });
    const fresh = makeCreditCode();
    const csv = [
      '企业名称,统一社会信用代码,所属区域,产业链,行业类别,是否规上,联系人,联系电话',
      `新企业有限公司,${fresh.toLowerCase()},高新区,${chain.name},医疗器械,是,王五,0731-88880001`,
      `新名称有限公司,${known.creditCode},芙蓉区,,其他,否,,13800000000`,
    ].join('\n');
    const preview = await multipart('/admin/import/enterprises', cookie, {}, { body: csv });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('新增 1 条，更新 1 条，无变化 0 条');
    expect(html).toContain('确认导入');
    expect(await storedByCode([fresh])).toHaveLength(0);
    const audits = await countRows('audit_log');

    const done = await multipart('/admin/import/enterprises/commit', cookie, { csv: hiddenCsv(html) });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/admin/import?done=enterprises&created=1&updated=1&unchanged=0');
    expect(await countRows('audit_log')).toBe(audits + 1);
    const stored = await storedByCode([fresh, known.creditCode]);
    const pick = ({ name, creditCode, region, chainId, sector, aboveScale, contactName, contactPhone }: (typeof stored)[number]) => ({
      name,
      creditCode,
      region,
      chainId,
      sector,
      aboveScale,
      contactName,
      contactPhone,
    });
    expect(stored.map(pick)).toEqual(
      [
        {
          name: '新企业有限公司',
          creditCode: fresh,
          region: '高新区',
          chainId: chain.id,
          sector: 'device',
          aboveScale: true,
          contactName: '王五',
          contactPhone: '0731-88880001',
        },
        {
          name: '新名称有限公司',
          creditCode: known.creditCode,
          region: '芙蓉区',
          chainId: null,
          sector: 'other',
          aboveScale: false,
          contactName: '',
          contactPhone: '13800000000',
        },
      ].sort((x, y) => x.creditCode.localeCompare(y.creditCode)),
    );

    const again = await multipart('/admin/import/enterprises', cookie, {}, { body: csv });
    const againHtml = await again.text();
    expect(againHtml).toContain('新增 0 条，更新 0 条，无变化 2 条');
    expect(againHtml).not.toContain('确认导入');
    const recommit = await multipart('/admin/import/enterprises/commit', cookie, { csv });
    expect(recommit.headers.get('location')).toBe('/admin/import?done=enterprises&created=0&updated=0&unchanged=2');
    expect(await storedByCode([fresh, known.creditCode])).toEqual(stored);
    expect(await countRows('audit_log')).toBe(audits + 1);
  });

  it('leaves columns the file does not have as they are', async () => {
    const { cookie } = await signedIn();
    const known = await makeEnterprise({ region: '望城区', contactName: '赵六', aboveScale: true });
    const res = await multipart('/admin/import/enterprises/commit', cookie, { csv: `credit_code,name\n${known.creditCode},改名公司\n` });
    expect(res.status).toBe(303);
    const [row] = await storedByCode([known.creditCode]);
    expect(row).toMatchObject({ name: '改名公司', region: '望城区', contactName: '赵六', aboveScale: true });
    expect(row?.updatedAt).toBeGreaterThanOrEqual(known.updatedAt);
  });

  it('reads a GBK file as Excel on Chinese Windows writes it', async () => {
    const { cookie } = await signedIn();
    const code = makeCreditCode();
    // "企业名称,credit_code\r\n企业,<code>\r\n" in GBK: 企 C6F3, 业 D2B5, 名 C3FB, 称 B3C6.
    const ascii = (s: string) => [...s].map((ch) => ch.charCodeAt(0));
    const bytes = new Uint8Array([
      0xc6,
      0xf3,
      0xd2,
      0xb5,
      0xc3,
      0xfb,
      0xb3,
      0xc6,
      ...ascii(',credit_code\r\n'),
      0xc6,
      0xf3,
      0xd2,
      0xb5,
      ...ascii(`,${code}\r\n`),
    ]);
    const res = await multipart('/admin/import/enterprises', cookie, {}, { body: bytes });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<td>企业</td>');
    expect((await multipart('/admin/import/enterprises/commit', cookie, { csv: hiddenCsv(html) })).status).toBe(303);
    expect((await storedByCode([code]))[0]?.name).toBe('企业');
  });

  it('refuses missing, empty, binary and headerless files with a message (422)', async () => {
    const { cookie } = await signedIn();
    const cases: [{ body: BlobPart; name?: string } | undefined, string][] = [
      [undefined, '请选择要上传的 .xlsx 或 CSV 文件'],
      [{ body: '' }, '文件是空的'],
      [{ body: '\uFEFF\r\n' }, '文件是空的'],
      [{ body: 'a,b', name: 'list.xlsx' }, '文件名是 Excel 工作簿，但内容不是'],
      [{ body: 'a,b', name: 'list.pdf' }, '这不是 .xlsx 或 CSV 文件'],
      [{ body: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]) }, '无法读取这个 Excel 工作簿'],
      [{ body: new Uint8Array([0x61, 0, 0x62]) }, '这不是 .xlsx 或 CSV 文件'],
      [{ body: new Uint8Array([0x61, 0xff, 0xff]) }, '无法识别文件的文字编码'],
      [{ body: '企业名称,联系人\n甲,乙\n' }, '表头缺少必需的列：统一社会信用代码'],
      [{ body: '企业名称,统一社会信用代码\n' }, '没有数据行'],
      [{ body: 'name,credit_code\n"unclosed,x\n' }, '第 2 行的引号不成对'],
    ];
    const before = await countRows('enterprises');
    for (const [file, message] of cases) {
      const res = await multipart('/admin/import/enterprises', cookie, {}, file);
      expect(res.status, message).toBe(422);
      expect(await res.text()).toContain(message);
    }
    expect(await countRows('enterprises')).toBe(before);
  });

  it('refuses a file over 5,000 rows at the first row beyond', async () => {
    const { cookie } = await signedIn();
    const rows = Array.from({ length: 5001 }, () => `企业,${makeCreditCode()}`);
    const res = await multipart('/admin/import/enterprises', cookie, {}, { body: `name,credit_code\n${rows.join('\n')}\n` });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('<tr><td>5002</td><td>—</td><td>超过每个文件 5000 行的上限，请拆分为多个文件</td></tr>');
  });

  it('commits 5,000 rows in one batch', async () => {
    const { cookie } = await signedIn();
    const codes = Array.from({ length: 5000 }, () => makeCreditCode());
    const csv = `name,credit_code,region\n${codes.map((c) => `企业${c},${c},高新区`).join('\n')}\n`;
    const before = await countRows('enterprises');
    const preview = await multipart('/admin/import/enterprises', cookie, {}, { body: csv });
    expect(preview.status).toBe(200);
    const res = await multipart('/admin/import/enterprises/commit', cookie, { csv: hiddenCsv(await preview.text()) });
    expect(res.headers.get('location')).toBe('/admin/import?done=enterprises&created=5000&updated=0&unchanged=0');
    expect(await countRows('enterprises')).toBe(before + 5000);
  });

  it('answers 413 to a body over 5 MB and stores nothing', async () => {
    const { cookie } = await signedIn();
    const before = await countRows('enterprises');
    const body = `name,credit_code\n${`甲,${makeCreditCode()}\n`.repeat(Math.ceil((5.1 * MB) / 20))}`;
    const res = await multipart('/admin/import/enterprises', cookie, {}, { body });
    expect(res.status).toBe(413);
    expect(await countRows('enterprises')).toBe(before);
  });

  it('is for admins only', async () => {
    const { cookie } = await signedIn('officer');
    const before = await countRows('enterprises');
    expect((await call('/admin/import', { cookie })).status).toBe(403);
    const res = await multipart('/admin/import/enterprises/commit', cookie, { csv: `name,credit_code\n甲,${makeCreditCode()}\n` });
    expect(res.status).toBe(403);
    expect(await countRows('enterprises')).toBe(before);
  });
});

describe('pairing import', () => {
  async function world() {
    const [unitA, unitB] = [await makeUnit(), await makeUnit()];
    const [a1, a2, b1] = [await makeUser({ unitId: unitA.id }), await makeUser({ unitId: unitA.id }), await makeUser({ unitId: unitB.id })];
    const [e1, e2] = [await makeEnterprise(), await makeEnterprise()];
    return { unitA, unitB, a1, a2, b1, e1, e2, programme: await makeProgramme() };
  }
  const pairsOf = (programmeId: string) =>
    db().select().from(assignments).where(eq(assignments.programmeId, programmeId)).orderBy(asc(assignments.id)).all();

  it('reports unknown units, officers of another unit and second leads, and stores nothing', async () => {
    const { cookie, user: admin } = await signedIn();
    const w = await world();
    const disabled = await makeUser({ unitId: w.unitA.id, disabled: true });
    const other = await makeEnterprise();
    await pair(w.programme.id, w.b1.id, other.id, true);
    const csv = [
      '统一社会信用代码,帮扶干部账号,帮扶单位,是否牵头',
      `${w.e1.creditCode},${w.a1.login},${w.unitA.name},是`, // 2 fine
      `${w.e1.creditCode},${w.a2.login},没有的单位,否`, // 3 unknown unit
      `${w.e2.creditCode},${w.b1.login},${w.unitA.name},否`, // 4 unit does not match
      `${w.e1.creditCode},${w.b1.login},,是`, // 5 second lead in the file
      `${other.creditCode},${w.a1.login},,是`, // 6 lead already in the database
      `${makeCreditCode()},${w.a1.login},,否`, // 7 unknown enterprise
      `${w.e2.creditCode},${admin.login},,否`, // 8 not an officer
      `${w.e2.creditCode},${disabled.login},,否`, // 9 disabled officer
      `${w.e1.creditCode},${w.a1.login},,否`, // 10 repeats line 2
    ].join('\n');
    const before = await countRows('assignments');
    const res = await multipart('/admin/import/assignments', cookie, { programmeId: w.programme.id }, { body: csv });
    expect(res.status).toBe(422);
    const html = await res.text();
    const lines = [...html.matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => `${m[1]} ${m[3]}`);
    expect(lines).toEqual([
      `3 未登记的帮扶单位“没有的单位”`,
      `4 帮扶干部“${w.b1.login}”不属于“${w.unitA.name}”`,
      '5 第 2 行已为该企业指定牵头干部，每家企业只能有一名牵头干部',
      `6 该企业在本行动中已有牵头干部“${w.b1.login}”，每家企业只能有一名牵头干部`,
      expect.stringMatching(/^7 系统中没有统一社会信用代码为 \w{18} 的企业$/),
      `8 没有账号为“${admin.login}”的帮扶干部`,
      `9 帮扶干部“${disabled.login}”已停用`,
      '10 与第 2 行重复',
    ]);
    expect(await countRows('assignments')).toBe(before);
  });

  it('inserts pairings, moves the lead within one batch, and a re-import changes nothing', async () => {
    const { cookie } = await signedIn();
    const w = await world();
    const old = await pair(w.programme.id, w.a1.id, w.e1.id, true);
    const csv = [
      'credit_code,officer_login,unit,lead',
      `${w.e1.creditCode},${w.a2.login},${w.unitA.name},是`, // new lead …
      `${w.e1.creditCode},${w.a1.login},,否`, // … once the old one steps down
      `${w.e2.creditCode},${w.b1.login},${w.unitB.name},Y`,
    ].join('\r\n');
    const preview = await multipart('/admin/import/assignments', cookie, { programmeId: w.programme.id }, { body: csv });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('新增 2 条，更新 1 条，无变化 0 条');
    const done = await multipart('/admin/import/assignments/commit', cookie, { csv: hiddenCsv(html), programmeId: w.programme.id });
    expect(done.headers.get('location')).toBe('/admin/import?done=assignments&created=2&updated=1&unchanged=0');
    const stored = await pairsOf(w.programme.id);
    const shape = stored.map((p) => [p.officerId, p.enterpriseId, p.isLead]).sort();
    expect(shape).toEqual(
      [
        [w.a1.id, w.e1.id, false],
        [w.a2.id, w.e1.id, true],
        [w.b1.id, w.e2.id, true],
      ].sort(),
    );
    expect(stored.find((p) => p.id === old.id)?.isLead).toBe(false);

    const again = await multipart('/admin/import/assignments/commit', cookie, { csv, programmeId: w.programme.id });
    expect(again.headers.get('location')).toBe('/admin/import?done=assignments&created=0&updated=0&unchanged=3');
    expect(await pairsOf(w.programme.id)).toEqual(stored);
  });

  it('asks for a programme before reading the file', async () => {
    const { cookie } = await signedIn();
    const res = await multipart('/admin/import/assignments', cookie, { programmeId: '' }, { body: 'credit_code,officer_login\n' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('请选择有效的选项');
  });

  it('imports the sample files pairing the demo officers with the sample enterprises', async () => {
    const { cookie } = await signedIn();
    const [bianwei, guozi] = [await makeUnit('市编委办'), await makeUnit('市国资委')];
    for (const [loginName, unitId] of [
      ['zhangwei', bianwei.id],
      ['lina', guozi.id],
      ['wangqiang', bianwei.id],
    ] as const) {
      await makeUser({ login: loginName, unitId });
    }
    await makeChain('生物医药');
    await makeChain('医疗器械');
    const programme = await makeProgramme();
    const ent = await multipart('/admin/import/enterprises/commit', cookie, { csv: enterprisesCsv });
    expect(ent.headers.get('location')).toBe('/admin/import?done=enterprises&created=3&updated=0&unchanged=0');
    const res = await multipart('/admin/import/assignments', cookie, { programmeId: programme.id }, { body: assignmentsCsv });
    expect(res.status).toBe(200);
    const done = await multipart('/admin/import/assignments/commit', cookie, {
      csv: hiddenCsv(await res.text()),
      programmeId: programme.id,
    });
    expect(done.headers.get('location')).toBe('/admin/import?done=assignments&created=4&updated=0&unchanged=0');
    expect(await pairsOf(programme.id)).toHaveLength(4);
  });
});

describe('import page and templates', () => {
  it('shows the three upload forms and serves templates as UTF-8 CSV with BOM and CRLF', async () => {
    const { cookie } = await signedIn();
    const page = await call('/admin/import', { cookie });
    const html = await page.text();
    expect(html).toContain('action="/admin/import/enterprises" enctype="multipart/form-data"');
    expect(html).toContain('action="/admin/import/assignments" enctype="multipart/form-data"');
    expect(html).toContain('action="/admin/import/officers" enctype="multipart/form-data"');
    expect(html).toContain('accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"');
    const res = await call('/admin/import/template/enterprises.csv', { cookie });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''%E4%BC%81%E4%B8%9A");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')).toEqual([
      '企业名称,统一社会信用代码,所属区域,产业链,行业类别,是否规上,联系人,联系电话',
      expect.stringContaining('示例'),
      '',
    ]);
    const tpl = await (await call('/admin/import/template/assignments.csv', { cookie })).text();
    expect(tpl.split('\r\n')[0]).toBe('统一社会信用代码,帮扶干部账号,帮扶单位,是否牵头,开始日期,结束日期');
  });
});
