// Seeds the local D1 with the demo data (schema/seed/demo.ts), idempotently: every row has a fixed id
// and is written with INSERT OR IGNORE. Usage: node scripts/seed.ts [--persist-to DIR]
import { execFileSync } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORDS, demoAssignments, demoChains, demoEnterprises, demoProgramme, demoUnits, demoUsers } from '../schema/seed/demo.ts';

const q = (v: unknown) =>
  v === null ? 'NULL' : typeof v === 'boolean' ? (v ? '1' : '0') : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
const now = Date.now();
const b64url = (b: Buffer) => b.toString('base64url');

/** Same format as worker/lib/passwords.ts, derived with Node's crypto. */
function hash(password: string) {
  const salt = randomBytes(16);
  return `pbkdf2_sha256$100000$${b64url(salt)}$${b64url(pbkdf2Sync(password, salt, 100_000, 32, 'sha256'))}`;
}

function insert(table: string, row: Record<string, unknown>) {
  const cols = Object.keys(row);
  return `INSERT OR IGNORE INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => q(row[c])).join(', ')});`;
}

const sql = [
  ...demoUnits.map((u) => insert('units', { ...u, created_at: now })),
  ...demoUsers.map((u) =>
    insert('users', {
      id: u.id,
      login: u.login,
      name: u.name,
      role: u.role,
      unit_id: u.unitId,
      password_hash: hash(DEMO_PASSWORDS[u.role]),
      created_at: now,
    }),
  ),
  ...demoChains.map((c) => insert('chains', { ...c, created_at: now })),
  ...demoEnterprises.map((e) =>
    insert('enterprises', {
      id: e.id,
      name: e.name,
      credit_code: e.creditCode,
      region: e.region,
      chain_id: e.chainId,
      sector: e.sector,
      above_scale: e.aboveScale,
      contact_name: e.contactName,
      contact_phone: e.contactPhone,
      created_at: now,
      updated_at: now,
    }),
  ),
  insert('programmes', {
    id: demoProgramme.id,
    name: demoProgramme.name,
    starts_on: demoProgramme.startsOn,
    ends_on: demoProgramme.endsOn,
    phase: demoProgramme.phase,
    created_at: now,
  }),
  ...demoAssignments.map((a) =>
    insert('assignments', {
      id: a.id,
      programme_id: demoProgramme.id,
      officer_id: a.officerId,
      enterprise_id: a.enterpriseId,
      is_lead: a.isLead,
      created_at: now,
    }),
  ),
].join('\n');

const file = join(mkdtempSync(join(tmpdir(), 'bangfu-seed-')), 'seed.sql');
writeFileSync(file, sql);
const persist = process.argv.indexOf('--persist-to');
const extra = persist > 0 ? ['--persist-to', process.argv[persist + 1] ?? ''] : [];
execFileSync('wrangler', ['d1', 'execute', 'DB', '--local', '--file', file, ...extra], { stdio: ['ignore', 'ignore', 'inherit'] });
console.log(`Seeded demo data (${demoEnterprises.length} enterprises, ${demoUsers.length} accounts).`);
