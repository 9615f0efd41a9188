// The built assets (dist/client), served before the app as Workers static assets are (wrangler.toml
// [assets]): with the headers of dist/client/_headers (web/public/_headers: nosniff, CSP, …) and the
// Cache-Control Workers gives assets by default (revalidate every time: the file names are fixed).
// https://developers.cloudflare.com/workers/static-assets/headers/
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

/** The built assets, relative to the working directory (npm run serve runs from the project's root). */
export const ASSETS_ROOT = 'dist/client';

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

/**
 * The Worker's ASSETS binding over the same folder: what the app fetches from its own assets (the English
 * message catalogue, worker/lib/languages.ts). A file's bytes by its URL's path, or 404; never _headers
 * nor anything outside `root`.
 */
export function assetsBinding(root: string): Pick<Fetcher, 'fetch'> {
  const base = resolve(root);
  return {
    async fetch(input: RequestInfo | URL) {
      const path = decodeURIComponent(new URL(input instanceof Request ? input.url : input).pathname);
      const file = resolve(base, `.${path}`);
      if (!file.startsWith(base + sep) || path.endsWith('/') || path === '/_headers') return new Response(null, { status: 404 });
      const body = await readFile(file).catch(() => null);
      if (!body) return new Response(null, { status: 404 });
      const type = file.endsWith('.json') ? 'application/json; charset=utf-8' : 'application/octet-stream';
      return new Response(body, { headers: { 'content-type': type } });
    },
  };
}
