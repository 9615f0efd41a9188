// What counts as an option (schema/rules/counted-options.ts) is one rule for the three writers of option
// rollups: the submission batch, the recompute, and group_counts' likert filter. A round whose form has
// one question of every type is answered through the real respondent route; the rollups it wrote, and
// what the recompute rebuilds, must hold exactly the counted questions. The SQL twins of the rule are
// evaluated in D1 against the TypeScript for every type and for likert values and others.
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { formDefinition, LIKERT_VALUES, NOT_APPLICABLE, type QuestionType, question } from '../../schema/form-definition';
import { COUNTED_TYPES, countedRowTypeSql, countedTypeSql, isCounted, LIKERT_ANSWER_SQL } from '../../schema/rules/counted-options';
import { recomputeRollups } from '../../worker/stats/recompute-job';
import { db, makeEnterprise, makeProgramme, makeUser, pair } from '../fixtures';
import { respond, surveyRound } from '../fixtures/stats';

const L = (zh: string) => ({ zh });
const opts = (...values: string[]) => values.map((value) => ({ value, label: L(value) }));
const TYPES = question.options.map((o) => o.shape.type.value);

/** What each type needs beyond key, type and title. */
const SHAPE: Partial<Record<QuestionType, object>> = {
  single: { options: opts('a', 'b') },
  multiple: { options: opts('x', 'y', 'z') },
  likert: { allowNotApplicable: true },
  matrix: { rows: ['r1', 'r2'].map((key) => ({ key, label: L(key) })), allowNotApplicable: true },
};
/** One question of every type the form definition knows, keyed by its type: a new type is in it at once. */
const definition = formDefinition.parse({
  title: L('每种题型'),
  pages: [{ questions: TYPES.map((type) => ({ key: type, type, title: L(type), ...SHAPE[type] })) }],
});

type Count = { question_key: string; option: string; count: number };

describe('counted options', () => {
  it('are the same at submission and in the recompute: every closed question, a matrix per row, no free answer', async () => {
    const programme = await makeProgramme();
    const enterprise = await makeEnterprise();
    await pair(programme.id, (await makeUser({ role: 'officer' })).id, enterprise.id);
    const round = await surveyRound(programme.id, [enterprise.id], { definition });
    await respond(round, round.links[0]?.token ?? '', {
      single: 'b',
      multiple: ['x', 'z'],
      likert: 'na',
      'matrix.r1': '4',
      'matrix.r2': '2',
      rating: '9',
      yesno: 'yes',
      text: '3',
      number: '3',
      date: '2026-03-03',
    });
    const counts = () =>
      db().all<Count>(
        sql`SELECT question_key, option, count FROM option_counts WHERE campaign_id = ${round.id} ORDER BY question_key, option`,
      );
    const submitted = await counts();
    expect(submitted).toEqual([
      { question_key: 'likert', option: 'na', count: 1 },
      { question_key: 'matrix.r1', option: '4', count: 1 },
      { question_key: 'matrix.r2', option: '2', count: 1 },
      { question_key: 'multiple', option: 'x', count: 1 },
      { question_key: 'multiple', option: 'z', count: 1 },
      { question_key: 'rating', option: '9', count: 1 },
      { question_key: 'single', option: 'b', count: 1 },
      { question_key: 'yesno', option: '1', count: 1 },
    ]);
    await db().run(sql`DELETE FROM option_counts WHERE campaign_id = ${round.id}`);
    await recomputeRollups(db(), round.id);
    expect(await counts()).toEqual(submitted);
    // group_counts keeps likert values only, whatever the question (by design: see the rule's file).
    const grouped = await db().all<Count>(
      sql`SELECT DISTINCT question_key, option, 0 AS count FROM group_counts WHERE campaign_id = ${round.id} AND question_key <> '' ORDER BY 1, 2`,
    );
    expect(grouped.map((g) => `${g.question_key}=${g.option}`)).toEqual(['likert=na', 'matrix.r1=4', 'matrix.r2=2', 'number=3', 'yesno=1']);
  });

  it('is the same rule in SQL as in TypeScript, for every question type', async () => {
    const { results } = await env.DB.prepare(
      `SELECT t.column1 AS type, ${countedTypeSql('t.column1')} AS byKey, ${countedRowTypeSql('t.column1')} AS byRow
      FROM (VALUES ${TYPES.map((t) => `('${t}')`).join(', ')}) t`,
    ).all<{ type: (typeof TYPES)[number]; byKey: number; byRow: number }>();
    expect(results).toHaveLength(TYPES.length);
    for (const r of results) {
      expect([r.byKey || r.byRow, r.byKey && r.byRow], r.type).toEqual([isCounted(r.type) ? 1 : 0, 0]);
      expect(r.byKey, r.type).toBe((COUNTED_TYPES as readonly string[]).includes(r.type) ? 1 : 0);
    }
  });

  it("keeps in group_counts exactly the likert scale's values and 不了解", async () => {
    const values: [number | null, string | null][] = [
      [0, null],
      [1, null],
      [3, null],
      [5, null],
      [6, null],
      [2.5, null],
      [null, 'na'],
      [null, 'a'],
      [null, null],
    ];
    const { results } = await env.DB.prepare(
      `SELECT num_value, text_value, ${LIKERT_ANSWER_SQL} AS likert FROM (SELECT column1 AS num_value, column2 AS text_value FROM (VALUES ${values
        .map(([n, t]) => `(${n ?? 'NULL'}, ${t === null ? 'NULL' : `'${t}'`})`)
        .join(', ')}))`,
    ).all<{ num_value: number | null; text_value: string | null; likert: number | null }>();
    const want = values.map(([n, t]) => ((LIKERT_VALUES as readonly number[]).includes(n ?? -1) || t === NOT_APPLICABLE ? 1 : 0));
    expect(results.map((r) => r.likert ?? 0)).toEqual(want);
    expect(want.filter(Boolean)).toHaveLength(4);
  });
});
