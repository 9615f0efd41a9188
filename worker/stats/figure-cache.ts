// Dashboard figures kept ready (issue 20). A dashboard is the sum of a dozen queries over rollups and
// the ledger (≈ 0.4 s at a million answers, the breakdown by officer ≈ 1–2 s); D1 runs them one after
// another. What they return is kept as JSON per page × scope and read back in one statement while
// nothing they read has changed: every write to a table a figure is read from raises figure_version in
// its own batch (triggers, figure-sources.ts), so a kept figure is exactly what the queries would return
// now — never an older one. Figures that move with the clock rather than with a write are bounded too:
// the key holds China's day (what is due, which months have begun), and an entry is read only before the
// next opening or closing of one of the programme's rounds (rounds count once opened, claims once
// closed). KEEP_MS bounds the rest: a deploy that changes a formula, or a source table forgotten.
import type { Db } from '../app-env';
import { d1Of } from '../lib/db';
import type { StatsConfig } from './config';
import type { Scope } from './period';

/** The longest an entry is read back, whatever else: a deploy's new formulas show within this. */
export const KEEP_MS = 10 * 60_000;

/** Bodies above this are not kept (D1 holds ≤ 2 MB per value); the page is computed each time. */
const MAX_BODY = 1_000_000;

// ?1 key, ?2 now, ?3 programme. The version, the entry when still good, and the next instant a round of
// the programme opens or closes (what the entry about to be computed is good until), in one round trip.
const READ = `SELECT v.n AS version, c.body AS body,
  (SELECT min(t) FROM (SELECT opens_at AS t FROM campaigns WHERE programme_id = ?3 AND opens_at > ?2
     UNION ALL SELECT closes_at FROM campaigns WHERE programme_id = ?3 AND closes_at > ?2)) AS nextChange
  FROM figure_version v LEFT JOIN figure_cache c ON c.key = ?1 AND c.version = v.n AND c.valid_until > ?2
  WHERE v.id = 1`;

// A slower request computing at an older version never replaces a newer entry.
const KEEP = `INSERT INTO figure_cache (key, version, valid_until, body, made_at) VALUES (?1, ?2, ?3, ?4, ?5)
  ON CONFLICT (key) DO UPDATE SET version = excluded.version, valid_until = excluded.valid_until,
    body = excluded.body, made_at = excluded.made_at
  WHERE excluded.version >= figure_cache.version`;

/**
 * What identifies one page's figures: the page, the scope without its instant (the day stays), the
 * settings, and what else the page's queries take (a breakdown's dimension, a leader's place).
 */
export type FigureId = { page: string; scope: Scope; cfg: StatsConfig; extra?: unknown };

export function figureKey({ page, scope, cfg, extra = null }: FigureId): string {
  const { now: _instant, ...rest } = scope;
  return JSON.stringify([page, rest, cfg, extra]);
}

/**
 * The page's figures: kept ones when nothing they are read from changed since, else computed and kept.
 * The version is read before computing, so a write during the computation leaves an entry that the
 * next read finds stale. Figures must survive JSON (no Map, no undefined that matters, no NaN):
 * test/integration/figure-cache.test.ts renders every kept page both ways and compares.
 */
export async function keptFigures<T>(db: Db, id: FigureId, compute: () => Promise<T>): Promise<T> {
  const d1 = d1Of(db);
  const { scope } = id;
  const key = figureKey(id);
  const now = Math.floor(scope.now ?? Date.now());
  const got = await d1
    .prepare(READ)
    .bind(key, now, scope.programmeId)
    .first<{ version: number; body: string | null; nextChange: number | null }>();
  if (!got) return compute();
  if (got.body !== null) return JSON.parse(got.body) as T;
  const figures = await compute();
  const body = JSON.stringify(figures);
  if (body.length <= MAX_BODY) {
    const until = Math.min(now + KEEP_MS, got.nextChange ?? Number.POSITIVE_INFINITY);
    await d1.prepare(KEEP).bind(key, got.version, until, body, now).run();
  }
  return figures;
}
