// Survey figures read from the rollups kept in the submission batch (DESIGN §3): campaign_counters for
// invited/opened/submitted and option_counts for each option of each question. A page reads a few rows
// per round × item, however many responses there are. Only the breakdowns by unit, officer, chain and
// region need the answers themselves; they are one GROUP BY in SQL (index answers_campaign_question_value_idx).
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../app-env';
import { periodInstants, type Scope } from './period';
import { readAll } from './sql';

export type RoundRow = {
  id: string;
  name: string;
  opensAt: number;
  closesAt: number;
  formVersionId: string;
  invited: number;
  opened: number;
  submitted: number;
};
export type OptionRow = { campaignId: string; questionKey: string; option: string; count: number };
export type VersionRow = { id: string; definition: string };

/** The rounds of the scope: the programme's campaigns opening in the period (or one campaign). */
function campaignsSql(scope: Scope): SQL {
  const { start, end } = periodInstants(scope.period);
  return scope.campaignId
    ? sql`SELECT id FROM campaigns WHERE id = ${scope.campaignId}`
    : sql`SELECT id FROM campaigns WHERE programme_id = ${scope.programmeId} AND opens_at >= ${start} AND opens_at < ${end}`;
}

export type SurveyRollups = { rounds: RoundRow[]; options: OptionRow[]; versions: VersionRow[] };

/** Rounds with their counters, their option counts and their form definitions: one round trip. */
export async function surveyRollups(db: Db, scope: Scope): Promise<SurveyRollups> {
  const camp = campaignsSql(scope);
  const [rounds, options, versions] = await readAll<[RoundRow, OptionRow, VersionRow]>(db, [
    sql`SELECT c.id, c.name, c.opens_at AS opensAt, c.closes_at AS closesAt, c.form_version_id AS formVersionId,
        coalesce(k.invited, 0) AS invited, coalesce(k.opened, 0) AS opened, coalesce(k.submitted, 0) AS submitted
      FROM campaigns c LEFT JOIN campaign_counters k ON k.campaign_id = c.id
      WHERE c.id IN (${camp}) ORDER BY c.opens_at, c.id`,
    sql`SELECT campaign_id AS campaignId, question_key AS questionKey, option, count FROM option_counts
      WHERE campaign_id IN (${camp}) AND count > 0`,
    sql`SELECT id, definition FROM form_versions WHERE id IN (SELECT form_version_id FROM campaigns WHERE id IN (${camp}))`,
  ]);
  return { rounds, options, versions };
}

export const SATISFACTION_DIMENSIONS = ['unit', 'officer', 'chain', 'region', 'round'] as const;
export type SatisfactionDimension = (typeof SATISFACTION_DIMENSIONS)[number];

const KEYS: Record<SatisfactionDimension, { key: string; label: string }> = {
  unit: { key: 'o.unit_id', label: 'u.name' }, // the unit of the enterprise's lead officer
  officer: { key: 'o.id', label: 'o.name' }, // every officer paired with the enterprise
  chain: { key: 'e.chain_id', label: 'ch.name' },
  region: { key: 'e.region', label: 'e.region' },
  round: { key: 'r.campaign_id', label: 'c.name' },
};

/** Joins from a response `r` to its enterprise and, when needed, to the officer(s) answerable for it. */
function joins(scope: Scope, by: SatisfactionDimension): SQL {
  const officerJoin = by === 'officer' || by === 'round' || scope.officerId;
  const leadJoin = by === 'unit' || (scope.unitId && !officerJoin);
  return sql`JOIN invitations i ON i.id = r.invitation_id JOIN enterprises e ON e.id = i.enterprise_id
    LEFT JOIN chains ch ON ch.id = e.chain_id JOIN campaigns c ON c.id = r.campaign_id
    ${
      officerJoin || leadJoin
        ? sql`JOIN assignments s ON s.programme_id = c.programme_id AND s.enterprise_id = e.id ${leadJoin ? sql`AND s.is_lead = 1` : sql``}
          JOIN users o ON o.id = s.officer_id LEFT JOIN units u ON u.id = o.unit_id`
        : sql``
    }`;
}

const narrow = (scope: Scope) =>
  sql`${scope.unitId ? sql`AND o.unit_id = ${scope.unitId}` : sql``} ${scope.officerId ? sql`AND o.id = ${scope.officerId}` : sql``}`;

export type GroupOptionRow = { grp: string | null; label: string | null; questionKey: string; option: string; n: number };
export type GroupResponsesRow = { grp: string | null; label: string | null; responses: number };

/**
 * Likert answers and responses per group, for the items given. Never per enterprise: the smallest group
 * is an officer's, and the caller suppresses groups under k (DESIGN §6).
 */
export async function satisfactionGroups(db: Db, scope: Scope, by: SatisfactionDimension, itemKeys: string[]) {
  if (itemKeys.length === 0) return { options: [] as GroupOptionRow[], responses: [] as GroupResponsesRow[] };
  const camp = campaignsSql(scope);
  const g = sql.raw(`${KEYS[by].key} AS grp, ${KEYS[by].label} AS label`);
  const keys = sql.join(
    itemKeys.map((k) => sql`${k}`),
    sql`, `,
  );
  const [options, responses] = await readAll<[GroupOptionRow, GroupResponsesRow]>(db, [
    sql`SELECT ${g}, a.question_key AS questionKey, coalesce(a.text_value, CAST(CAST(a.num_value AS INTEGER) AS TEXT)) AS option,
        count(*) AS n
      FROM answers a JOIN responses r ON r.id = a.response_id ${joins(scope, by)}
      WHERE a.campaign_id IN (${camp}) AND a.question_key IN (${keys})
        AND (a.text_value = 'na' OR a.num_value IN (1, 2, 3, 4, 5)) ${narrow(scope)}
      GROUP BY grp, questionKey, option`,
    sql`SELECT ${g}, count(DISTINCT r.id) AS responses
      FROM responses r ${joins(scope, by)}
      WHERE r.campaign_id IN (${camp}) ${narrow(scope)}
      GROUP BY grp`,
  ]);
  return { options, responses };
}
