// `npm run audit:verify -- --sqlite FILE` (issue 23): the audit chain of a self-hosted server checked
// from its SQLite file, with the same arithmetic as on D1; an edited row is found.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainPending } from '../../worker/audit/chain';
import { db, signedIn } from '../fixtures';
import { dataDir, sqlite } from './node-env';

const verify = () => {
  try {
    return {
      code: 0,
      out: execFileSync(
        process.execPath,
        ['--disable-warning=ExperimentalWarning', 'scripts/audit-verify.ts', '--sqlite', join(dataDir, 'db.sqlite')],
        { encoding: 'utf8' },
      ),
    };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { code: e.status, out: e.stdout };
  }
};

describe('audit:verify on the SQLite file', () => {
  it('reports the chain OK, then the first edited row', async () => {
    await signedIn('admin');
    await signedIn('officer');
    await chainPending(db(), 100);
    const rows = (sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    expect(rows).toBeGreaterThanOrEqual(2);
    const ok = verify();
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`${rows} chained rows checked`);
    expect(ok.out).toContain('chain OK');
    const second = sqlite.prepare('SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 1').get() as { id: number };
    sqlite.prepare("UPDATE audit_log SET ip = '6.6.6.6' WHERE id = ?").run(second.id);
    const broken = verify();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`BROKEN at row ${second.id}`);
    sqlite.prepare('UPDATE audit_log SET ip = NULL WHERE id = ?').run(second.id);
  });
});
