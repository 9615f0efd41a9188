// The claims of every closed round taken, as the daily run would have taken them by now in production
// (worker/stats/claim-snapshot.ts, issue 20): the breakdowns of a generated data set then read frozen rows,
// as they do the day after a round closes. The app's own SQL, run in the generator's SQLite file.
import { readDefinitionJson } from '../../schema/form-json.ts';
import { checksClaims } from '../../schema/rules/claims.ts';
import { closedRoundSql } from '../../schema/rules/round-state.ts';
import { claimRowsSql, MARK_CLAIMS_TAKEN } from '../../worker/stats/claim-sql.ts';
import { toQuery } from '../../worker/stats/sql-text.ts';
import type { BulkWriter } from './sqlite.ts';

/** Takes the claims of the rounds closed at `now`; returns how many rounds it marked. */
export function takeClosedClaims(w: BulkWriter, now: number): number {
  w.flushAll();
  const due = w.db
    .prepare(`SELECT c.id, v.definition FROM campaigns c JOIN form_versions v ON v.id = c.form_version_id
      WHERE ${closedRoundSql('c', '?')} ORDER BY c.closes_at, c.id`)
    .all(now) as { id: string; definition: string }[];
  for (const round of due) {
    const form = readDefinitionJson(round.definition);
    if (form.ok && checksClaims(form.definition)) {
      const { sql, params } = toQuery(claimRowsSql(round.id));
      w.db.prepare(sql).run(...(params as string[]));
    }
    w.db.prepare(MARK_CLAIMS_TAKEN).run(round.id, now);
  }
  return due.length;
}
