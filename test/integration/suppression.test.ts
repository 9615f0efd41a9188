// Complementary suppression, by brute force (issue 14 §1, schema/rules/suppression.ts). On fixture data,
// every count the work report prints for one period — the headline 满意率 (k/n), 满意率 by unit (k/n),
// satisfaction by item (valid n and its rate, hence k), the claims appendix by unit and its total — is
// read from the page, and each is written as the sum of the cells it covers (unit × item for the
// survey, unit for the claims). No combination of them with coefficients −1, 0 or +1 may equal a hidden
// unit's cells: that is what "derived by adding or subtracting" means, whatever the numbers happen to be.
// The printed numbers are checked against the hand count of those cells, so the reading is the page's.
// The officer's page prints rates rounded to whole numbers and no count, so it adds no summand; its
// survey figures are snapshot figures tested in officer-privacy.test.ts. A control shows the brute force
// does find the hidden unit when only the small unit is hidden (small-group suppression alone).
import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { inLang } from '../../schema/form-definition';
import { TEMPLATES } from '../../schema/form-templates';
import { chinaToday } from '../../schema/rules/china-time';
import { campaigns } from '../../schema/survey-tables';
import { DAILY_CRON } from '../../worker/daily/daily-run';
import worker from '../../worker/index';
import { call, db, login, makeEnterprise, makeProgramme, makeUnit, makeUser, pair, signedIn } from '../fixtures';
import { addMemo, respond, satisfactionAnswer, surveyRound } from '../fixtures/stats';

/** The six rated items of 《帮扶满意度调查表》, by their titles as the report prints them. */
const ITEMS = TEMPLATES.satisfaction.definition.pages
  .flatMap((p) => p.questions)
  .filter((q) => q.type === 'likert')
  .map((q) => inLang(q.title, 'zh'));
/**
 * Four units, one officer each leading its enterprises, all answering one closed round; k = 5.
 * Unit B (2 answers) is under k; its complement is the smallest other unit, C (6): A and D are shown.
 * `ratings`: each enterprise's six ratings (two-tier: 5 and 4 are 满意); `no`: how many of the unit's
 * enterprises answer 否 to Q2 (every officer claims a 上门 visit at each of its enterprises this month, so
 * each enterprise gives two checked claims, one contradicted per 否).
 */
const UNITS = {
  A: { n: 7, ratings: [5, 4, 3, 5, 4, 2], no: 1 },
  B: { n: 2, ratings: [2, 3, 1, 4, 5, 3], no: 2 },
  C: { n: 6, ratings: [4, 4, 5, 3, 2, 4], no: 0 },
  D: { n: 9, ratings: [3, 5, 4, 4, 1, 5], no: 4 },
} as const;
type UnitKey = keyof typeof UNITS;
const KEYS = Object.keys(UNITS) as UnitKey[];

/** A figure as the cells it adds up (cell name → 1) and the two numbers printed for it. */
type Figure = { name: string; cells: Set<string>; k: number; n: number };
const surveyCell = (u: UnitKey, item: number) => `${u}.${item}`;

/** Whether some ±1/0 combination of `shown` covers exactly the cells of `hidden` (each cell once). */
function derivable(shown: Figure[], hidden: Set<string>): string | null {
  const cells = [...new Set([...hidden, ...shown.flatMap((f) => [...f.cells])])];
  const coef = new Array<number>(shown.length).fill(-1);
  for (;;) {
    const sum = (cell: string) => shown.reduce((s, f, i) => s + (coef[i] ?? 0) * (f.cells.has(cell) ? 1 : 0), 0);
    if (cells.every((c) => sum(c) === (hidden.has(c) ? 1 : 0)))
      return shown
        .map((f, i) => (coef[i] ? `${coef[i] > 0 ? '+' : '−'}${f.name}` : ''))
        .filter(Boolean)
        .join(' ');
    let i = 0;
    while (i < coef.length && coef[i] === 1) coef[i++] = -1;
    if (i === coef.length) return null;
    coef[i] = (coef[i] ?? 0) + 1;
  }
}

let html = '';
let names = {} as Record<UnitKey, string>;
const officers = {} as Record<UnitKey, { login: string; password: string }>;
beforeAll(async () => {
  const programme = await makeProgramme({ startsOn: '2026-01-01', endsOn: '2026-12-31' });
  const ids: string[] = [];
  const answers = new Map<string, Record<string, string>>();
  for (const u of KEYS) {
    const unit = await makeUnit();
    names[u] = unit.name;
    const officer = await makeUser({ role: 'officer', unitId: unit.id });
    officers[u] = officer;
    for (let i = 0; i < UNITS[u].n; i++) {
      const e = await makeEnterprise();
      await pair(programme.id, officer.id, e.id, true);
      await addMemo({ programmeId: programme.id, officerId: officer.id, enterpriseId: e.id, mode: 'onsite', visitDate: chinaToday() });
      answers.set(e.id, satisfactionAnswer([...UNITS[u].ratings], { onsite_month: i < UNITS[u].no ? 'no' : 'yes' }));
      ids.push(e.id);
    }
  }
  const round = await surveyRound(programme.id, ids, { name: '抽查批次' });
  for (const link of round.links) await respond(round, link.token, answers.get(link.enterpriseId) ?? {});
  await db()
    .update(campaigns)
    .set({ closesAt: Date.now() - 1000 })
    .where(eq(campaigns.id, round.id));
  // The daily run freezes the officers' figures of the closed round.
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: DAILY_CRON }), env, createExecutionContext());
  const admin = (await signedIn('admin')).cookie;
  html = await (await call(`/admin/report?programme=${programme.id}`, { cookie: admin })).text();
  names = { ...names };
});

/** The cells of one table row: the header cell's text and each data cell's text. */
function row(part: string, label: string): string[] {
  const at = part.indexOf(`<th scope="row">${label}</th>`);
  if (at < 0) return [];
  const tr = part.slice(at, part.indexOf('</tr>', at));
  return [...tr.matchAll(/<td>(.*?)<\/td>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ''));
}
const kn = (cell: string | undefined) => {
  const m = /\((\d+)\/(\d+)\)/.exec(cell ?? '');
  return m ? { k: Number(m[1]), n: Number(m[2]) } : null;
};
const section = (from: string, to: string) => html.slice(html.indexOf(from), html.indexOf(to));

// The hand count: a unit's satisfied answers and valid answers on item i.
const satisfied = (u: UnitKey, i: number) => ((UNITS[u].ratings[i] ?? 0) >= 4 ? UNITS[u].n : 0);

describe('complementary suppression in the work report', () => {
  it('hides unit B (under k) and unit C with it in both tables, shows A, D and the totals as the hand count gives', () => {
    const units = section('三、', '四、');
    for (const u of ['B', 'C'] as const) expect(row(units, names[u]).at(-1), u).toBe('样本不足');
    const claims = section('六、', '<footer');
    for (const u of ['B', 'C'] as const) expect(row(claims, names[u]), u).toEqual(['样本不足', '样本不足']);
    // A: items 1, 2, 4, 5 (ratings ≥ 4) × 7 = 28 of 42; D: items 2, 3, 4, 6 × 9 = 36 of 54.
    expect(kn(row(units, names.A).at(-1))).toEqual({ k: 28, n: 42 });
    expect(kn(row(units, names.D).at(-1))).toEqual({ k: 36, n: 54 });
    // Claims: two per enterprise, one contradicted per 否 answer.
    expect(row(claims, names.A)).toEqual(['14', '7.1% (1/14)']);
    expect(row(claims, names.D)).toEqual(['18', '22.2% (4/18)']);
    expect(row(claims, '合计')).toEqual(['48', '14.6% (7/48)']);
  });

  it('prints no set of figures from which a hidden unit’s counts add up', () => {
    const s2 = section('二、', '三、');
    const units = section('三、', '四、');
    const items = section('五、', '六、');
    const claims = section('六、', '<footer');
    const everyCell = new Set(KEYS.flatMap((u) => ITEMS.map((_, i) => surveyCell(u, i))));
    const survey: Figure[] = [];
    const add = (name: string, cells: Set<string>, printed: { k: number; n: number } | null) => {
      if (!printed) return;
      // What the page prints is the sum of those cells, as counted by hand.
      const hand = [...cells].reduce(
        (s, c) => {
          const [u, i] = c.split('.') as [UnitKey, string];
          return { k: s.k + satisfied(u, Number(i)), n: s.n + UNITS[u].n };
        },
        { k: 0, n: 0 },
      );
      expect(printed, name).toEqual(hand);
      survey.push({ name, cells, ...printed });
    };
    add('满意率 (all)', everyCell, kn(row(s2, '满意率（两档）')[0]));
    for (const u of KEYS) add(`满意率 ${u}`, new Set(ITEMS.map((_, i) => surveyCell(u, i))), kn(row(units, names[u]).at(-1)));
    ITEMS.forEach((title, i) => {
      const [valid, rate] = row(items, title);
      const printed =
        valid && rate?.endsWith('%') ? { n: Number(valid), k: Math.round((Number.parseFloat(rate) / 100) * Number(valid)) } : null;
      add(`item ${i}`, new Set(KEYS.map((u) => surveyCell(u, i))), printed);
    });
    expect(survey.map((f) => f.name)).toEqual(['满意率 (all)', '满意率 A', '满意率 D', ...ITEMS.map((_, i) => `item ${i}`)]);
    const claimFigures: Figure[] = [];
    for (const u of KEYS) {
      const printed = kn(row(claims, names[u])[1]);
      if (printed) claimFigures.push({ name: `claims ${u}`, cells: new Set([u]), ...printed });
    }
    const total = kn(row(claims, '合计')[1]);
    if (total) claimFigures.push({ name: 'claims total', cells: new Set(KEYS), ...total });
    expect(claimFigures.map((f) => f.name)).toEqual(['claims A', 'claims D', 'claims total']);

    for (const hidden of ['B', 'C'] as const) {
      expect(derivable(survey, new Set(ITEMS.map((_, i) => surveyCell(hidden, i)))), hidden).toBeNull();
      expect(derivable(claimFigures, new Set([hidden])), hidden).toBeNull();
    }
    // The control: had C been shown beside them (small-group suppression alone), B = total − A − C − D.
    const cCells = new Set(ITEMS.map((_, i) => surveyCell('C', i)));
    const withC = [...survey, { name: '满意率 C', cells: cCells, k: 0, n: 0 }];
    expect(derivable(withC, new Set(ITEMS.map((_, i) => surveyCell('B', i))))).toBe('+满意率 (all) −满意率 A −满意率 D −满意率 C');
    expect(derivable([...claimFigures, { name: 'claims C', cells: new Set(['C']), k: 0, n: 0 }], new Set(['B']))).toBe(
      '−claims A −claims D +claims total −claims C',
    );
  });

  it('leaves the officer no count to add: the own page prints a rounded rate without n, or 样本不足', async () => {
    const page = async (u: UnitKey) => {
      const html = await (await call('/stats/mine', { cookie: await login(officers[u]) })).text();
      return html.slice(html.indexOf('<section aria-labelledby="rounds"'), html.indexOf('</main>'));
    };
    // D: 36 of 54 → 67 %, no n; A (shown in the report) 28/42 → 67 %; B and C hidden as in the report.
    const d = await page('D');
    expect(d).toContain('<strong data-state="shown">67%</strong>');
    expect(d).not.toMatch(/\d+\/\d+|\(n=|66\.7/);
    for (const u of ['B', 'C'] as const) expect(await page(u), u).toContain('data-state="suppressed"');
  });
});
