// Helpers of the security and reliability suite (issue 7): row counts of every table, audit rows, and a
// fault-injecting D1 binding handed to the app in place of the real one (no production code path).
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { respondentCss, surveyEnhanceJs } from '#respondent-inline';
import { createApp } from '../../worker/app';
import { ORIGIN } from '../fixtures';

/**
 * Every table of the schema (migrations and SQLite's own tables left out, and `leases`: the audit chaining
 * run a request starts in the background holds one for a moment, at any time — worker/audit/chain.ts).
 */
async function tableNames(): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'
      AND name <> 'leases' ORDER BY name`,
  ).all<{ name: string }>();
  return results.map((r) => r.name);
}

export type Counts = Record<string, number>;

/** The row count of every table, read in one batch. */
export async function tableCounts(): Promise<Counts> {
  const names = await tableNames();
  const results = await env.DB.batch(names.map((n) => env.DB.prepare(`SELECT count(*) AS n FROM "${n}"`)));
  return Object.fromEntries(names.map((n, i) => [n, (results[i]?.results[0] as { n: number } | undefined)?.n ?? 0]));
}

/** The tables whose count moved, with the change: `{}` when nothing was stored. */
export function changed(before: Counts, after: Counts, ignore: readonly string[] = []): Counts {
  const out: Counts = {};
  for (const [t, n] of Object.entries(after)) if (!ignore.includes(t) && n !== (before[t] ?? 0)) out[t] = n - (before[t] ?? 0);
  return out;
}

/** Tables a refusal may write to: the audit trail and the throttle counters (they record the refusal). */
export const BOOKKEEPING = ['audit_log', 'throttles'] as const;

/** Runs the requests and checks that none of them stored anything (audit and throttles aside). */
export async function storesNothing(run: () => Promise<void>) {
  const before = await tableCounts();
  await run();
  expect(changed(before, await tableCounts(), BOOKKEEPING)).toEqual({});
}

/** Rollups that triggers keep with the rows they count (migrations 0005, 0007): they move when a write lands. */
export const TRIGGER_ROLLUPS = ['problem_counts', 'activity_pair_months', 'activity_counts', 'activity_reach'] as const;

export async function auditRows(
  action: string,
): Promise<{ actor_id: string | null; object_type: string | null; object_id: string | null }[]> {
  const { results } = await env.DB.prepare('SELECT actor_id, object_type, object_id FROM audit_log WHERE action = ?1 ORDER BY id')
    .bind(action)
    .all<{ actor_id: string | null; object_type: string | null; object_id: string | null }>();
  return results;
}

// ---------------------------------------------------------------------------------------------------
// Fault injection. The app gets a Proxy of the real D1 binding: reads pass through; a batch whose SQL
// matches a fault's pattern fails with the fault's message, before running (nothing committed) or after
// really running (committed, but the caller sees an error: the worst case for a retry).

export type Fault = {
  /** Which batches: matched against the SQL of each statement of the batch. */
  match: RegExp;
  when: 'before' | 'after';
  message: string;
  /** How many matching batches fail (then the binding behaves). */
  times: number;
};

export const TRANSIENT = 'D1_ERROR: Network connection lost.';
export const RESET = 'D1_ERROR: Internal error in D1 DB storage caused object to be reset.';

type Statement = D1PreparedStatement & { statement?: string };

export function faultyD1(real: D1Database, faults: Fault[]) {
  const stats = { batches: 0, failed: 0 };
  const left = faults.map((f) => f.times);
  const batch = async (statements: Statement[]) => {
    stats.batches++;
    const sqls = statements.map((s) => s.statement ?? '');
    const i = faults.findIndex((f, k) => (left[k] ?? 0) > 0 && sqls.some((q) => f.match.test(q)));
    const fault = faults[i];
    if (!fault) return real.batch(statements);
    left[i] = (left[i] ?? 0) - 1;
    stats.failed++;
    if (fault.when === 'after') await real.batch(statements);
    throw new Error(fault.message);
  };
  const db = new Proxy(real, {
    get(target, prop) {
      if (prop === 'batch') return batch;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db, stats };
}

/** A binding on which every query fails with `message` (a storage outage, or a bug in SQL). */
export function brokenD1(message: string): D1Database {
  const fail = () => Promise.reject(new Error(message));
  const statement: D1PreparedStatement = new Proxy({} as D1PreparedStatement, {
    get: (_t, prop) => (prop === 'bind' ? () => statement : fail),
  });
  return new Proxy({} as D1Database, {
    get: (_t, prop) => (prop === 'prepare' ? () => statement : fail),
  });
}

/** The app run with other bindings (a faulty DB), as exports.default.fetch would run it. */
export function callWith(bindings: Partial<Env>, path: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set('cookie', init.cookie);
  if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', ORIGIN);
  const req = new Request(`${ORIGIN}${path}`, { ...init, headers, redirect: 'manual' });
  return createApp().fetch(req, { ...env, ...bindings });
}

export function formBody(data: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(data)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return body;
}

/** A concrete path for a route pattern: every parameter filled with something that exists or parses. */
export function concrete(path: string, ids: { id?: string } = {}): string {
  return path
    .replace(/:id\{[^}]*\}\}?/g, ids.id ?? crypto.randomUUID())
    .replace(/:v\{[^}]*\}\}?/g, '1')
    .replace(/:file\{[^}]*\}\}?/g, 'units.csv')
    .replace(/:token\{[^}]*\}\}?/g, 'A'.repeat(24))
    .replace(/:action\{[^}]*\}/g, 'disable')
    .replace(/\/\*$/, '/x');
}

/** Every route of the app as [method, pattern], middleware left out. */
export function routes(): [string, string][] {
  const seen = new Set<string>();
  const out: [string, string][] = [];
  for (const r of createApp().routes) {
    const key = `${r.method} ${r.path}`;
    if (r.method === 'ALL' || seen.has(key)) continue;
    seen.add(key);
    out.push([r.method, r.path]);
  }
  return out;
}

/** Markup a page must never carry once user text is in it: the payload's live form. */
export const XSS = {
  img: '<img src=x onerror=alert(1)>',
  svg: '"><svg onload=alert(2)>',
  script: '</script><script>alert(3)</script>',
  js: 'javascript:alert(4)',
} as const;
export const XSS_ALL = `${XSS.img} ${XSS.svg} ${XSS.script}`;

/** Fails with the offending fragment if the HTML holds live markup from a payload or an unsafe script. */
export function assertSafeHtml(html: string, where: string) {
  const problems: string[] = [];
  if (/<img[^>]*onerror/i.test(html)) problems.push('live <img onerror>');
  if (/<svg[^>]*onload/i.test(html)) problems.push('live <svg onload>');
  if (/<script>alert/i.test(html)) problems.push('live <script>');
  if (/(href|src|action|formaction)\s*=\s*["']?\s*javascript:/i.test(html)) problems.push('javascript: URL in an attribute');
  // Every script element carries the nonce and is an external file, or the respondent pages' inline
  // enhancement script exactly as built: no other inline script at all. The only <style> is the
  // respondent stylesheet exactly as built (the CSP allows it by its hash).
  const scripts = [...html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/gi)];
  if (scripts.length !== (html.match(/<script\b/gi) ?? []).length) problems.push('unclosed <script>');
  for (const [, tag = '', body] of scripts) {
    const ok = /\bsrc="\/assets\//.test(tag) ? body === '' : body === surveyEnhanceJs;
    if (!/\bnonce="[^"]+"/.test(tag) || !ok) problems.push(`script without nonce, or inline and not the built one: ${tag}`);
  }
  const styles = [...html.matchAll(/(<style\b[^>]*>)([\s\S]*?)<\/style>/gi)];
  if (styles.length !== (html.match(/<style\b/gi) ?? []).length) problems.push('unclosed <style>');
  for (const [, tag = '', body] of styles) if (body !== respondentCss) problems.push(`style other than the built one: ${tag}`);
  if (problems.length) throw new Error(`${where}: ${problems.join('; ')}`);
}
