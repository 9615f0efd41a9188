// The chaining step (issue 13, DESIGN §3): writers append audit rows as before and never wait on each
// other; this links the unchained rows in id order afterwards (chain-hash.ts has the arithmetic). D1's
// SQLite has no SHA-256 function and a batch cannot feed one statement's result into the next, hence a
// step of its own. It runs after audited requests (waitUntil, at most once a second per isolate, skipped
// while another run holds the lease) and in the daily run.
//
// A page of rows is linked by ONE statement (UPDATE … FROM json_each), and every value it writes is a
// function of stored columns only (writers store the address's salt with the row, worker/lib/audit.ts):
// two runs that overlap anyway (an expired lease) compute the same hashes, and whichever writes second
// finds its rows chained already (`hash IS NULL` fails) — they cannot interleave two chains. Rows
// written before migration 0013 have an address but no salt: the chaining step draws theirs.
// Raw SQL with fixed text.
import type { Context } from 'hono';
import type { AppEnv, Db } from '../app-env';
import { d1Of } from '../lib/db';
import { releaseLease, takeLease } from '../lib/lease';
import { newId, randomToken } from '../lib/tokens';
import { CHAIN_COLUMNS, type ChainRow, GENESIS, ipDigestOf, rowHash } from './chain-hash';

/** Rows linked per statement. */
const PAGE = 500;
const LEASE = 'audit-chain';
const LEASE_MS = 30_000;

const UNCHAINED = `SELECT ${CHAIN_COLUMNS} FROM audit_log WHERE hash IS NULL ORDER BY id LIMIT ?1`;
const BEFORE = 'SELECT id, hash FROM audit_log WHERE id < ?1 ORDER BY id DESC LIMIT 1';
/** ?1 JSON [[id, hash, ip_salt, ip_digest], …]. */
const LINK = `UPDATE audit_log SET hash = j.value ->> '$[1]', ip_salt = j.value ->> '$[2]', ip_digest = j.value ->> '$[3]'
  FROM json_each(?1) AS j WHERE audit_log.id = j.value ->> '$[0]' AND audit_log.hash IS NULL`;

/** Links up to PAGE unchained rows: how many it found, and how many it linked (fewer: another run got there first). */
export async function chainPage(db: Db): Promise<{ found: number; linked: number }> {
  const d1 = d1Of(db);
  const { results: rows } = await d1.prepare(UNCHAINED).bind(PAGE).all<ChainRow>();
  const first = rows[0];
  if (!first) return { found: 0, linked: 0 };
  const before = await d1.prepare(BEFORE).bind(first.id).first<{ id: number; hash: string | null }>();
  // A row below the lowest unchained one without a hash: the table was tampered with; verification says where.
  if (before && before.hash === null) return { found: rows.length, linked: 0 };
  let previous = before?.hash ?? GENESIS;
  const links: [number, string, string | null, string | null][] = [];
  for (const r of rows) {
    const salt = r.ip === null ? null : (r.ipSalt ?? randomToken(16));
    const digest = salt === null || r.ip === null ? null : await ipDigestOf(salt, r.ip);
    previous = await rowHash(previous, r, digest);
    links.push([r.id, previous, salt, digest]);
  }
  const { meta } = await d1.prepare(LINK).bind(JSON.stringify(links)).run();
  return { found: rows.length, linked: meta.changes };
}

/** Links unchained rows until none are left or `maxPages` pages are done; no lease (callers hold it, or tests). */
export async function chainPending(db: Db, maxPages = 20): Promise<{ linked: number; done: boolean }> {
  let linked = 0;
  for (let page = 0; page < maxPages; page++) {
    const step = await chainPage(db);
    linked += step.linked;
    if (step.found < PAGE && step.linked === step.found) return { linked, done: true };
    if (step.linked === 0) return { linked, done: false }; // another run is linking these rows
  }
  return { linked, done: false };
}

/** One bounded run under the chain's lease; skipped (null) when another run holds it. */
export async function chainUnderLease(db: Db, maxPages: number): Promise<{ linked: number; done: boolean } | null> {
  const holder = newId();
  if (!(await takeLease(db, LEASE, holder, LEASE_MS))) return null;
  try {
    return await chainPending(db, maxPages);
  } finally {
    await releaseLease(db, LEASE, holder);
  }
}

/** At most one chaining run started per isolate per second, however many audited requests come. */
const MIN_GAP_MS = 1000;
let nextRunAt = 0;

/** After a request that wrote audit rows: a bounded chaining run in the background (waitUntil). */
export function chainAfterResponse(c: Context<AppEnv>): void {
  const now = Date.now();
  if (now < nextRunAt) return;
  nextRunAt = now + MIN_GAP_MS;
  let waitUntil: (p: Promise<unknown>) => void;
  try {
    const ctx = c.executionCtx;
    waitUntil = ctx.waitUntil.bind(ctx);
  } catch {
    return; // no execution context (an app called directly, as some tests do): the daily run links them
  }
  waitUntil(
    chainUnderLease(c.get('db'), 4).catch((err) => {
      console.error('audit chaining failed', err);
    }),
  );
}
