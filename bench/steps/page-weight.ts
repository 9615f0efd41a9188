// Page weight of a respondent's first view (DESIGN §8: ≤ 14 KB compressed in all): the survey page as
// the Worker renders it for a personal link, with its stylesheet and (JavaScript on) its enhancement
// script — inline in the page, or linked under /assets/ (each linked file counted as fetched); beside
// it the same survey built with SurveyJS. Both are served by one small loopback server
// (node:http + zlib: brotli or gzip, as the browser asks) for Lighthouse.

import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BENCH_SECRET, type Manifest } from '../gen/generate.ts';
import { linkToken } from '../gen/surveys.ts';
import { OUT, startWorker } from '../lib/worker.ts';
import { surveyJson } from '../surveyjs/survey-json.ts';

export type Sizes = { raw: number; gzip: number; brotli: number };
type Asset = { path: string; type: string; body: Buffer };

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript' };
/** Static files compressed as hard as a CDN does for static assets: gzip -9, brotli quality 11 — once per file. */
const compressed = new WeakMap<Buffer, { gz: Buffer; br: Buffer }>();
function encode(b: Buffer) {
  let c = compressed.get(b);
  if (!c) {
    c = { gz: gzipSync(b, { level: 9 }), br: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) };
    compressed.set(b, c);
  }
  return c;
}
const sizes = (b: Buffer): Sizes => ({ raw: b.length, gzip: encode(b).gz.length, brotli: encode(b).br.length });
const sum = (list: Sizes[]): Sizes =>
  list.reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });

/** The survey page exactly as a respondent's phone receives it after opening the personal link. */
async function captureSurvey(dir: string, m: Manifest, script: string, bindings: Record<string, string>) {
  const link = m.links.at(-1);
  if (!link) throw new Error('the data set has no open link');
  const w = await startWorker(script, dir, bindings);
  try {
    const opened = await fetch(`${w.url.origin}/s/${link.token}`, { redirect: 'manual' });
    const cookie = opened.headers.get('set-cookie')?.split(';')[0];
    if (opened.status !== 303 || !cookie) throw new Error(`GET /s/<token> answered ${opened.status}`);
    const page = await fetch(`${w.url.origin}/s`, { headers: { cookie, 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Mobile' } });
    if (page.status !== 200) throw new Error(`GET /s answered ${page.status}`);
    return Buffer.from(await page.arrayBuffer());
  } finally {
    await w.stop();
  }
}

/**
 * The enterprise's 我的诉求 page (issue 16) as its phone receives it after opening its personal link
 * (GET /e/<token> → cookie → GET /e): a link is issued to the enterprise with the most problems of the
 * data set, so the page is as long as a real one gets. No script: one figure for JavaScript on and off.
 */
async function captureMine(dir: string, script: string, bindings: Record<string, string>) {
  const w = await startWorker(script, dir, bindings);
  try {
    const db = await w.mf.getD1Database('DB');
    const busiest = await db
      .prepare('SELECT programme_id AS p, enterprise_id AS e FROM problems GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1')
      .first<{ p: string; e: string }>();
    if (!busiest) throw new Error('the data set has no problem');
    const id = randomUUID();
    const token = linkToken(BENCH_SECRET, id);
    const hash = createHash('sha256').update(token).digest('hex');
    await db
      .prepare('UPDATE enterprise_links SET revoked_at = ?3 WHERE programme_id = ?1 AND enterprise_id = ?2 AND revoked_at IS NULL')
      .bind(busiest.p, busiest.e, Date.now())
      .run();
    await db
      .prepare('INSERT INTO enterprise_links (id, programme_id, enterprise_id, token_hash, issued_at) VALUES (?1, ?2, ?3, ?4, ?5)')
      .bind(id, busiest.p, busiest.e, hash, Date.now())
      .run();
    const opened = await fetch(`${w.url.origin}/e/${token}`, { redirect: 'manual' });
    const cookie = opened.headers.get('set-cookie')?.split(';')[0];
    if (opened.status !== 303 || !cookie) throw new Error(`GET /e/<token> answered ${opened.status}`);
    const page = await fetch(`${w.url.origin}/e`, { headers: { cookie, 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Mobile' } });
    if (page.status !== 200) throw new Error(`GET /e answered ${page.status}`);
    const problems = await db
      .prepare('SELECT count(*) AS n FROM problems WHERE programme_id = ?1 AND enterprise_id = ?2')
      .bind(busiest.p, busiest.e)
      .first<{ n: number }>();
    return { html: Buffer.from(await page.arrayBuffer()), problems: problems?.n ?? 0 };
  } finally {
    await w.stop();
  }
}

/** SurveyJS (survey-core + survey-js-ui) bundled and minified by esbuild into a static page. */
async function buildSurveyJs(): Promise<Asset[]> {
  const dir = join(OUT, 'surveyjs');
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: ['bench/surveyjs/page.ts'],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2019',
    define: { SURVEY_JSON: JSON.stringify(surveyJson()), 'process.env.NODE_ENV': '"production"' },
    outfile: join(dir, 'survey.js'),
    logLevel: 'warning',
  });
  // The fontless theme: the default one loads Open Sans from fonts.gstatic.com, unreachable here (and in China).
  const css = readFileSync('node_modules/survey-core/survey-core.fontless.min.css');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>帮扶满意度调查表</title><link rel="stylesheet" href="/surveyjs/survey.css"><script defer src="/surveyjs/survey.js"></script></head>
<body><div id="surveyElement"></div></body></html>`;
  writeFileSync(join(dir, 'index.html'), html);
  return [
    { path: '/surveyjs/', type: TYPES['.html'] as string, body: Buffer.from(html) },
    { path: '/surveyjs/survey.css', type: 'text/css', body: css },
    { path: '/surveyjs/survey.js', type: 'text/javascript', body: readFileSync(join(dir, 'survey.js')) },
  ];
}

/**
 * The page as a browser with JavaScript off gets it: a linked script is never fetched (the element goes),
 * an inline one still arrives with the page but does not run (it becomes an inert data block).
 */
const withoutScripts = (html: string) =>
  html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/g, (_, attrs: string, body: string) =>
    /\bsrc=/.test(attrs) ? '' : `<script type="text/plain"${attrs.replace(/\s+type="[^"]*"/, '')}>${body}</script>`,
  );

/** The contents of a page's inline <style> and <script> elements (already counted in the page's own bytes). */
function inlined(html: string) {
  const bodies = (re: RegExp) => [...html.matchAll(re)].map((m) => m[1] ?? '').filter((b) => b.trim() !== '');
  const size = (list: string[]) => (list.length ? sizes(Buffer.from(list.join(''))) : undefined);
  return {
    style: size(bodies(/<style\b[^>]*>([\s\S]*?)<\/style>/g)),
    script: size(bodies(/<script\b[^>]*>([\s\S]*?)<\/script>/g)),
  };
}

/** The assets a page links to (stylesheets and scripts under /assets/), read from the Vite build. */
function linkedAssets(html: string): Asset[] {
  const refs = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
  return refs.map((p) => ({ path: p, type: TYPES[extname(p)] ?? 'application/octet-stream', body: readFileSync(join('dist/client', p)) }));
}

export async function pageWeight(dir: string, m: Manifest, script: string, bindings: Record<string, string>) {
  const html = await captureSurvey(dir, m, script, bindings);
  const linked = linkedAssets(html.toString());
  const builtin: Asset[] = [{ path: '/s', type: TYPES['.html'] as string, body: html }, ...linked];
  // JavaScript off, for Lighthouse: the same page with its scripts disabled in the markup (Lighthouse
  // cannot run with scripting disabled in the browser — its own gatherers are scripts).
  const noJs = Buffer.from(withoutScripts(html.toString()));
  const surveyjs = await buildSurveyJs();
  const mine = await captureMine(dir, script, bindings);
  const size = (list: Asset[]) => Object.fromEntries(list.map((a) => [a.path, sizes(a.body)]));
  const isScript = (a: Asset) => a.path.endsWith('.js');
  return {
    builtin: size(builtin),
    /** Inline parts of the page (their bytes are in builtin['/s'] already): for the script's own budget. */
    inlined: inlined(html.toString()),
    builtinJsOn: sum(builtin.map((a) => sizes(a.body))),
    builtinJsOff: sum(builtin.filter((a) => !isScript(a)).map((a) => sizes(a.body))),
    surveyjs: size(surveyjs),
    surveyjsTotal: sum(surveyjs.map((a) => sizes(a.body))),
    /** 我的诉求 (issue 16): the page with its inline stylesheet, and how many problems it lists. */
    mine: { ...sizes(mine.html), problems: Math.min(mine.problems, 100) },
    assets: [...builtin, { path: '/s-nojs', type: TYPES['.html'] as string, body: noJs }, ...surveyjs],
  };
}

/** Serves the assets compressed (brotli when accepted, else gzip), as a CDN would. */
export async function serve(assets: Asset[]): Promise<{ origin: string; server: Server }> {
  const encoded = new Map(assets.map((a) => [a.path, { ...a, ...encode(a.body) }]));
  const server = createServer((req, res) => {
    const a = encoded.get((req.url ?? '/').split('?')[0] as string);
    if (!a) return res.writeHead(404).end();
    const accept = String(req.headers['accept-encoding'] ?? '');
    const [enc, body] = /\bbr\b/.test(accept) ? ['br', a.br] : /\bgzip\b/.test(accept) ? ['gzip', a.gz] : ['identity', a.body];
    res.writeHead(200, {
      'content-type': a.type,
      'content-encoding': enc,
      'content-length': body.length,
      vary: 'accept-encoding',
      'cache-control': 'no-store',
    });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return { origin: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, server };
}
