// Seeds the local D1 with the demo data (schema/seed/demo.ts), idempotently: every row has a fixed id
// and is written with INSERT OR IGNORE; then the demo year (scripts/seed-year.ts), written once.
// Usage: node scripts/seed.ts [--persist-to DIR]
import { execFileSync } from 'node:child_process';
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEMO_PASSWORDS,
  demoAssignments,
  demoChains,
  demoEnterpriseLink,
  demoEnterprises,
  demoForm,
  demoInvitations,
  demoProblems,
  demoProgramme,
  demoRound,
  demoUnits,
  demoUsers,
} from '../schema/seed/demo.ts';

// The form templates, the generator and the rollups' SQL are Worker code with extensionless imports
// ('./form-definition'); the bench's loader hook lets Node's ESM loader find them.
await import('../bench/lib/register.ts');
const { TEMPLATES } = await import('../schema/form-templates.ts');

/** LINK_SECRET from the environment or .dev.vars (which wrangler dev reads); created if missing, as `npm run dev` does. */
function linkSecret(): string {
  const vars = existsSync('.dev.vars') ? readFileSync('.dev.vars', 'utf8') : '';
  const secret = /^LINK_SECRET\s*=\s*"?([^"\r\n]+)"?/m.exec(vars)?.[1] ?? process.env.LINK_SECRET;
  if (secret) return secret;
  const fresh = randomBytes(32).toString('base64url');
  appendFileSync('.dev.vars', `${vars && !vars.endsWith('\n') ? '\n' : ''}LINK_SECRET="${fresh}"\n`);
  return fresh;
}
/** Same derivation as worker/surveys/link-token.ts: base64url(HMAC-SHA256(secret, id)), 24 characters. */
const secret = linkSecret();
const tokenHash = (invitationId: string) =>
  createHash('sha256').update(createHmac('sha256', secret).update(invitationId).digest('base64url').slice(0, 24)).digest('hex');

const q = (v: unknown) =>
  v === null ? 'NULL' : typeof v === 'boolean' ? (v ? '1' : '0') : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
const now = Date.now();
const chinaDay = (days: number) => new Date(now + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
const b64url = (b: Buffer) => b.toString('base64url');

/** Same format as worker/lib/passwords.ts, derived with Node's crypto. */
function hash(password: string) {
  const salt = randomBytes(16);
  return `pbkdf2_sha256$100000$${b64url(salt)}$${b64url(pbkdf2Sync(password, salt, 100_000, 32, 'sha256'))}`;
}

/** INSERT OR IGNORE, or with `update` an upsert on the id that refreshes the given columns. */
function insert(table: string, row: Record<string, unknown>, update?: string) {
  const cols = Object.keys(row);
  const values = `(${cols.join(', ')}) VALUES (${cols.map((c) => q(row[c])).join(', ')})`;
  return update ? `INSERT INTO ${table} ${values} ON CONFLICT(id) DO UPDATE SET ${update};` : `INSERT OR IGNORE INTO ${table} ${values};`;
}

const sql = [
  ...demoUnits.map((u) => insert('units', { ...u, created_at: now })),
  // Before the users: a leader's scope names a chain.
  ...demoChains.map((c) => insert('chains', { ...c, created_at: now })),
  ...demoUsers.map((u) =>
    insert('users', {
      id: u.id,
      login: u.login,
      name: u.name,
      role: u.role,
      unit_id: u.unitId,
      scope_chain_id: 'scopeChainId' in u ? u.scopeChainId : null,
      password_hash: hash(DEMO_PASSWORDS[u.role]),
      created_at: now,
    }),
  ),
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
    issuing_office: demoProgramme.issuingOffice,
    help_phone: demoProgramme.helpPhone,
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
      // The demo's list was set when its programme began (确定帮扶名单 is the first phase).
      starts_on: demoProgramme.startsOn,
    }),
  ),
  insert('forms', { id: demoForm.id, name: demoForm.name, kind: 'survey', template: demoForm.template, created_at: now, updated_at: now }),
  insert('form_versions', {
    id: demoForm.versionId,
    form_id: demoForm.id,
    version: 1,
    definition: JSON.stringify(TEMPLATES.satisfaction.definition),
    status: 'published',
    created_at: now,
    published_at: now,
  }),
  // The demo round stays open for 60 days after the latest seeding, so the printed link keeps working.
  insert(
    'campaigns',
    {
      id: demoRound.id,
      programme_id: demoProgramme.id,
      form_version_id: demoForm.versionId,
      name: demoRound.name,
      opens_at: demoRound.opensAt,
      closes_at: now + 60 * 86_400_000,
      sampling: JSON.stringify(demoRound.sampling),
      seed: demoRound.seed,
      created_at: now,
    },
    'closes_at = max(closes_at, excluded.closes_at)',
  ),
  insert('campaign_counters', { campaign_id: demoRound.id, invited: demoInvitations.length }),
  // A new LINK_SECRET (a fresh .dev.vars) changes every token: refresh the stored hashes with it.
  ...demoInvitations.map((i) =>
    insert(
      'invitations',
      {
        id: i.id,
        campaign_id: demoRound.id,
        enterprise_id: i.enterpriseId,
        token_hash: tokenHash(i.id),
        stratum: i.stratum,
        created_at: now,
      },
      'token_hash = excluded.token_hash',
    ),
  ),
  // 金健药业's 我的诉求 link (issue 16), refreshed with the secret like the survey links, and its open problems.
  insert(
    'enterprise_links',
    {
      id: demoEnterpriseLink.id,
      programme_id: demoProgramme.id,
      enterprise_id: demoEnterpriseLink.enterpriseId,
      token_hash: tokenHash(demoEnterpriseLink.id),
      issued_at: now,
    },
    'token_hash = excluded.token_hash',
  ),
  ...demoProblems.flatMap((p, i) => [
    insert('problems', {
      id: p.id,
      code: p.code,
      source: 'memo',
      programme_id: demoProgramme.id,
      enterprise_id: demoEnterpriseLink.enterpriseId,
      officer_id: demoAssignments[0]?.officerId ?? '',
      category: p.category,
      description: p.description,
      raised_on: chinaDay(-p.raisedDaysAgo),
      deadline: chinaDay(p.dueInDays),
      deadline_provisional: p.status === 'pending',
      status: p.status,
      lead_unit_id: p.leadUnitId,
      dispatched_on: p.leadUnitId ? chinaDay(-p.raisedDaysAgo) : null,
      accepted_on: p.leadUnitId ? chinaDay(-p.raisedDaysAgo) : null,
      dispatch_days: p.leadUnitId ? 0 : null,
      accept_days: p.leadUnitId ? 0 : null,
      progress: p.note,
      updated_at: now,
    }),
    insert('problem_events', {
      id: 900_001 + i * 2,
      problem_id: p.id,
      at: now,
      actor_role: 'officer',
      kind: 'create',
      to_status: 'pending',
    }),
    ...(p.note
      ? [
          insert('problem_events', {
            id: 900_002 + i * 2,
            problem_id: p.id,
            at: now,
            actor_role: 'lead',
            kind: 'progress',
            from_status: p.status,
            to_status: p.status,
            note: p.note,
            for_enterprise: true,
          }),
        ]
      : []),
  ]),
].join('\n');

const file = join(mkdtempSync(join(tmpdir(), 'bangfu-seed-')), 'seed.sql');
writeFileSync(file, sql);
const persist = process.argv.indexOf('--persist-to');
const persistDir = persist > 0 ? (process.argv[persist + 1] ?? '') : '.wrangler/state';
const t0 = performance.now();
// `--sqlite FILE`: a self-hosted server's database (issue 23; the Node end-to-end run, test/e2e/server-selfhost.ts).
const sqliteAt = process.argv.indexOf('--sqlite');
const sqliteTarget = sqliteAt > 0 ? (process.argv[sqliteAt + 1] ?? '') : null;
if (sqliteTarget !== null) {
  const { DatabaseSync } = await import('node:sqlite');
  const target = new DatabaseSync(sqliteTarget);
  target.exec(sql);
  target.close();
} else {
  execFileSync('wrangler', ['d1', 'execute', 'DB', '--local', '--file', file, '--persist-to', persistDir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
const { seedYear } = await import('./seed-year.ts');
const { sqliteFile } = await import('../bench/gen/database.ts');
const year = seedYear(sqliteTarget ?? sqliteFile(persistDir), secret);
console.log(
  `Seeded demo data (${demoEnterprises.length} enterprises, ${demoUsers.length} accounts); the demo year ${
    year
      ? `written: ${year.memos} memos, ${year.problems} problems, ${year.rounds} closed rounds with ${year.responses} responses`
      : 'was already there'
  } (${((performance.now() - t0) / 1000).toFixed(1)} s).`,
);
