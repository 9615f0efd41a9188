// Builds the Worker exactly as `wrangler deploy` would (--dry-run) and reports its gzip size against
// the 100 KB budget of DESIGN §8. Fails when over budget.
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const out = 'dist/worker';
execSync(`wrangler deploy --dry-run --outdir ${out}`, { stdio: ['ignore', 'ignore', 'inherit'] });
const js = readdirSync(out).filter((f) => f.endsWith('.js'));
const bytes = js.reduce((n, f) => n + readFileSync(join(out, f)).length, 0);
const gz = js.reduce((n, f) => n + gzipSync(readFileSync(join(out, f)), { level: 9 }).length, 0);
const budget = 100 * 1024;
console.log(`Worker bundle: ${(bytes / 1024).toFixed(1)} KiB, ${(gz / 1024).toFixed(1)} KiB gzip (budget ${budget / 1024} KiB gzip)`);
if (gz > budget) {
  console.error('Worker bundle is over its gzip budget.');
  process.exit(1);
}
