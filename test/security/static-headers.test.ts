// Issue 13, weakness 7: the build must put the static assets' `_headers` file in the assets directory
// wrangler serves ([assets] directory in wrangler.toml). The Worker tests never see static assets
// (exports.default.fetch does not serve them), so this reads the built file (a glob with a class, as a plain
// extensionless path is refused by the glob); test/e2e/static-assets.e2e.ts
// checks the headers on the wire from `wrangler dev`. Run `npm run build` (npm test does) before this file.
import { describe, expect, it } from 'vitest';

const built = Object.values(import.meta.glob<string>('../../dist/client/_header[s]', { query: '?raw', import: 'default', eager: true }))[0];
const wranglerToml =
  Object.values(import.meta.glob<string>('../../wrangler.toml', { query: '?raw', import: 'default', eager: true }))[0] ?? '';

/** The header lines of the rule whose pattern is `pattern`, as `name: value` in lower case. */
function rule(file: string, pattern: string): string[] {
  const lines = file.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const at = lines.indexOf(pattern);
  if (at < 0) return [];
  const out: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (!/^\s/.test(line)) break;
    out.push(line.trim().toLowerCase());
  }
  return out;
}

describe('static assets carry security headers', () => {
  it('builds _headers into the directory wrangler serves, with nosniff for every file', () => {
    expect(wranglerToml).toMatch(/\[assets\]\s*\ndirectory = "\.\/dist\/client"/);
    expect(built, 'dist/client/_headers is missing: run npm run build').toBeTypeOf('string');
    const headers = rule(built ?? '', '/*');
    expect(headers).toContain('x-content-type-options: nosniff');
    expect(headers).toContain('referrer-policy: no-referrer');
    expect(headers).toContain('x-frame-options: deny');
  });
});
