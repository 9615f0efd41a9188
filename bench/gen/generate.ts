// The data generator: a whole programme at a chosen scale in a local D1, seeded and deterministic.
//   node --import ./bench/lib/register.ts bench/gen/generate.ts --dir bench/.data/big \
//     --officers 200 --enterprises 5000 --memos 50000 --problems-per-memo 2 --answers 1000000 [--links 20000] [--seed bench]
// The directory is laid out like `wrangler --persist-to DIR`, so `wrangler dev --persist-to DIR` or
// `wrangler d1 execute DB --local --persist-to DIR` open the same data.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { takeClosedClaims } from './claims.ts';
import { freshDatabase } from './database.ts';
import { type LedgerSize, writeLedger } from './ledger.ts';
import { type OrgSize, writeOrg } from './org.ts';
import { BulkWriter } from './sqlite.ts';
import { type OpenLink, writeOpenRounds, writeRounds } from './surveys.ts';
import { writeUntriggered } from './untriggered.ts';

/** The LINK_SECRET binding of every benchmark Worker (survey tokens are HMAC'd with it). */
export const BENCH_SECRET = 'bench-link-secret-0123456789abcdef';

export type Spec = OrgSize &
  LedgerSize & {
    seed?: string;
    /** Answer rows to reach over past rounds (rounds are added until there are this many). */
    answers: number;
    /** Links of rounds open now, left unanswered for the submission benchmark. */
    openLinks?: number;
    /** One round answered by every enterprise (the export data set: rows = enterprises). */
    oneFullRound?: boolean;
  };
export type Counts = { memos: number; problems: number; rounds: number; responses: number; answers: number; rows: number };
export type Manifest = {
  spec: Spec;
  programmeId: string;
  adminCookie: string;
  formVersionId: string;
  campaignIds: string[];
  counts: Counts;
  links: OpenLink[];
  seconds: number;
};

/** Expected answer rows per response of the satisfaction template (8 items + reason + suggestions). */
const ROWS_PER_RESPONSE = 8.45;
const ANSWER_RATE = 0.85;

export function generate(dir: string, spec: Spec): Manifest {
  const t0 = performance.now();
  const seed = spec.seed ?? 'bench';
  const now = Date.now();
  const w = new BulkWriter(freshDatabase(dir));
  // The rollups are built once at the end by the recompute's own SQL (untriggered.ts).
  const { org, ledger, survey, links } = writeUntriggered(w, () => {
    const org = writeOrg(w, seed, spec, now);
    const ledger = writeLedger(w, seed, org, spec);
    const perRound = spec.enterprises * ANSWER_RATE * ROWS_PER_RESPONSE;
    const survey = writeRounds(
      w,
      seed,
      org,
      BENCH_SECRET,
      spec.oneFullRound
        ? { rounds: 1, openRate: 1, answerRate: 1, maxAnswers: Number.POSITIVE_INFINITY }
        : {
            rounds: spec.answers > 0 ? Math.ceil(spec.answers / perRound) + 1 : 0,
            openRate: 0.93,
            answerRate: ANSWER_RATE,
            maxAnswers: spec.answers,
          },
    );
    const links = spec.openLinks ? writeOpenRounds(w, seed, org, BENCH_SECRET, spec.openLinks, now) : [];
    return { org, ledger, survey, links };
  });
  takeClosedClaims(w, now);
  w.close();
  const manifest: Manifest = {
    spec,
    programmeId: org.programmeId,
    adminCookie: org.adminCookie,
    formVersionId: org.formVersionId,
    campaignIds: survey.campaignIds,
    counts: { ...ledger, rounds: survey.rounds, responses: survey.responses, answers: survey.answers, rows: w.rows },
    links,
    seconds: (performance.now() - t0) / 1000,
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return manifest;
}

if (import.meta.main) {
  const { values: a } = parseArgs({
    options: {
      dir: { type: 'string', default: 'bench/.data/generated' },
      seed: { type: 'string', default: 'bench' },
      officers: { type: 'string', default: '200' },
      enterprises: { type: 'string', default: '5000' },
      memos: { type: 'string', default: '50000' },
      'problems-per-memo': { type: 'string', default: '2' },
      answers: { type: 'string', default: '1000000' },
      links: { type: 'string', default: '0' },
      'one-full-round': { type: 'boolean', default: false },
    },
  });
  const m = generate(a.dir, {
    seed: a.seed,
    officers: Number(a.officers),
    enterprises: Number(a.enterprises),
    memos: Number(a.memos),
    problemsPerMemo: Number(a['problems-per-memo']),
    answers: Number(a.answers),
    openLinks: Number(a.links),
    oneFullRound: a['one-full-round'],
  });
  console.log(`${a.dir}: ${JSON.stringify(m.counts)} in ${m.seconds.toFixed(1)} s; admin cookie __Host-sid=${m.adminCookie}`);
}
