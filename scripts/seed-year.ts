// The demo year (issue 19): a year of plausible activity over the demo programme — memos every month,
// problems in every state of the ledger (late and extended ones among them), two closed survey rounds
// with answers — written by the benchmark's seeded generator (bench/gen/) at a small scale, so there is
// one generator, not two. The same seed gives the same rows, ids included, on any machine and any day;
// the year is written once, in one transaction, and a second run finds its first round and leaves the
// database as it is. The rollups come out exact: the generator writes with the triggers off, then the
// recompute's own SQL rebuilds every rollup from the rows (bench/gen/untriggered.ts, as the bench does).

import { writeLedger } from '../bench/gen/ledger.ts';
import { chinaMs, type Org } from '../bench/gen/org.ts';
import { BulkWriter } from '../bench/gen/sqlite.ts';
import { writeRounds } from '../bench/gen/surveys.ts';
import { writeUntriggered } from '../bench/gen/untriggered.ts';
import { rng } from '../bench/lib/prng.ts';
import { TEMPLATES } from '../schema/form-templates.ts';
import { DAY_MS } from '../schema/rules/china-time.ts';
import { demoAssignments, demoEnterprises, demoForm, demoOfficers, demoProgramme, demoUnits, demoUsers } from '../schema/seed/demo.ts';

const SEED = 'demo-year';
/** Memos fall on 2026-01-01 … AS_OF, and problems' lives stop there: fixed, so every run writes the same rows. */
const YEAR = { starts: demoProgramme.startsOn, asOf: '2026-11-30' };
const SIZE = { memos: 300, problemsPerMemo: 0.3 };
/** Two rounds of 14 days, in April and in September. */
const ROUNDS = {
  rounds: 2,
  openRate: 0.93,
  answerRate: 0.85,
  maxAnswers: Number.POSITIVE_INFINITY,
  first: chinaMs('2026-04-08', 9),
  step: 147 * DAY_MS,
};

function demoOrg(): Org {
  const officerIds = demoOfficers.map((o) => o.id);
  const officerIndex = (id: string) => officerIds.indexOf(id as (typeof officerIds)[number]);
  const enterprises = demoEnterprises.map((e) => {
    const lead = demoAssignments.find((a) => a.enterpriseId === e.id && a.isLead);
    const officer = demoOfficers.find((o) => o.id === lead?.officerId);
    return { id: e.id, leadOfficer: officerIndex(lead?.officerId ?? ''), unitId: officer?.unitId ?? '' };
  });
  return {
    programmeId: demoProgramme.id,
    adminId: demoUsers[0].id,
    unitIds: demoUnits.map((u) => u.id),
    officerIds,
    enterprises,
    pairs: demoAssignments.map((a) => [officerIndex(a.officerId), demoEnterprises.findIndex((e) => e.id === a.enterpriseId)]),
    formVersionId: demoForm.versionId,
    definition: TEMPLATES.satisfaction.definition,
    adminCookie: '',
  };
}

/**
 * The generator's office confirms a 无法办理 within days, so a year rarely ends with one waiting: the
 * latest 确认无法办理 is taken back (its event and the fields it set), so the demo shows that state too.
 */
function leaveOneAwaitingConfirmation(w: BulkWriter) {
  const last = w.db
    .prepare("SELECT id FROM problems WHERE status = 'unresolved' AND programme_id = ? ORDER BY closed_on DESC, id LIMIT 1")
    .get(demoProgramme.id) as { id: string } | undefined;
  if (!last) return;
  w.db.prepare("DELETE FROM problem_events WHERE problem_id = ? AND kind = 'confirm_unresolvable'").run(last.id);
  w.db.prepare("DELETE FROM audit_log WHERE object_id = ? AND action = 'problem.confirm_unresolvable'").run(last.id);
  w.db
    .prepare(
      `UPDATE problems SET status = 'unresolvable', closed_on = NULL, handling_days = NULL,
        updated_at = (SELECT max(at) FROM problem_events WHERE problem_id = ?1) WHERE id = ?1`,
    )
    .run(last.id);
}

/** Writes the year into a SQLite file (wrangler's local D1, or a self-hosted server's database) unless it is there already. */
export function seedYear(file: string, linkSecret: string) {
  const w = new BulkWriter(file);
  const firstRound = rng(`${SEED}/rounds`).uuid();
  if (w.db.prepare('SELECT 1 FROM campaigns WHERE id = ?').get(firstRound)) {
    w.close();
    return null;
  }
  const { ledger, survey } = writeUntriggered(w, () => {
    const org = demoOrg();
    const ledger = writeLedger(w, SEED, org, SIZE, YEAR);
    const survey = writeRounds(w, SEED, org, linkSecret, ROUNDS);
    w.flushAll();
    leaveOneAwaitingConfirmation(w);
    return { ledger, survey };
  });
  w.close();
  return { ...ledger, rounds: survey.rounds, responses: survey.responses };
}
