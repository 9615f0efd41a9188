// The app as deployed (the `wrangler deploy --dry-run` bundle) under workerd, on a small generated
// programme (bench/gen: units, officers, enterprises, memos, problems and one survey round answered by
// every enterprise), with tricky values written over some of its rows, and an admin's session.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DATA, sqliteFile } from '../../bench/gen/database.ts';
import { BENCH_SECRET, generate, type Manifest } from '../../bench/gen/generate.ts';
import { buildApp, type Running, startWorker } from '../../bench/lib/worker.ts';
import { TEMPLATES } from '../../schema/form-templates.ts';
import { type Answer, csvCells } from '../../worker/exports/response-cells.ts';
import { TRICKY } from '../fixtures/tricky.ts';

export type App = {
  worker: Running;
  m: Manifest;
  get(path: string): Promise<Response>;
  post(path: string, form: FormData): Promise<Response>;
};

/** 18 digits with leading zeros: what Excel would turn into 1 and drop the rest. */
export const zeroCode = (i: number) => `00000000000000${String(i).padStart(4, '0')}`;
export const mobile = (i: number) => `1380013${String(i).padStart(4, '0')}`;

let script: string | undefined;

export async function startApp(name: string): Promise<App> {
  script ??= buildApp().script;
  const dir = join(DATA, `node-${name}`);
  const m = generate(dir, { officers: 4, enterprises: 24, memos: 20, problemsPerMemo: 2, answers: 0, oneFullRound: true, seed: name });
  overlay(sqliteFile(dir));
  const worker = await startWorker(script, dir, { APP_ORIGIN: 'http://127.0.0.1:8787', LINK_SECRET: BENCH_SECRET });
  const headers = { cookie: `__Host-sid=${m.adminCookie}` };
  return {
    worker,
    m,
    get: (path) => fetch(new URL(path, worker.url), { headers, redirect: 'manual' }),
    post: (path, body) => fetch(new URL(path, worker.url), { method: 'POST', headers, body, redirect: 'manual' }),
  };
}

/** The tricky values over enterprises (names, contacts, codes, phones), problems, memos and the round's suggestions. */
function overlay(file: string) {
  const db = new DatabaseSync(file);
  const ids = (sql: string) => (db.prepare(sql).all() as { id: string }[]).map((r) => r.id);
  const enterprises = ids('SELECT id FROM enterprises ORDER BY id');
  const setEnterprise = db.prepare('UPDATE enterprises SET name = ?, contact_name = ?, credit_code = ?, contact_phone = ? WHERE id = ?');
  for (const [i, v] of TRICKY.entries()) setEnterprise.run(v, v, zeroCode(i), mobile(i), enterprises[i] ?? '');
  const problems = ids('SELECT id FROM problems ORDER BY raised_on, id');
  const setProblem = db.prepare('UPDATE problems SET description = ?, progress = ? WHERE id = ?');
  for (const [i, v] of TRICKY.entries()) setProblem.run(v, v, problems[i] ?? '');
  const memos = ids('SELECT id FROM memos ORDER BY visit_date, id');
  const setMemo = db.prepare('UPDATE memos SET business_situation = ?, next_steps = ? WHERE id = ?');
  for (const [i, v] of TRICKY.entries()) setMemo.run(v, v, memos[i] ?? '');
  // The suggestions of the first responses, and their answer cells written again as the submission writes them.
  const responses = db.prepare('SELECT id, campaign_id AS campaign FROM responses ORDER BY rowid LIMIT ?').all(TRICKY.length) as {
    id: string;
    campaign: string;
  }[];
  const definition = TEMPLATES.satisfaction.definition;
  responses.forEach((r, i) => {
    db.prepare("DELETE FROM answers WHERE response_id = ? AND question_key = 'suggestions'").run(r.id);
    db.prepare(
      "INSERT INTO answers (response_id, campaign_id, question_key, num_value, text_value) VALUES (?, ?, 'suggestions', NULL, ?)",
    ).run(r.id, r.campaign, TRICKY[i] ?? '');
    const answers = db
      .prepare('SELECT question_key AS k, num_value AS n, text_value AS t FROM answers WHERE response_id = ? ORDER BY id')
      .all(r.id) as { k: string; n: number | null; t: string | null }[];
    db.prepare('UPDATE responses SET csv_cells = ? WHERE id = ?').run(
      csvCells(
        definition,
        answers.map((a): Answer => [a.k, a.n, a.t]),
      ),
      r.id,
    );
  });
  db.close();
}

export const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');
