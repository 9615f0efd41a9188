// The built assets (dist/client), served before the app as Workers static assets are (wrangler.toml
// [assets]): with the headers of dist/client/_headers (web/public/_headers: nosniff, CSP, …) and the
// Cache-Control Workers gives assets by default (revalidate every time: the file names are fixed).
// https://developers.cloudflare.com/workers/static-assets/headers/
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

type Rule = { pattern: RegExp; headers: [string, string][] };

/** Cloudflare's _headers format: a URL pattern (`*` a splat) at the start of a line, then indented `Name: value` lines. */
export function parseHeaders(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const source = line
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*');
      rules.push({ pattern: new RegExp(`^${source}$`), headers: [] });
      continue;
    }
    const at = line.indexOf(':');
    if (at > 0) rules.at(-1)?.headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
  }
  return rules;
}

export function staticAssets(root: string): MiddlewareHandler {
  const file = join(root, '_headers');
  const rules = existsSync(file) ? parseHeaders(readFileSync(file, 'utf8')) : [];
  const serve = serveStatic({
    root,
    onFound: (_path, c) => {
      c.header('Cache-Control', 'public, max-age=0, must-revalidate');
      for (const rule of rules) if (rule.pattern.test(c.req.path)) for (const [name, value] of rule.headers) c.header(name, value);
    },
  });
  // _headers configures the assets and is never served itself; '/' and every other page are the app's.
  return (c, next) => (c.req.path === '/_headers' || c.req.path.endsWith('/') ? next() : serve(c, next));
}
