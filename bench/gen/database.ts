// Where a benchmark database lives: a directory laid out as `wrangler … --persist-to DIR` lays it out,
// so wrangler, miniflare and the generator all open the same SQLite file. The schema comes from the
// real migrations, applied once by wrangler into a template that each data set copies.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DATA = 'bench/.data';
const MIGRATIONS = 'schema/migrations';

/** The database_id of the DB binding in wrangler.toml: miniflare names the SQLite file after it. */
export const D1_ID = /database_id\s*=\s*"([^"]+)"/.exec(readFileSync('wrangler.toml', 'utf8'))?.[1] ?? 'DB';

/** Runs wrangler with this Node (npm's PATH may hold an older one; wrangler needs Node 22). */
export function wrangler(args: string[]) {
  execFileSync(process.execPath, ['node_modules/wrangler/bin/wrangler.js', ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
}

/** A fresh, migrated database in `dir` (emptied first). */
export function freshDatabase(dir: string): string {
  const files = readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql'));
  const hash = createHash('sha256');
  for (const f of files.sort()) hash.update(f).update(readFileSync(join(MIGRATIONS, f)));
  const template = join(DATA, `schema-${hash.digest('hex').slice(0, 12)}`);
  if (!existsSync(join(template, 'ok'))) {
    rmSync(template, { recursive: true, force: true });
    wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', template]);
    writeFileSync(join(template, 'ok'), files.join('\n')); // marks a finished template
  }
  rmSync(dir, { recursive: true, force: true });
  cpSync(template, dir, { recursive: true });
  return sqliteFile(dir);
}

/** The D1 file inside a persist directory. */
export function sqliteFile(dir: string): string {
  const d1 = join(dir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(d1).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 database under ${d1}`);
  return join(d1, file);
}

/** Copies a data set (e.g. the same start state for the app and for the floor Worker). */
export function copyDatabase(from: string, to: string) {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}
