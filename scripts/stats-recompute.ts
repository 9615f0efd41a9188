// `npm run stats:recompute -- --local|--remote [--persist-to DIR]` (DESIGN §8: rollups can always be
// rebuilt from the raw rows): the recompute job of the admin page (worker/stats/recompute-job.ts), run
// from outside the Worker through `wrangler d1 execute`, one invocation per step, so no statement or
// request grows with the whole database (issue 20). It goes on with an unfinished job (started on the
// admin page, or by an earlier run of this script stopped half-way) or starts one; its progress shows on
// /admin/stats/recompute. Each step's statements and its done mark go in one --command; the same SQL
// as the Worker's batch, ids written in as literals (checked to be ids first).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { type StepKind, stepWork } from '../worker/stats/recompute.ts';
import {
  COUNT_DONE,
  FINISH,
  JOB_COLUMNS,
  JOB_TIMED,
  LIST_STEPS,
  MARK_DONE,
  NEXT,
  START_JOB,
  TIMED,
} from '../worker/stats/recompute-job-sql.ts';

const args = process.argv.slice(2);
const target = args.find((a) => a === '--local' || a === '--remote');
if (!target) {
  console.error('usage: npm run stats:recompute -- --local|--remote [--persist-to DIR]');
  process.exit(2);
}
const persistAt = args.indexOf('--persist-to');
const persistTo = persistAt >= 0 ? args[persistAt + 1] : undefined;

/** `?N` replaced by the N-th value: ids and step names (checked: no quote can pass), numbers, NULL — never free text. */
function inline(sql: string, values: (string | number | null)[]): string {
  return sql.replace(/\?(\d)/g, (_, n: string) => {
    const v = values[Number(n) - 1];
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'number') return String(Math.trunc(v));
    if (!/^[a-z0-9:-]{1,50}$/.test(v)) throw new Error(`not an id: ${v}`);
    return `'${v}'`;
  });
}

function run<T>(statements: string[]): T[] {
  const out = execFileSync(
    'wrangler',
    [
      'd1',
      'execute',
      'DB',
      target as string,
      ...(persistTo ? ['--persist-to', persistTo] : []),
      '--json',
      '--command',
      `${statements.join(';\n')};`,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return (JSON.parse(out) as { results: T[] }[]).at(-1)?.results ?? [];
}

type Job = { id: string; total: number; done: number };
let job = run<Job>([`SELECT ${JOB_COLUMNS} FROM recompute_jobs WHERE finished_at IS NULL ORDER BY started_at DESC LIMIT 1`])[0];
if (!job) {
  const id = randomUUID();
  job = run<Job>([
    ...LIST_STEPS.map((s) => inline(s, [id])),
    inline(START_JOB, [id, Date.now(), null]),
    inline(`SELECT ${JOB_COLUMNS} FROM recompute_jobs WHERE id = ?1`, [id]),
  ])[0];
}
if (!job) throw new Error('the job was not created');
console.log(`recompute ${job.id}: ${job.done}/${job.total} steps done`);
for (;;) {
  const step = run<{ seq: number; kind: StepKind; key: string }>([inline(NEXT, [job.id])])[0];
  if (!step) break;
  const at = Date.now();
  const t = performance.now();
  run([
    ...stepWork(step.kind, step.key).map(({ sql, params }) => inline(sql, params)),
    inline(MARK_DONE, [job.id, step.seq, at]),
    inline(COUNT_DONE, [job.id, at]),
    inline(FINISH, [job.id, at]),
  ]);
  const ms = Math.round(performance.now() - t);
  run([inline(TIMED, [job.id, step.seq, ms]), inline(JOB_TIMED, [job.id, ms, `${step.kind}:${step.key}`])]);
  console.log(`step ${step.seq}/${job.total} ${step.kind} ${step.key}: ${ms} ms`);
}
run([inline(FINISH, [job.id, Date.now()])]);
console.log(`recompute ${job.id} finished`);
