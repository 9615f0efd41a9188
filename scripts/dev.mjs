// `npm run dev`: build the browser assets, migrate and seed the local D1 (idempotent), print the demo
// logins, then run the Worker on http://127.0.0.1:8787.
import { execSync, spawn } from 'node:child_process';

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });
run('vite build --logLevel warn');
run('wrangler d1 migrations apply DB --local');
run('node scripts/seed.ts');
console.log(`
  帮扶企业服务平台 — local demo on http://127.0.0.1:8787
    admin (链办管理员):   admin     / demo-admin-2026
    officer (张伟):       zhangwei  / demo-officer-2026
    officer (李娜):       lina      / demo-officer-2026
    officer (王强):       wangqiang / demo-officer-2026
`);
const dev = spawn('wrangler', ['dev', '--ip', '127.0.0.1', '--port', '8787'], { stdio: 'inherit' });
dev.on('exit', (code) => process.exit(code ?? 0));
