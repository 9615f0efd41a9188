// `npm run serve`: builds what is missing, then starts the server (server/main.ts). The browser assets
// (`vite build`: dist/client and dist/respondent-inline.js) are built once if absent; the server bundle
// is rebuilt at every start (≈ 2 s), so a `git pull` never runs yesterday's code.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });
if (!existsSync('dist/client/assets') || !existsSync('dist/respondent-inline.js')) run('npx vite build --logLevel warn');
run('npx vite build --config server/vite.config.ts --logLevel warn');
await import('../dist/server/main.js');
