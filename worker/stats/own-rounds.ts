// An officer's own survey figures on /stats/mine (issue 14, DESIGN §2): the programme's closed rounds, each
// from its frozen snapshot (officer-snapshot.ts) — 统计中 until the daily run has taken it — and for each
// only 满意率 and the score per item, rounded to whole numbers, when the officer's group holds at least k
// answers (k valid answers for an item's score). No counts, no n, no distribution, no interval; no period
// or month filter (the rounds are what they are); no round names unless an admin marked the round
// shareable. Rounds still open or scheduled are not listed at all.
import { sql } from 'drizzle-orm';
import { closedRoundSql } from '../../schema/rules/round-state';
import { satisfaction } from '../../schema/rules/satisfaction';
import type { Db } from '../app-env';
import type { StatsConfig } from './config';
import { type ItemDef, likertItems, sumByItem } from './satisfaction';
import { readAll } from './sql';
import type { VersionRow } from './survey.queries';

export type OwnRound = {
  id: string;
  /** The round's name only when it is shareable; otherwise the page numbers it. */
  name: string | null;
  closesAt: number;
  state: 'counting' | 'suppressed' | 'shown';
  /** 满意率 in whole percent, by the programme's 口径. */
  rate: number | null;
  /** Scores (0–100) in whole points, for the items with k valid answers, in form order. */
  items: { item: ItemDef; score: number }[];
};

type RoundRow = {
  id: string;
  name: string;
  shareable: number;
  closesAt: number;
  versionId: string;
  takenAt: number | null;
  responses: number | null;
  withheld: number | null;
};
type CountRow = { campaignId: string; questionKey: string; option: string; count: number };

/** The closed rounds of a programme with one officer's frozen figures. */
export async function ownRounds(db: Db, officerId: string, programmeId: string, now: number, cfg: StatsConfig): Promise<OwnRound[]> {
  const closed = sql`SELECT id FROM campaigns c WHERE c.programme_id = ${programmeId} AND ${sql.raw(closedRoundSql('c', String(Math.floor(now))))}`;
  const [rounds, counts, versions] = await readAll<[RoundRow, CountRow, VersionRow]>(db, [
    sql`SELECT c.id, c.name, c.shareable, c.closes_at AS closesAt, c.form_version_id AS versionId, s.taken_at AS takenAt,
        o.responses, o.withheld
      FROM campaigns c LEFT JOIN round_snapshots s ON s.campaign_id = c.id
        LEFT JOIN officer_snapshots o ON o.campaign_id = c.id AND o.officer_id = ${officerId}
      WHERE c.id IN (${closed}) ORDER BY c.closes_at, c.id`,
    sql`SELECT campaign_id AS campaignId, question_key AS questionKey, option, count FROM officer_snapshot_counts
      WHERE officer_id = ${officerId} AND campaign_id IN (${closed})`,
    sql`SELECT id, definition FROM form_versions WHERE id IN (SELECT form_version_id FROM campaigns WHERE id IN (${closed}))`,
  ]);
  return rounds.map((r): OwnRound => {
    const base = { id: r.id, name: r.shareable ? r.name : null, closesAt: r.closesAt, rate: null, items: [] };
    if (r.takenAt === null) return { ...base, state: 'counting' };
    const items = likertItems(versions.filter((v) => v.id === r.versionId));
    const sat = satisfaction(
      r.responses ?? 0,
      sumByItem(
        items,
        counts.filter((c) => c.campaignId === r.id),
      ),
      cfg,
    );
    if (sat.suppressed || r.withheld || sat.satisfied.value === null) return { ...base, state: 'suppressed' };
    const title = new Map(items.map((i) => [i.key, i]));
    return {
      ...base,
      state: 'shown',
      rate: Math.round(sat.satisfied.value * 100),
      items: sat.items.flatMap((i) => {
        const item = title.get(i.key);
        return !i.suppressed && item ? [{ item, score: Math.round(i.score) }] : [];
      }),
    };
  });
}
