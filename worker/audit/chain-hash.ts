// The audit chain's arithmetic (issue 13, DESIGN §3), with no imports so the Worker, its tests and the
// Node script `npm run audit:verify` run exactly the same code.
//
//   ip_digest = SHA-256(ip_salt ‖ "\n" ‖ ip)            — null when the row has no address
//   hash      = SHA-256(previous row's hash ‖ "\n" ‖ canonical content)
//   canonical = JSON [id, at, actor_id, action, object_type, object_id, detail, ip_digest]
//
// The chain covers the address through its salted digest, so the retention purge can clear `ip` and
// `ip_salt` (the salt is 128 random bits: without it the digest names no address) and the chain still
// verifies. The first row's previous hash is GENESIS.

export const GENESIS = '0'.repeat(64);

export type ChainRow = {
  id: number;
  at: number;
  actorId: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  detail: string | null;
  ip: string | null;
  hash: string | null;
  ipSalt: string | null;
  ipDigest: string | null;
};

/** The columns a chain row is read with, for SQL written against audit_log. */
export const CHAIN_COLUMNS = `id, at, actor_id AS actorId, action, object_type AS objectType, object_id AS objectId, detail, ip,
  hash, ip_salt AS ipSalt, ip_digest AS ipDigest`;

const encoder = new TextEncoder();

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export const ipDigestOf = (salt: string, ip: string) => sha256Hex(`${salt}\n${ip}`);

export const canonical = (r: ChainRow, ipDigest: string | null) =>
  JSON.stringify([r.id, r.at, r.actorId, r.action, r.objectType, r.objectId, r.detail, ipDigest]);

export const rowHash = (previous: string, r: ChainRow, ipDigest: string | null) => sha256Hex(`${previous}\n${canonical(r, ipDigest)}`);

/** Why a chained row does not verify, if it does not. */
export type Break =
  | 'changed' // its content, or the row before it, is not what was chained
  | 'missing_before' // rows between the previous one and this one are gone
  | 'address_changed'; // its address is not the one its digest was made from

/**
 * Checks one chained row against the hash of the row before it. Returns the row's hash to carry on
 * with, or why it is broken. `previousId` tells a deleted row (a gap in the ids) from an edited one.
 */
export async function checkRow(previous: string, previousId: number | null, r: ChainRow): Promise<{ hash: string } | { broken: Break }> {
  if (r.ip !== null && (r.ipSalt === null || r.ipDigest !== (await ipDigestOf(r.ipSalt, r.ip)))) return { broken: 'address_changed' };
  const hash = await rowHash(previous, r, r.ipDigest);
  if (hash === r.hash) return { hash };
  return { broken: previousId !== null && r.id !== previousId + 1 ? 'missing_before' : 'changed' };
}

export type VerifyReport = {
  /** Chained rows checked, and the last one's id. */
  checked: number;
  lastId: number | null;
  /** The first row that does not verify; null when the whole chain holds. */
  broken: { id: number; why: Break } | null;
  unchained: number;
  /** `at` of the oldest row not yet chained. */
  oldestUnchainedAt: number | null;
  /** Anchors compared with the rows they name, and the first that differs. */
  anchors: number;
  brokenAnchor: { day: string; lastId: number } | null;
  /** True when the run stopped at its bound before the end of the chain (verify again from `lastId`). */
  partial: boolean;
};

export type Anchor = { day: string; lastId: number; hash: string };

type ChainCheck = Pick<VerifyReport, 'checked' | 'lastId' | 'broken' | 'anchors' | 'brokenAnchor' | 'partial'>;

/**
 * Verifies chained rows page by page: `next(afterId)` gives the next rows in id order (chained ones
 * only, at most its page size), or an empty list at the end. Stops at the first broken row, or after
 * `maxRows`. Anchors are compared with the recomputed hash of the row they name; an anchor whose row
 * the chain never reaches names a deleted row.
 */
export async function verifyChain(
  next: (afterId: number) => Promise<ChainRow[]>,
  anchors: Anchor[],
  start: { afterId: number; previous: string } = { afterId: 0, previous: GENESIS },
  maxRows = Number.POSITIVE_INFINITY,
): Promise<ChainCheck> {
  // A day without rows repeats the anchor of the day before: one row may carry several anchors.
  const pending = new Map<number, Anchor[]>();
  for (const a of anchors) if (a.lastId > start.afterId) pending.set(a.lastId, [...(pending.get(a.lastId) ?? []), a]);
  const out: ChainCheck = {
    checked: 0,
    lastId: start.afterId > 0 ? start.afterId : null,
    broken: null,
    anchors: 0,
    brokenAnchor: null,
    partial: false,
  };
  let previous = start.previous;
  for (let rows = await next(out.lastId ?? 0); rows.length > 0; rows = await next(out.lastId ?? 0)) {
    for (const r of rows) {
      const result = await checkRow(previous, out.lastId, r);
      if ('broken' in result) return { ...out, broken: { id: r.id, why: result.broken } };
      for (const anchor of pending.get(r.id) ?? []) {
        out.anchors++;
        if (anchor.hash !== result.hash) return { ...out, brokenAnchor: { day: anchor.day, lastId: r.id } };
      }
      pending.delete(r.id);
      previous = result.hash;
      out.lastId = r.id;
      out.checked++;
      if (out.checked >= maxRows) return { ...out, partial: true };
    }
  }
  const lost = [...pending.values()].flat().sort((a, b) => a.lastId - b.lastId || a.day.localeCompare(b.day))[0];
  return lost ? { ...out, brokenAnchor: { day: lost.day, lastId: lost.lastId } } : out;
}
