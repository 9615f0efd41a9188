// Verifies the audit chain in D1 (issue 13): for the admin page (worker/audit/audit.routes.tsx), the
// daily run's record and the tests' afterAll. The arithmetic is chain-hash.ts, shared with the Node
// script `npm run audit:verify`, which reads the same rows through wrangler. Raw SQL with fixed text.
import type { Db } from '../app-env';
import { d1Of } from '../lib/db';
import { type Anchor, CHAIN_COLUMNS, type ChainRow, GENESIS, type VerifyReport, verifyChain } from './chain-hash';

const PAGE = 2000;
const CHAINED_AFTER = `SELECT ${CHAIN_COLUMNS} FROM audit_log WHERE id > ?1 AND hash IS NOT NULL ORDER BY id LIMIT ${PAGE}`;
const UNCHAINED = 'SELECT count(*) AS n, min(at) AS oldest FROM audit_log WHERE hash IS NULL';
const ANCHORS = 'SELECT day, last_id AS lastId, hash FROM audit_anchors ORDER BY day';
const HASH_OF = 'SELECT hash FROM audit_log WHERE id = ?1';

/**
 * Verifies the chained rows in id order, from the start or after row `afterId` (trusting that row's
 * stored hash, for a check resumed where a bounded one stopped), at most `maxRows` of them.
 */
export async function verifyAudit(db: Db, { afterId = 0, maxRows = 100_000 } = {}): Promise<VerifyReport> {
  const d1 = d1Of(db);
  const previous = afterId > 0 ? ((await d1.prepare(HASH_OF).bind(afterId).first<{ hash: string | null }>())?.hash ?? GENESIS) : GENESIS;
  const [anchors, unchained] = await d1.batch<unknown>([d1.prepare(ANCHORS), d1.prepare(UNCHAINED)]);
  const next = async (after: number) => (await d1.prepare(CHAINED_AFTER).bind(after).all<ChainRow>()).results;
  const report = await verifyChain(next, (anchors?.results ?? []) as Anchor[], { afterId, previous }, maxRows);
  const stats = unchained?.results[0] as { n: number; oldest: number | null } | undefined;
  return { ...report, unchained: stats?.n ?? 0, oldestUnchainedAt: stats?.oldest ?? null };
}
