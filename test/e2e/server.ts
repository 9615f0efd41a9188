// Global setup of the end-to-end tests: a fresh local D1 (migrated + demo seed) and `wrangler dev`
// on a free port. APP_ORIGIN is set to that port so printed links point back at this server.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

const STATE = '.wrangler/e2e-state';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer at ${url}`);
}

let server: ChildProcess | undefined;

export default async function setup(project: TestProject) {
  rmSync(STATE, { recursive: true, force: true });
  const quiet: { stdio: ('ignore' | 'inherit')[] } = { stdio: ['ignore', 'ignore', 'inherit'] };
  execFileSync('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', STATE], quiet);
  execFileSync('node', ['scripts/seed.ts', '--persist-to', STATE], quiet);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  server = spawn('wrangler', ['dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', STATE, '--var', `APP_ORIGIN:${origin}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  await waitFor(`${origin}/login`, 60_000);
  project.provide('origin', origin);
  project.provide('statePath', STATE);
  return () => {
    server?.kill('SIGTERM');
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    origin: string;
    statePath: string;
  }
}
