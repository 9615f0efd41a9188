// After every test file, its own D1 database's audit trail must form one unbroken chain (issue 13): the
// rows every test wrote are linked by the chaining step, as the daily run would, then verified.
import { env } from 'cloudflare:workers';
import { afterAll } from 'vitest';
import { chainPending } from '../worker/audit/chain';
import { verifyAudit } from '../worker/audit/verify';
import { createDb } from '../worker/lib/db';

afterAll(async () => {
  const db = createDb(env.DB);
  // A run started by a request's waitUntil may still be linking: chainPending stops when it meets one, so repeat.
  for (let tries = 0; tries < 20 && !(await chainPending(db, 1000)).done; tries++) await new Promise((r) => setTimeout(r, 50));
  const report = await verifyAudit(db, { maxRows: Number.POSITIVE_INFINITY });
  if (report.broken || report.brokenAnchor || report.unchained > 0)
    throw new Error(`audit chain of this test file does not verify: ${JSON.stringify(report)}`);
});
