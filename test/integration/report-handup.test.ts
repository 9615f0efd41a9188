// The work report ready to hand up (issue 19), on two periods counted by hand: March 2026 against the 31
// days before it (2026-01-29 … 2026-02-28). The 环比 column, the tied categories, the appendix of
// intervals, the 落款, the print button; and the same report as a .docx (admin-only, audited, escaped).
import { and, eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../schema/rules/china-time';
import { auditLog, programmes } from '../../schema/tables';
import { call, db, makeEnterprise, makeProgramme, makeUnit, makeUser, pair, signedIn } from '../fixtures';
import { addMemo, addProblem } from '../fixtures/stats';

const OFFICE = '市生物医药产业链工作专班办公室';
let programme: { id: string; name: string };
let admin: { cookie: string; user: { id: string } };
let html: string;
const query = () => `programme=${programme.id}&from=2026-03-01&to=2026-03-31`;

beforeAll(async () => {
  admin = await signedIn('admin');
  programme = await makeProgramme({ name: `汇报行动${Date.now()}`, startsOn: '2026-01-01', endsOn: '2026-12-31', issuingOffice: OFFICE });
  const unit = await makeUnit();
  const officer = await makeUser({ role: 'officer', unitId: unit.id });
  const [e1, e2, e3] = [await makeEnterprise(), await makeEnterprise(), await makeEnterprise()];
  const base = { programmeId: programme.id, officerId: officer.id, leadUnitId: unit.id };
  for (const e of [e1, e2, e3]) await pair(programme.id, officer.id, e.id, true, { startsOn: '2026-01-01' });
  // February: one visit on site; one problem (its phone memo is a second contact), due and closed on time.
  await addMemo({ ...base, enterpriseId: e1.id, visitDate: '2026-02-10', mode: 'onsite' });
  await addProblem({
    ...base,
    enterpriseId: e1.id,
    raisedOn: '2026-02-05',
    category: 'finance',
    deadline: '2026-02-20',
    status: 'closed',
    closedOn: '2026-02-15',
  });
  // March: two visits on site and one by phone; five problems (five phone memos): 资金融资 2, 用地厂房 2, 用工人才 1.
  // Due in March: the first two — one closed, one overdue; the rest fall due in April.
  await addMemo({ ...base, enterpriseId: e1.id, visitDate: '2026-03-12', mode: 'onsite' });
  await addMemo({ ...base, enterpriseId: e2.id, visitDate: '2026-03-13', mode: 'onsite' });
  await addMemo({ ...base, enterpriseId: e3.id, visitDate: '2026-03-14', mode: 'phone' });
  await addProblem({
    ...base,
    enterpriseId: e1.id,
    raisedOn: '2026-03-02',
    category: 'finance',
    deadline: '2026-03-20',
    status: 'closed',
    closedOn: '2026-03-10',
  });
  await addProblem({
    ...base,
    enterpriseId: e2.id,
    raisedOn: '2026-03-03',
    category: 'land',
    deadline: '2026-03-25',
    status: 'in_progress',
  });
  await addProblem({
    ...base,
    enterpriseId: e2.id,
    raisedOn: '2026-03-04',
    category: 'finance',
    deadline: '2026-04-30',
    status: 'in_progress',
  });
  await addProblem({
    ...base,
    enterpriseId: e3.id,
    raisedOn: '2026-03-05',
    category: 'land',
    deadline: '2026-04-30',
    status: 'in_progress',
  });
  await addProblem({
    ...base,
    enterpriseId: e3.id,
    raisedOn: '2026-03-06',
    category: 'talent',
    deadline: '2026-04-30',
    status: 'in_progress',
  });
  const res = await call(`/admin/report?${query()}`, { cookie: admin.cookie });
  expect(res.status).toBe(200);
  html = await res.text();
});

/** The cells of a table row by its header cell. */
function row(part: string, label: string): string[] {
  const at = part.indexOf(`<th scope="row">${label}</th>`);
  if (at < 0) return [];
  const tr = part.slice(at, part.indexOf('</tr>', at));
  return [...tr.matchAll(/<td>(.*?)<\/td>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ''));
}
const section = (from: string, to: string) => html.slice(html.indexOf(from), html.indexOf(to));

describe('the work report, ready to hand up', () => {
  it('compares the headline figures with the previous period of the same length (环比), as counted by hand', () => {
    expect(html).toContain('统计期间：2026-03-01 至 2026-03-31（环比上期：2026-01-29 至 2026-02-28）');
    const s2 = section('二、', '三、');
    expect(s2).toContain('<th scope="col">指标</th><th scope="col">本期</th><th scope="col">上期</th><th scope="col">环比</th>');
    expect(row(s2, '帮扶企业')).toEqual(['3', '3', '持平']);
    // Contacts: March 3 visits + 5 problems' memos = 8; February 1 + 1 = 2.
    expect(row(s2, '走访（家次）')).toEqual(['8', '2', '+6（+300.0%）']);
    expect(row(s2, '上门走访')).toEqual(['2', '1', '+1（+100.0%）']);
    expect(row(s2, '收集问题')).toEqual(['5', '1', '+4（+400.0%）']);
    expect(row(s2, '期内办结')).toEqual(['1', '1', '持平']);
    // Due in March 2, closed 1; in February 1 of 1: 50.0 − 100.0 = −50.0 points.
    expect(row(s2, '办结率')).toEqual(['50.0% (1/2)', '100.0% (1/1)', '−50.0 个百分点']);
    // Overdue from none: a difference without a growth rate.
    expect(row(s2, '逾期未办结')).toEqual(['1', '0', '+1']);
    expect(row(s2, '回收率')).toEqual(['—', '—', '—']);
  });

  it('makes no comparison with a period before the programme began, and says when no problem was raised', async () => {
    const page = await (
      await call(`/admin/report?programme=${programme.id}&from=2026-01-01&to=2026-01-31`, { cookie: admin.cookie })
    ).text();
    expect(page).toContain('统计期间：2026-01-01 至 2026-01-31（上期在本行动开始之前，不作环比）');
    const s2 = page.slice(page.indexOf('二、'), page.indexOf('三、'));
    expect(s2).toContain('<th scope="col">指标</th><th scope="col">本期</th></tr>');
    expect(s2).not.toContain('环比');
    expect(row(s2, '走访（家次）')).toEqual(['0']);
    const s4 = page.slice(page.indexOf('四、'), page.indexOf('五、'));
    expect(s4).toContain('本期未收集到企业问题。');
    expect(s4).not.toContain('<table>');
  });

  it('says so instead of an empty table when no survey ran', () => {
    const s5 = section('五、', '六、');
    expect(s5).toContain('<p class="summary">本期未开展满意度调查。</p>');
    expect(s5).not.toContain('<table>');
  });

  it('is the same report in English, dated as ISO', async () => {
    const page = await (await call(`/admin/report?${query()}`, { cookie: `${admin.cookie}; lang=en` })).text();
    expect(page).toContain('Period: 2026-03-01 to 2026-03-31 (compared with 2026-01-29 to 2026-02-28)');
    expect(page).toContain('<th scope="col">Previous period</th><th scope="col">Change</th>');
    expect(page).toContain(`<div class="signature"><p>${OFFICE}</p><p>${chinaToday()}</p></div>`);
    expect(page).toContain('Most problems concerned Finance, Land and premises (2 each); Labour and talent (1).');
  });

  it('names tied categories together', () => {
    expect(html).toContain('企业反映的问题主要集中在资金融资、用地厂房各 2 个，用工人才（1 个）。');
  });

  it('moves the confidence intervals out of the tables into appendix 七', () => {
    expect(section('二、', '六、')).not.toContain('置信区间');
    expect(section('二、', '六、')).not.toMatch(/\d–\d/);
    const appendix = section('七、附录：主要比率的95%置信区间', '<footer');
    expect(appendix.length).toBeGreaterThan(0);
    expect(html.indexOf('六、')).toBeLessThan(html.indexOf('七、'));
    // Wilson 95 % of 1/2: (0.5 + 0.9604 ∓ 1.96·√(0.125 + 0.2401)) / 2.9208 = 9.5 % … 90.5 %.
    expect(row(appendix, '办结率')).toEqual(['50.0%', '1/2', '9.5–90.5%']);
    // No rate without a sample (回收率 of no round) is listed.
    expect(row(appendix, '回收率')).toEqual([]);
  });

  it('signs with the issuing office and the date in China, and has a print button shown by a script with the page’s nonce', async () => {
    const [y, m, d] = chinaToday().split('-').map(Number);
    expect(html).toContain(`<div class="signature"><p>${OFFICE}</p><p>${y}年${m}月${d}日</p></div>`);
    expect(html.indexOf('<div class="signature">')).toBeGreaterThan(html.indexOf('七、'));
    expect(html).toContain('<button type="button" id="print" hidden>打印</button>');
    const res = await call(`/admin/report?${query()}`, { cookie: admin.cookie });
    const nonce = /script-src 'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce).toBeTruthy();
    // An external script with the page's nonce: the CSP allows no inline script here.
    expect(await res.text()).toContain(`<script type="module" src="/assets/report-print.js" nonce="${nonce}"></script>`);
    expect(html).toContain(`<a href="/admin/report.docx?${query().replaceAll('&', '&amp;')}">下载 Word 版（.docx）</a>`);
  });

  it('says when the programme has no issuing office, and prints no English or placeholder header in Chinese', async () => {
    await db().update(programmes).set({ issuingOffice: '' }).where(eq(programmes.id, programme.id));
    const page = await (await call(`/admin/report?${query()}`, { cookie: admin.cookie })).text();
    await db().update(programmes).set({ issuingOffice: OFFICE }).where(eq(programmes.id, programme.id));
    expect(page).toContain('落款单位未设置');
    expect(page).toMatch(/<div class="signature"><p>\d{4}年\d{1,2}月\d{1,2}日<\/p><\/div>/);
    const heads = [...html.matchAll(/<th scope="col">(.*?)<\/th>|<h[1-3]>(.*?)<\/h[1-3]>/g)].map((m) => m[1] ?? m[2] ?? '');
    // Column and section headings (row headers are names of units and items, whatever they were given).
    expect(heads.length).toBeGreaterThan(30);
    for (const h of heads) {
      expect(h, h).not.toMatch(/[A-Za-z]{2,}|undefined|null|NaN|\{|分组/);
    }
  });
});

describe('/admin/report.docx', () => {
  it('downloads the same report as a Word file with a Chinese name (RFC 5987), audited', async () => {
    const res = await call(`/admin/report.docx?${query()}`, { cookie: admin.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const name = encodeURIComponent(`${programme.name}工作汇报（2026-03-01至2026-03-31）.docx`);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="work-report_2026-03-01_2026-03-31.docx"; filename*=UTF-8''${name}`,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'word/_rels/document.xml.rels',
      'word/document.xml',
      'word/fontTable.xml',
      'word/styles.xml',
    ]);
    const xml = new TextDecoder().decode(files['word/document.xml']);
    expect(xml).toContain(`<w:t xml:space="preserve">${programme.name}工作汇报</w:t>`);
    expect(xml).toContain('<w:t xml:space="preserve">企业反映的问题主要集中在资金融资、用地厂房各 2 个，用工人才（1 个）。</w:t>');
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(xml).toContain(`<w:pStyle w:val="Signature"/></w:pPr><w:r><w:t xml:space="preserve">${OFFICE}</w:t>`);
    const styles = new TextDecoder().decode(files['word/styles.xml']);
    expect(styles).toContain('w:eastAsia="方正小标宋简体"');
    expect(styles).toContain('w:eastAsia="仿宋_GB2312"');
    expect(styles).toContain('<w:sz w:val="32"/>');
    expect(new TextDecoder().decode(files['word/fontTable.xml'])).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    const rows = await db()
      .select({ objectType: auditLog.objectType, objectId: auditLog.objectId, detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, admin.user.id), eq(auditLog.action, 'export')));
    expect(rows).toEqual([
      { objectType: 'report', objectId: programme.id, detail: JSON.stringify({ format: 'docx', from: '2026-03-01', to: '2026-03-31' }) },
    ]);
  });

  it('escapes the names it writes: markup, ampersands, quotes, emoji and a bidi override', async () => {
    const tricky = '<b>&"行动"😀\u202Eexe';
    await db().update(programmes).set({ issuingOffice: tricky }).where(eq(programmes.id, programme.id));
    const res = await call(`/admin/report.docx?${query()}`, { cookie: admin.cookie });
    await db().update(programmes).set({ issuingOffice: OFFICE }).where(eq(programmes.id, programme.id));
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml']);
    expect(xml).toContain('<w:t xml:space="preserve">&lt;b&gt;&amp;&quot;行动&quot;😀\u202Eexe</w:t>');
    expect(xml).not.toContain('<b>');
  });

  it('is admin-only: officers and unit handlers get 403', async () => {
    for (const role of ['officer', 'handler'] as const) {
      const { cookie, user } = await signedIn(role);
      expect((await call(`/admin/report.docx?${query()}`, { cookie })).status, role).toBe(403);
      const refused = await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, user.id));
      expect(
        refused.map((r) => r.action),
        role,
      ).toEqual(['forbidden']);
    }
  });
});
