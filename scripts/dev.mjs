// `npm run dev`: build the browser assets, migrate and seed the local D1 (idempotent, with a year of
// activity: scripts/seed-year.ts), print the demo logins, a demo survey link and the same enterprise's 我的诉求 link, then run the Worker on http://127.0.0.1:8787 and its daily run once.
import { execSync, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { DEMO_PASSWORDS, demoEnterpriseLink, demoHandlers, demoInvitations, demoOfficers, demoUsers } from '../schema/seed/demo.ts';

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });

// Survey links are HMAC(LINK_SECRET, invitation id): wrangler dev reads the secret from .dev.vars, and
// the seed hashes the demo links with it, so it must exist before either runs.
const SECRET = /^LINK_SECRET\s*=\s*"?([^"\r\n]+)"?/m;
const vars = existsSync('.dev.vars') ? readFileSync('.dev.vars', 'utf8') : '';
if (!SECRET.test(vars)) {
  appendFileSync('.dev.vars', `${vars && !vars.endsWith('\n') ? '\n' : ''}LINK_SECRET="${randomBytes(32).toString('base64url')}"\n`);
}
const secret = SECRET.exec(readFileSync('.dev.vars', 'utf8'))?.[1] ?? '';
const token = (id) => createHmac('sha256', secret).update(id).digest('base64url').slice(0, 24);
const demoLink = `http://127.0.0.1:8787/s/${token(demoInvitations[0].id)}`;
// 我的诉求 (issue 16): the enterprise's own long-lived link, derived the same way from its link row's id.
const demoMine = `http://127.0.0.1:8787/e/${token(demoEnterpriseLink.id)}`;

run('vite build --logLevel warn');
run('wrangler d1 migrations apply DB --local');
run('node scripts/seed.ts');
console.log(`
  帮扶企业服务平台 — local demo on http://127.0.0.1:8787
    admin (链办管理员):   admin     / demo-admin-2026
${demoOfficers.map((o) => `    officer (${o.name}):       ${o.login.padEnd(9)} / ${DEMO_PASSWORDS.officer}`).join('\n')}
${demoHandlers.map((h) => `    单位联络员 (${h.unit}): ${h.login} / ${DEMO_PASSWORDS.handler}`).join('\n')}
${demoUsers
  .filter((u) => u.role === 'leader')
  .map((u) => `    领导 (${u.name}, read-only${'scopeChainId' in u ? ', one chain' : ''}): ${u.login} / ${DEMO_PASSWORDS.leader}`)
  .join('\n')}
    survey link (金健药业): ${demoLink}
    我的诉求 link (金健药业): ${demoMine}
`);
// --test-scheduled exposes /__scheduled: `wrangler dev` never fires Cron Triggers by itself, so the daily
// run (worker/daily/) is run once here, as soon as the Worker answers.
const dev = spawn('wrangler', ['dev', '--ip', '127.0.0.1', '--port', '8787', '--test-scheduled'], { stdio: 'inherit' });
dev.on('exit', (code) => process.exit(code ?? 0));
for (let tries = 0; tries < 240; tries++) {
  await new Promise((r) => setTimeout(r, 500));
  const res = await fetch('http://127.0.0.1:8787/__scheduled?cron=5+16+*+*+*').catch(() => null);
  if (!res) continue;
  console.log(res.ok ? '  daily run (00:05 Beijing) done once at start' : `  daily run answered ${res.status}`);
  break;
}
