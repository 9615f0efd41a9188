// What counts as an option (DESIGN §6: statistics are SQL aggregates over the options chosen). The
// answers of closed-choice questions are counted per option in option_counts, by the submission batch
// (worker/surveys/answer.queries.ts) and by the recompute (worker/stats/recompute.ts); free text,
// numbers and dates stay in `answers` alone. group_counts (worker/stats/group-rollup.ts) keeps fewer on
// purpose: only the likert scale's values, since satisfaction by unit, officer, chain and region is read
// for likert items alone, and filtering on the stored values is cheaper than looking up each question's
// type in the submission batch (other answers that happen to hold those values are counted and never
// read). test/unit/counted-options.test.ts and test/integration/counted-options.test.ts check all three.
import { LIKERT_VALUES, NOT_APPLICABLE, type QuestionType } from '../form-definition.ts';

/** Answered with one of a fixed set of options: counted under the question's key. */
export const COUNTED_TYPES = ['single', 'multiple', 'likert', 'yesno', 'rating'] as const satisfies readonly QuestionType[];

/** Each row answered with an option (a likert matrix): counted under `key.row`. */
export const COUNTED_ROW_TYPES = ['matrix'] as const satisfies readonly QuestionType[];

const counted: ReadonlySet<QuestionType> = new Set([...COUNTED_TYPES, ...COUNTED_ROW_TYPES]);

/** Whether a question's answers are counted in option_counts (a matrix's per row). */
export const isCounted = (type: QuestionType) => counted.has(type);

const list = (values: readonly (string | number)[]) => values.map((v) => (typeof v === 'number' ? String(v) : `'${v}'`)).join(', ');

/** SQL: whether the question type in `type` is counted under the question's key. */
export const countedTypeSql = (type: string) => `${type} IN (${list(COUNTED_TYPES)})`;

/** SQL: whether the question type in `type` is counted per row. */
export const countedRowTypeSql = (type: string) => `${type} IN (${list(COUNTED_ROW_TYPES)})`;

/** SQL over an answers row: a point of the likert scale, or 不了解/不适用 (what group_counts keeps). */
export const LIKERT_ANSWER_SQL = `(text_value = '${NOT_APPLICABLE}' OR num_value IN (${list([...LIKERT_VALUES].sort((a, b) => a - b))}))`;
