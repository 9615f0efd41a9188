// Survey figures read from the rollups kept in the submission batch (DESIGN §3): campaign_counters for
// invited/opened/submitted and option_counts for each option of each question. A page reads a few rows
// per round × item, however many responses there are; the breakdowns by unit, officer, chain and region
// read group_counts, kept in the same batch (worker/stats/group-rollup.ts).
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../app-env';
import { type GroupTerm, groupRowsSql, INVITED_RESPONSE_KEYS_SQL } from './group-rollup';
import { inPlace, monthsOf, periodInstants, type Scope, upToToday } from './period';
import { readAll } from './sql';

export type RoundRow = {
  id: string;
  name: string;
  opensAt: number;
  closesAt: number;
  formVersionId: string;
  /** Seeds the server drew for the round (1 + re-seeds), for the work report (issue 17). */
  seedCount: number;
  invited: number;
  opened: number;
  submitted: number;
};
export type OptionRow = { campaignId: string; questionKey: string; option: string; count: number };
export type VersionRow = { id: string; definition: string };

/**
 * The rounds of the scope: the programme's campaigns that went out and have opened, opening in the period
 * (or one campaign). Drafts never went out and voided rounds count nowhere (issue 17); a round still
 * scheduled has asked nobody yet, so it must not lower today's 回收率 and 打开率 (issue 14).
 */
function campaignsSql(scope: Scope): SQL {
  const { start, end } = periodInstants(scope.period);
  return scope.campaignId
    ? sql`SELECT id FROM campaigns WHERE id = ${scope.campaignId}`
    : sql`SELECT id FROM campaigns WHERE programme_id = ${scope.programmeId} AND status = 'launched'
        AND opens_at >= ${start} AND opens_at < ${end} AND opens_at <= ${scope.now ?? Date.now()}`;
}

/**
 * The rounds whose answers the monthly trend reads: every round of the programme that went out, whatever
 * month it opened in, since an answer counts in the month it was given (issue 14); the months themselves
 * narrow to the period (group_counts' 'month' groups).
 */
const programmeCampaignsSql = (scope: Scope): SQL =>
  sql`SELECT id FROM campaigns WHERE programme_id = ${scope.programmeId} AND status = 'launched'`;

/** `versions`: the forms of the scope's rounds; `programmeVersions`: of every round of the programme (the monthly trend). */
export type SurveyRollups = { rounds: RoundRow[]; options: OptionRow[]; versions: VersionRow[]; programmeVersions: VersionRow[] };

/**
 * A round's counters and option counts, programme-wide from campaign_counters and option_counts; for a
 * leader's chain or region, the place's invitations counted as campaign_counters counts them
 * (recompute.ts) and the place's own group in group_counts (its likert answers: the only options a
 * satisfaction figure reads).
 */
function countersAndOptions(scope: Scope, camp: SQL): [SQL, SQL] {
  if (!scope.place) {
    return [
      sql`campaign_counters`,
      sql`SELECT campaign_id AS campaignId, question_key AS questionKey, option, count FROM option_counts
      WHERE campaign_id IN (${camp}) AND count > 0`,
    ];
  }
  return [
    sql`(SELECT campaign_id, count(*) AS invited, count(opened_at) AS opened, count(submitted_at) AS submitted FROM invitations
      WHERE campaign_id IN (${camp}) ${inPlace(scope.place, 'enterprise_id')} GROUP BY campaign_id)`,
    sql`SELECT campaign_id AS campaignId, question_key AS questionKey, option, count FROM group_counts
      WHERE campaign_id IN (${camp}) AND dimension = ${scope.place.by} AND group_key = ${scope.place.key} AND question_key <> '' AND count > 0`,
  ];
}

/** Rounds with their counters, their option counts and their form definitions: one round trip. */
export async function surveyRollups(db: Db, scope: Scope): Promise<SurveyRollups> {
  const camp = campaignsSql(scope);
  const [counters, optionsSql] = countersAndOptions(scope, camp);
  const [rounds, options, versions, programmeVersions] = await readAll<[RoundRow, OptionRow, VersionRow, VersionRow]>(db, [
    sql`SELECT c.id, c.name, c.opens_at AS opensAt, c.closes_at AS closesAt, c.form_version_id AS formVersionId, c.seed_count AS seedCount,
        coalesce(k.invited, 0) AS invited, coalesce(k.opened, 0) AS opened, coalesce(k.submitted, 0) AS submitted
      FROM campaigns c LEFT JOIN ${counters} k ON k.campaign_id = c.id
      WHERE c.id IN (${camp}) ORDER BY c.opens_at, c.id`,
    optionsSql,
    sql`SELECT id, definition FROM form_versions WHERE id IN (SELECT form_version_id FROM campaigns WHERE id IN (${camp}))`,
    sql`SELECT id, definition FROM form_versions WHERE id IN (SELECT form_version_id FROM campaigns WHERE id IN (${programmeCampaignsSql(scope)}))`,
  ]);
  return { rounds, options, versions, programmeVersions };
}

export const SATISFACTION_DIMENSIONS = ['unit', 'officer', 'chain', 'region', 'round', 'month'] as const;
export type SatisfactionDimension = (typeof SATISFACTION_DIMENSIONS)[number];

/**
 * Where each dimension's groups live in group_counts (worker/stats/group-rollup.ts) and how they are
 * named. 'round' is the rounds of one officer's paired enterprises: the officer's rows, per campaign.
 */
const GROUPS: Record<SatisfactionDimension, { dimension: string; key: string; label: string; join: string }> = {
  unit: { dimension: 'unit', key: "nullif(g.group_key, '')", label: 'u.name', join: 'LEFT JOIN units u ON u.id = g.group_key' },
  officer: { dimension: 'officer', key: 'g.group_key', label: 'o.name', join: 'LEFT JOIN users o ON o.id = g.group_key' },
  chain: { dimension: 'chain', key: "nullif(g.group_key, '')", label: 'ch.name', join: 'LEFT JOIN chains ch ON ch.id = g.group_key' },
  region: { dimension: 'region', key: 'g.group_key', label: 'g.group_key', join: '' }, // NOT NULL: '' is a region
  round: { dimension: 'officer', key: 'g.campaign_id', label: 'c.name', join: 'JOIN campaigns c ON c.id = g.campaign_id' },
  month: { dimension: 'month', key: 'g.group_key', label: 'g.group_key', join: '' }, // the month the answers were given
};

/**
 * A unit page narrows to the unit's rows, or to its officers'; an officer page to the officer's rows (a
 * leader's place is narrowed before: placeGroups).
 */
function narrow(scope: Scope, by: SatisfactionDimension): SQL {
  const dimension = GROUPS[by].dimension;
  if (by === 'month') {
    if (scope.officerId || scope.unitId) throw new Error('satisfaction by month is programme-wide');
    const months = monthsOf(upToToday(scope.period, scope.today), 1200);
    return sql`AND g.group_key BETWEEN ${months[0] ?? ''} AND ${months.at(-1) ?? ''}`;
  }
  if (scope.officerId) {
    if (dimension !== 'officer') throw new Error(`satisfaction by ${by} cannot be narrowed to an officer`);
    return sql`AND g.group_key = ${scope.officerId}`;
  }
  if (!scope.unitId) return sql``;
  if (dimension === 'unit') return sql`AND g.group_key = ${scope.unitId}`;
  if (dimension === 'officer') return sql`AND g.group_key IN (SELECT id FROM users WHERE unit_id = ${scope.unitId})`;
  throw new Error(`satisfaction by ${by} cannot be narrowed to a unit`);
}

/**
 * group_counts' rows for the responses of a leader's chain or region (issue 19), as the rebuild counts
 * them (group-rollup.ts): the rollup keeps one dimension at a time, and the place's units or months are
 * two. Read from the place's answers of the rounds asked for, so bounded by the place's share of them.
 */
const placeGroups = (scope: Scope, rounds: SQL, by: SatisfactionDimension) =>
  sql`(WITH x AS MATERIALIZED (${sql.raw(INVITED_RESPONSE_KEYS_SQL)} WHERE i.campaign_id IN (${rounds}) ${inPlace(scope.place, 'i.enterprise_id')})${sql.raw(
    groupRowsSql('response_id IN (SELECT rid FROM x) AND ', [PLACE_TERM[GROUPS[by].dimension] ?? 'unit']),
  )})`;
/**
 * Only the dimension asked for is grouped (a place's units cost the lead-officer look-up per response, its
 * months nothing); x is read once (MATERIALIZED: SQLite would otherwise run it again for each use).
 */
const PLACE_TERM: Record<string, GroupTerm> = { unit: 'unit', officer: 'officer', chain: 'place', region: 'place', month: 'month' };

export type GroupOptionRow = { grp: string | null; label: string | null; questionKey: string; option: string; n: number };
export type GroupResponsesRow = { grp: string | null; label: string | null; responses: number };

/**
 * Likert answers and responses per group, for the items given, from the group_counts rollup. Never per
 * enterprise: the smallest group is an officer's, and the caller suppresses groups under k (DESIGN §6).
 * A missing unit or chain is stored as '' and comes back as null.
 */
export async function satisfactionGroups(db: Db, scope: Scope, by: SatisfactionDimension, itemKeys: string[]) {
  if (itemKeys.length === 0) return { options: [] as GroupOptionRow[], responses: [] as GroupResponsesRow[] };
  const g = GROUPS[by];
  const rounds = by === 'month' ? programmeCampaignsSql(scope) : campaignsSql(scope);
  const from = sql`FROM ${scope.place ? placeGroups(scope, rounds, by) : sql`group_counts`} g ${sql.raw(g.join)}
    WHERE g.campaign_id IN (${rounds}) AND g.dimension = ${g.dimension} ${narrow(scope, by)}`;
  const select = sql.raw(`${g.key} AS grp, ${g.label} AS label`);
  const [options, responses] = await readAll<[GroupOptionRow, GroupResponsesRow]>(db, [
    sql`SELECT ${select}, g.question_key AS questionKey, g.option, sum(g.count) AS n ${from}
        AND g.question_key IN (SELECT value FROM json_each(${JSON.stringify(itemKeys)})) AND g.count > 0
      GROUP BY grp, questionKey, g.option`,
    sql`SELECT ${select}, sum(g.count) AS responses ${from} AND g.question_key = '' AND g.option = '' GROUP BY grp`,
  ]);
  return { options, responses };
}
