// Coverage (enterprises contacted, visits 家次, on-site visits) and 三个一 达标率 as GROUP BY aggregates
// over one programme's memos (index memos_programme_date_idx) and pairing list. The 三个一 rule is the
// officer home page's (worker/memos/three-ones.ts): per officer × enterprise × month, ≥ 1 memo, ≥ 1
// 上门走访, and ≥ 1 problem the officer closed that month or a memo recording 企业无诉求.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../app-env';
import { monthRange } from '../memos/three-ones';
import { monthsOf, type Scope, upToToday } from './period';
import { readAll } from './sql';

export const ACTIVITY_DIMENSIONS = ['unit', 'officer', 'chain', 'region'] as const;
export type ActivityDimension = (typeof ACTIVITY_DIMENSIONS)[number] | 'total' | 'month';

// `m` is a memo, a month of memos or a pairing: all three carry officer_id and enterprise_id.
const GROUPS: Record<ActivityDimension, { key: string; label: string }> = {
  total: { key: "'all'", label: "''" },
  unit: { key: 'o.unit_id', label: 'u.name' }, // the officer's own unit
  officer: { key: 'o.id', label: 'o.name' },
  chain: { key: 'e.chain_id', label: 'ch.name' },
  region: { key: 'e.region', label: 'e.region' },
  month: { key: 'substr(m.visit_date, 1, 7)', label: 'substr(m.visit_date, 1, 7)' },
};

const JOINS = sql.raw(`JOIN users o ON o.id = m.officer_id LEFT JOIN units u ON u.id = o.unit_id
  JOIN enterprises e ON e.id = m.enterprise_id LEFT JOIN chains ch ON ch.id = e.chain_id`);

const narrow = (scope: Scope) =>
  sql`${scope.unitId ? sql`AND o.unit_id = ${scope.unitId}` : sql``} ${scope.officerId ? sql`AND m.officer_id = ${scope.officerId}` : sql``}`;

const select = (by: ActivityDimension) => sql.raw(`${GROUPS[by].key} AS grp, ${GROUPS[by].label} AS label`);

/** The whole months the period touches, up to today's: 三个一 is a monthly rule. */
export function threeOnesMonths(scope: Scope): string[] {
  return monthsOf(upToToday(scope.period, scope.today), 1200).filter((m) => `${m}-01` <= scope.today);
}

function coverageSql(scope: Scope, by: ActivityDimension): SQL {
  return sql`SELECT ${select(by)}, count(DISTINCT m.enterprise_id) AS enterprises, count(*) AS contacts,
      sum(m.mode = 'onsite') AS onsite
    FROM memos m ${JOINS}
    WHERE m.programme_id = ${scope.programmeId} AND m.visit_date BETWEEN ${scope.period.from} AND ${scope.period.to} ${narrow(scope)}
    GROUP BY grp`;
}

function metSql(scope: Scope, by: ActivityDimension, months: string[]): SQL {
  const from = monthRange(months[0] ?? '0000-01').from;
  const to = monthRange(months.at(-1) ?? '0000-01').to;
  return sql`WITH mon AS (
      SELECT officer_id, enterprise_id, substr(visit_date, 1, 7) AS month, min(visit_date) AS visit_date,
        sum(mode = 'onsite') AS onsite, sum(no_request) AS no_request
      FROM memos WHERE programme_id = ${scope.programmeId} AND visit_date >= ${from} AND visit_date < ${to}
      GROUP BY officer_id, enterprise_id, month),
    sol AS (
      SELECT officer_id, enterprise_id, substr(closed_on, 1, 7) AS month, count(*) AS solved
      FROM problems WHERE programme_id = ${scope.programmeId} AND status = 'closed' AND closed_on >= ${from} AND closed_on < ${to}
      GROUP BY officer_id, enterprise_id, month)
    SELECT ${select(by)}, count(*) AS met
    FROM mon m JOIN assignments a ON a.programme_id = ${scope.programmeId} AND a.officer_id = m.officer_id AND a.enterprise_id = m.enterprise_id
      ${JOINS}
      LEFT JOIN sol ON sol.officer_id = m.officer_id AND sol.enterprise_id = m.enterprise_id AND sol.month = m.month
    WHERE m.onsite > 0 AND (sol.solved > 0 OR m.no_request > 0) ${narrow(scope)}
    GROUP BY grp`;
}

function pairsSql(scope: Scope, by: ActivityDimension): SQL {
  // A pairing counts in every month of the period: the pairing list has no start date per pair.
  const g = by === 'month' ? 'total' : by;
  return sql`SELECT ${select(g)}, count(*) AS pairs, count(DISTINCT m.enterprise_id) AS paired
    FROM assignments m ${JOINS}
    WHERE m.programme_id = ${scope.programmeId} ${narrow(scope)}
    GROUP BY grp`;
}

export type ActivityGroup = {
  key: string | null;
  label: string | null;
  /** Distinct enterprises with at least one memo (走访企业). */
  enterprises: number;
  /** Memos of every mode (走访 家次). */
  contacts: number;
  onsite: number;
  /** Paired enterprises (帮扶企业). */
  paired: number;
  /** Officer × enterprise × month pairs assigned, and those meeting 三个一. */
  pairs: number;
  met: number;
};

type Row = { grp: string | null; label: string | null };

/** Coverage and 三个一 of a scope, grouped by one dimension. */
export async function activityBreakdown(db: Db, scope: Scope, by: ActivityDimension): Promise<ActivityGroup[]> {
  const months = threeOnesMonths(scope);
  const [coverage, met, pairs] = await readAll<
    [Row & { enterprises: number; contacts: number; onsite: number }, Row & { met: number }, Row & { pairs: number; paired: number }]
  >(db, [coverageSql(scope, by), metSql(scope, by, months), pairsSql(scope, by)]);
  const out = new Map<string | null, ActivityGroup>();
  const get = (r: Row) => {
    const g = out.get(r.grp) ?? { key: r.grp, label: r.label, enterprises: 0, contacts: 0, onsite: 0, paired: 0, pairs: 0, met: 0 };
    out.set(r.grp, g);
    return g;
  };
  for (const r of coverage) Object.assign(get(r), { enterprises: r.enterprises, contacts: r.contacts, onsite: r.onsite ?? 0 });
  for (const r of met) get(r).met = r.met;
  if (by === 'month') {
    // Every month has the same pairs: the whole pairing list.
    const total = pairs[0];
    for (const m of months) Object.assign(get({ grp: m, label: m }), { pairs: total?.pairs ?? 0, paired: total?.paired ?? 0 });
  } else {
    for (const r of pairs) Object.assign(get(r), { pairs: r.pairs * months.length, paired: r.paired });
  }
  return [...out.values()].sort((a, b) => b.contacts - a.contacts || b.pairs - a.pairs);
}

export async function activityTotals(db: Db, scope: Scope): Promise<ActivityGroup> {
  const [row] = await activityBreakdown(db, scope, 'total');
  return row ?? { key: 'all', label: '', enterprises: 0, contacts: 0, onsite: 0, paired: 0, pairs: 0, met: 0 };
}
