// What the figures were measured on: the machine (from /proc) and the version of every tool involved.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { release } from 'node:os';

const require = createRequire(import.meta.url);
/** Read from node_modules directly: some packages (survey-core) do not export their package.json. */
const versionOf = (pkg: string) => {
  try {
    return (JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
};
const run = (cmd: string, args: string[]) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'not available';
  }
};

export function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  return {
    cores: (cpuinfo.match(/^processor/gm) ?? []).length,
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown',
    memoryGiB: Math.round((memKb / 1024 / 1024) * 10) / 10,
    kernel: release(),
  };
}

export function versions() {
  // workerd as wrangler's own miniflare resolves it (bench/lib/worker.ts runs that one).
  const wranglerPkg = require.resolve('wrangler/package.json');
  const miniflarePkg = createRequire(wranglerPkg).resolve('miniflare/package.json');
  const workerdPkg = createRequire(miniflarePkg).resolve('workerd/package.json');
  return {
    node: process.version,
    workerd: (require(workerdPkg) as { version: string }).version,
    miniflare: (require(miniflarePkg) as { version: string }).version,
    wrangler: versionOf('wrangler'),
    chromium: run('/usr/bin/chromium', ['--version']),
    lighthouse: versionOf('lighthouse'),
    autocannon: versionOf('autocannon'),
    surveyjs: `survey-core ${versionOf('survey-core')}, survey-js-ui ${versionOf('survey-js-ui')}`,
  };
}
