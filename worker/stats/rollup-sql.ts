// Text helpers of the generated rollup SQL (problem-rollup.ts, activity-*.ts): fixed SQL built once
// from the rollup definitions, never from input. Pure, no imports: Node runs the recompute and the
// migration printer (scripts/rollup-migration.ts) from the same files.

/** A rollup table: the columns of its key and the counters each write adds to. */
export type RollupTable = { name: string; keys: readonly string[]; counts: readonly string[] };

export const insertInto = (t: RollupTable) => `INSERT INTO ${t.name} (${[...t.keys, ...t.counts].join(', ')})`;

/** The upsert that adds a write's counters to the row of the same key. */
export const addOnConflict = (t: RollupTable) =>
  `ON CONFLICT (${t.keys.join(', ')}) DO UPDATE SET ${t.counts.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

/**
 * A one-column table of constants. A multi-row VALUES, not UNION ALL: D1 allows at most 5 terms in a
 * compound SELECT.
 */
export const valuesTable = (name: string, values: readonly string[]) =>
  `(SELECT column1 AS ${name} FROM (VALUES ${values.map((v) => `('${v}')`).join(', ')}))`;

/** `CASE <of> WHEN 'a' THEN … END`, one branch per name. */
export const caseOf = (of: string, branches: readonly (readonly [string, string])[]) =>
  `CASE ${of} ${branches.map(([when, then]) => `WHEN '${when}' THEN ${then}`).join(' ')} END`;

/** A trigger's text as SQLite stores it in sqlite_master: from CREATE to END, no semicolon after. */
export type Trigger = { name: string; sql: string };

export const trigger = (name: string, on: string, body: readonly string[]): Trigger => ({
  name,
  sql: `CREATE TRIGGER ${name} ${on}\nBEGIN\n${body.map((s) => `  ${s};`).join('\n')}\nEND`,
});
