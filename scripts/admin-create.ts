// Creates the first admin of a deployment (or re-issues a password link for an existing admin) without
// putting a password in shell history: the account gets a one-time setup link, valid 72 hours, that
// is printed here and opened in a browser to choose the password.
//
//   npm run admin:create -- --login chenjing --name 陈静 --remote --origin https://bangfu.example.gov.cn
//   npm run admin:create -- --login admin2 --name 管理员 --local            (the local dev database)
//   npm run admin:create -- --login chenjing --name 陈静 --sqlite data/db.sqlite   (a self-hosted server, issue 23)

import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/open-database.ts';

const { values } = parseArgs({
  options: {
    login: { type: 'string' },
    name: { type: 'string' },
    remote: { type: 'boolean', default: false },
    local: { type: 'boolean', default: false },
    origin: { type: 'string' },
    'persist-to': { type: 'string' },
    sqlite: { type: 'string' },
  },
});

const login = values.login ?? '';
const name = values.name ?? login;
if (!/^[a-z0-9._-]{3,32}$/.test(login) || name.length < 1 || name.length > 40) {
  console.error(
    'Usage: npm run admin:create -- --login <3–32 chars a-z 0-9 . _ -> --name <display name> (--remote | --local) [--origin https://…]',
  );
  process.exit(2);
}
if ([values.remote, values.local, values.sqlite !== undefined].filter(Boolean).length !== 1) {
  console.error('Say where the database is: --remote (the deployed D1), --local (npm run dev) or --sqlite FILE (a self-hosted server).');
  process.exit(2);
}
// The link must point at the deployment: take --origin, else APP_ORIGIN (a self-hosted server's
// environment or .env), else APP_ORIGIN from wrangler.toml.
if (values.sqlite) {
  try {
    process.loadEnvFile();
  } catch {
    // no .env: the environment alone
  }
}
const configured =
  (values.sqlite ? process.env.APP_ORIGIN : undefined) ?? /APP_ORIGIN\s*=\s*"([^"]+)"/.exec(readFileSync('wrangler.toml', 'utf8'))?.[1];
const origin = (values.origin ?? configured ?? '').replace(/\/$/, '');
if (!/^https?:\/\/[^/]+$/.test(origin)) {
  console.error('Give the deployment origin with --origin https://your.domain');
  process.exit(2);
}

const token = randomBytes(32).toString('base64url');
const tokenHash = createHash('sha256').update(token).digest('hex');
const now = Date.now();
const expires = now + 72 * 3600 * 1000;
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
// Re-running for an existing admin re-issues the link (lockout recovery); an officer is never promoted.
const sql = `INSERT INTO users (id, login, name, role, setup_token_hash, setup_expires_at, created_at)
VALUES (${q(randomUUID())}, ${q(login)}, ${q(name)}, 'admin', ${q(tokenHash)}, ${expires}, ${now})
ON CONFLICT(login) DO UPDATE SET setup_token_hash = excluded.setup_token_hash, setup_expires_at = excluded.setup_expires_at
WHERE users.role = 'admin';
SELECT login, role FROM users WHERE login = ${q(login)} AND setup_token_hash = ${q(tokenHash)};`;

/**
 * The self-hosted server's file, opened as the server opens it (server/open-database.ts): with its busy
 * timeout a running server's write makes this one wait instead of failing with SQLITE_BUSY, and foreign
 * keys are on. A file that is not there is refused: SQLite would create an empty one.
 */
function onSqlite(file: string): unknown[] {
  if (!existsSync(file)) {
    console.error(`No database at ${file}: give the server's data/db.sqlite, or run npm run serve:migrate first.`);
    process.exit(2);
  }
  const db = openDatabase(file);
  const [write = '', read = ''] = sql.split(/;\n(?=SELECT)/);
  db.exec(write);
  const rows = db.prepare(read).all();
  db.close();
  return rows;
}

const where = values.remote ? ['--remote'] : ['--local', ...(values['persist-to'] ? ['--persist-to', values['persist-to']] : [])];
const found = values.sqlite
  ? onSqlite(values.sqlite)
  : (
      JSON.parse(
        execFileSync('wrangler', ['d1', 'execute', 'DB', ...where, '--json', '--command', sql], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        }),
      ) as { results: unknown[] }[]
    ).at(-1)?.results;
if ((found?.length ?? 0) === 0) {
  console.error(`"${login}" exists and is not an admin; nothing changed.`);
  process.exit(1);
}
console.log(
  `Admin "${login}" is ready. Open this link within 72 hours to set the password (it works once):\n\n  ${origin}/setup/${token}\n`,
);
