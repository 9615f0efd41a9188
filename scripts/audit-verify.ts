// `npm run audit:verify -- --local|--remote|--sqlite FILE [--persist-to DIR] [--anchors anchors.csv]`
// (issue 13): verifies the audit chain of the D1 database `DB` from outside the Worker, with the same
// arithmetic (worker/audit/chain-hash.ts), reading rows through `wrangler d1 execute` — or, on a
// self-hosted server (issue 23), straight from its SQLite file (DATA_DIR/db.sqlite), read-only. Reports the first broken
// row (edited, deleted, address changed), the daily anchors that differ, and how many rows are still
// unchained with the oldest one's age. `--anchors` also checks anchors kept outside the database (the
// CSV the admin page exports, printed or published): a chain rewritten together with its anchors table
// still differs from them. Exit code 1 when anything does not verify.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { type Anchor, CHAIN_COLUMNS, type ChainRow, verifyChain } from '../worker/audit/chain-hash.ts';

const PAGE = 5000;
const args = process.argv.slice(2);
const target = args.find((a) => a === '--local' || a === '--remote' || a === '--sqlite');
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const sqliteFile = option('--sqlite');
if (!target || (target === '--sqlite' && !sqliteFile)) {
  console.error('usage: npm run audit:verify -- --local|--remote|--sqlite FILE [--persist-to DIR] [--anchors anchors.csv]');
  process.exit(2);
}
const persistTo = option('--persist-to');
const anchorsFile = option('--anchors');
const file = sqliteFile ? new DatabaseSync(sqliteFile, { readOnly: true }) : undefined;

function query<T>(sql: string): T[] {
  if (file) return file.prepare(sql).all() as T[];
  const out = execFileSync(
    'wrangler',
    ['d1', 'execute', 'DB', target as string, ...(persistTo ? ['--persist-to', persistTo] : []), '--json', '--command', sql],
    { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return (JSON.parse(out) as { results: T[] }[])[0]?.results ?? [];
}

/** Anchors from the admin page's CSV (日期,当日最后一条记录,哈希值), BOM and header skipped. */
function anchorsFromCsv(path: string): Anchor[] {
  return readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [day = '', lastId = '', hash = ''] = line.split(',');
      return { day, lastId: Number(lastId), hash };
    });
}

const started = Date.now();
let reads = 0;
const next = async (after: number) => {
  reads++;
  return query<ChainRow>(
    `SELECT ${CHAIN_COLUMNS} FROM audit_log WHERE id > ${Math.trunc(after)} AND hash IS NOT NULL ORDER BY id LIMIT ${PAGE}`,
  );
};
const stored = query<Anchor>('SELECT day, last_id AS lastId, hash FROM audit_anchors ORDER BY day');
const outside = anchorsFile ? anchorsFromCsv(anchorsFile) : [];
const report = await verifyChain(next, [...stored, ...outside]);
const [pending] = query<{ n: number; oldest: number | null }>('SELECT count(*) AS n, min(at) AS oldest FROM audit_log WHERE hash IS NULL');

const lines = [
  `audit chain (${file ? sqliteFile : `${target.slice(2)} D1`}): ${report.checked} chained rows checked${report.lastId === null ? '' : ` up to row ${report.lastId}`}, ` +
    `${report.anchors} anchor checks (${stored.length} anchors in the database${anchorsFile ? `, ${outside.length} from ${anchorsFile}` : ''}); ` +
    `${reads} reads in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  report.broken
    ? `BROKEN at row ${report.broken.id}: ${report.broken.why}`
    : report.brokenAnchor
      ? `BROKEN: the anchor of ${report.brokenAnchor.day} (row ${report.brokenAnchor.lastId}) does not match the chain, or its row is gone`
      : 'chain OK',
  `unchained rows: ${pending?.n ?? 0}` +
    (pending?.oldest
      ? `, the oldest written ${Math.round((Date.now() - pending.oldest) / 1000)} s ago (${new Date(pending.oldest).toISOString()})`
      : ''),
];
console.log(lines.join('\n'));
process.exit(report.broken || report.brokenAnchor ? 1 : 0);
