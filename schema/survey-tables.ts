// Forms, survey rounds (调查批次), personal links and answers (DESIGN §3–4). Answers are normalised
// one row per value so statistics are SQL aggregates; rollup tables are updated in the same batch as
// each submission so dashboards never scan answers.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sqliteTable } from './sqlite-table';

import { enterprises, programmes, users } from './tables';

export const FORM_KINDS = ['survey', 'memo_extra'] as const;

export const forms = sqliteTable('forms', {
  id: text().primaryKey(),
  name: text().notNull(),
  kind: text({ enum: FORM_KINDS }).notNull().default('survey'),
  /** Set for the built-in templates (e.g. 'satisfaction'), null for forms admins made. */
  template: text(),
  disabled: integer({ mode: 'boolean' }).notNull().default(false),
  createdAt: integer().notNull(),
  updatedAt: integer().notNull(),
});

export const FORM_VERSION_STATUSES = ['draft', 'published'] as const;

/** A published version is immutable: editing a published form creates the next draft version. */
export const formVersions = sqliteTable(
  'form_versions',
  {
    id: text().primaryKey(),
    formId: text()
      .notNull()
      .references(() => forms.id),
    version: integer().notNull(),
    /** JSON validated by schema/form-definition.ts. */
    definition: text().notNull(),
    status: text({ enum: FORM_VERSION_STATUSES }).notNull().default('draft'),
    createdAt: integer().notNull(),
    publishedAt: integer(),
  },
  (t) => [uniqueIndex('form_versions_form_version_uq').on(t.formId, t.version)],
);

/**
 * What is stored of a round's lifecycle (DESIGN §4): a draft (草稿: nothing has gone out), launched, or
 * void (已作废). 已排期, 进行中 and 已结束 follow from the times when read (schema/rules/round-state.ts).
 */
export const ROUND_STATUSES = ['draft', 'launched', 'void'] as const;

/** 调查批次: a programme, a published form version, a window, and a reproducible random draw. */
export const campaigns = sqliteTable(
  'campaigns',
  {
    id: text().primaryKey(),
    programmeId: text()
      .notNull()
      .references(() => programmes.id),
    formVersionId: text()
      .notNull()
      .references(() => formVersions.id),
    /** Unique per programme among the rounds not voided (campaigns_programme_name_uq). */
    name: text().notNull(),
    /** A draft's is a placeholder (when it was drawn): the start time is chosen at launch. */
    opensAt: integer().notNull(),
    /** Closing early or extending moves it; it never moves back once passed, so a closed round stays closed. */
    closesAt: integer().notNull(),
    /** JSON: { mode: 'all' | 'count' | 'percent', n?, percent?, stratify: 'none' | 'unit' | 'chain', excludeDays? }. */
    sampling: text().notNull(),
    /** The recorded seed: the same seed over the same eligible list reproduces the same draw. */
    seed: text().notNull(),
    createdBy: text().references(() => users.id),
    createdAt: integer().notNull(),
    /** Rounds made before the lifecycle existed had gone out when made: they default to launched. */
    status: text({ enum: ROUND_STATUSES }).notNull().default('launched'),
    /** How many seeds the server drew for this round: 1, plus one per re-seed (each with its reason, audited). */
    seedCount: integer().notNull().default(1),
    /** When the stored list was drawn: the exclusion window counts back from it, so the draw can be re-run. */
    drawnAt: integer(),
    launchedAt: integer(),
    voidedAt: integer(),
    /** Officers see the round's name beside their own figures only when an admin marked it shareable (issue 14). */
    shareable: integer({ mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('campaigns_programme_idx').on(t.programmeId, t.opensAt),
    uniqueIndex('campaigns_programme_name_uq').on(t.programmeId, t.name).where(sql`status <> 'void'`),
  ],
);

/** One personal link per drawn enterprise; only a hash of the link token is stored. */
export const invitations = sqliteTable(
  'invitations',
  {
    id: text().primaryKey(),
    campaignId: text()
      .notNull()
      .references(() => campaigns.id),
    enterpriseId: text()
      .notNull()
      .references(() => enterprises.id),
    tokenHash: text().notNull().unique(),
    /** The stratum the enterprise was drawn from (unit or chain id), for the draw's audit trail. */
    stratum: text(),
    createdAt: integer().notNull(),
    openedAt: integer(),
    submittedAt: integer(),
  },
  (t) => [
    uniqueIndex('invitations_campaign_enterprise_uq').on(t.campaignId, t.enterpriseId),
    index('invitations_campaign_submitted_idx').on(t.campaignId, t.submittedAt),
    index('invitations_enterprise_idx').on(t.enterpriseId, t.createdAt),
  ],
);

/**
 * 我的诉求 links (issue 16): one long-lived personal link per programme and enterprise, built like a
 * survey link (worker/surveys/link-token.ts: the token is HMAC(LINK_SECRET, id), D1 holds only its
 * SHA-256). A re-issue revokes the live row and writes a new one, so the old link stops working.
 */
export const enterpriseLinks = sqliteTable(
  'enterprise_links',
  {
    id: text().primaryKey(),
    programmeId: text()
      .notNull()
      .references(() => programmes.id),
    enterpriseId: text()
      .notNull()
      .references(() => enterprises.id),
    tokenHash: text().notNull().unique(),
    issuedAt: integer().notNull(),
    issuedBy: text().references(() => users.id),
    revokedAt: integer(),
  },
  (t) => [uniqueIndex('enterprise_links_live_uq').on(t.programmeId, t.enterpriseId).where(sql`revoked_at IS NULL`)],
);

/**
 * 标记已提醒: one row each time the office reminded a drawn enterprise that has not answered (by phone,
 * WeChat, in person), so the list shows when and how often, and the daily chart shows whether it worked.
 */
export const reminders = sqliteTable(
  'reminders',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    campaignId: text()
      .notNull()
      .references(() => campaigns.id),
    invitationId: text()
      .notNull()
      .references(() => invitations.id),
    at: integer().notNull(),
    by: text().references(() => users.id),
  },
  (t) => [index('reminders_campaign_invitation_idx').on(t.campaignId, t.invitationId, t.at)],
);

export const responses = sqliteTable(
  'responses',
  {
    id: text().primaryKey(),
    campaignId: text()
      .notNull()
      .references(() => campaigns.id),
    /** UNIQUE NOT NULL: one completed response per link, enforced by the database. */
    invitationId: text()
      .notNull()
      .unique()
      .references(() => invitations.id),
    formVersionId: text()
      .notNull()
      .references(() => formVersions.id),
    submittedAt: integer().notNull(),
    /** JSON: user agent class, whether JavaScript was on, time taken. Never an IP. */
    clientMeta: text(),
    /**
     * The response's answer cells as the responses CSV writes them (worker/exports/response-cells.ts):
     * labels, CSV-escaped, comma-joined. Written by the submission batch — answers and form versions
     * never change after submission — so the export joins strings instead of decoding answers per
     * download. NULL for responses stored before migration 0009: the export writes those from `answers`.
     */
    csvCells: text(),
  },
  (t) => [index('responses_campaign_submitted_idx').on(t.campaignId, t.submittedAt)],
);

/** One row per answered value: matrix rows as `question.row`, each chosen option of a multiple choice. */
export const answers = sqliteTable(
  'answers',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    responseId: text()
      .notNull()
      .references(() => responses.id),
    campaignId: text().notNull(),
    questionKey: text().notNull(),
    numValue: real(),
    textValue: text(),
  },
  (t) => [
    index('answers_response_idx').on(t.responseId),
    // Covers the values too, so rebuilding option_counts (worker/stats/recompute.ts) streams this index in
    // order instead of sorting every answer: ≈ 0.4 s instead of ≈ 3 s for 1 M answers (DESIGN §8).
    index('answers_campaign_question_value_idx').on(t.campaignId, t.questionKey, t.numValue, t.textValue),
  ],
);

/** Rollup: how many responses of a round chose each option of each question (DESIGN §3). */
export const optionCounts = sqliteTable(
  'option_counts',
  {
    campaignId: text().notNull(),
    questionKey: text().notNull(),
    option: text().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.questionKey, t.option] })],
);

/**
 * Rollup: the likert answers of a round per group — the unit of the enterprise's lead officer, each
 * officer paired with it (pairings in force on the 15th of the month the answer was given), its chain,
 * its region, and that month itself — so satisfaction by unit, officer, chain, region and month reads a
 * few rows per group instead of grouping the answers (DESIGN §6). Written in the submission batch and
 * moved by triggers when a pairing changes (worker/stats/group-rollup.ts); `question_key` and `option`
 * both '' count the group's responses. A missing chain, region or unit (no lead in force, or a lead
 * without a unit: 未指定单位) is the key ''.
 */
export const groupCounts = sqliteTable(
  'group_counts',
  {
    campaignId: text().notNull(),
    dimension: text({ enum: ['unit', 'officer', 'chain', 'region', 'month'] }).notNull(),
    groupKey: text().notNull(),
    questionKey: text().notNull(),
    option: text().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.dimension, t.groupKey, t.questionKey, t.option] })],
);

/** Rollup: invited / opened / submitted per round, so the round page never counts invitations. */
export const campaignCounters = sqliteTable('campaign_counters', {
  campaignId: text().primaryKey(),
  invited: integer().notNull().default(0),
  opened: integer().notNull().default(0),
  submitted: integer().notNull().default(0),
});

/**
 * The frozen officer figures of a closed round (issue 14): taken once by the daily run after the round
 * closes (worker/stats/officer-snapshot.ts), never touched by the recompute, pairing edits or later
 * corrections, so reloading the officer's page before and after an answer shows nothing. Until a round
 * has its row here, the officer's page says 统计中.
 */
export const roundSnapshots = sqliteTable('round_snapshots', {
  campaignId: text()
    .primaryKey()
    .references(() => campaigns.id),
  takenAt: integer().notNull(),
});

/**
 * One officer's group in a snapshot: the responses of the enterprises paired with the officer, and
 * whether the figures are withheld although the group has k responses — when it also holds answers of a
 * unit whose own figures are suppressed, so that adding and subtracting the published unit figures could
 * not isolate them (schema/rules/suppression.ts).
 */
export const officerSnapshots = sqliteTable(
  'officer_snapshots',
  {
    campaignId: text().notNull(),
    officerId: text().notNull(),
    responses: integer().notNull(),
    withheld: integer({ mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.officerId] }), index('officer_snapshots_officer_idx').on(t.officerId, t.campaignId)],
);

/** The likert counts of each officer's group in a snapshot, copied from group_counts at the time. */
export const officerSnapshotCounts = sqliteTable(
  'officer_snapshot_counts',
  {
    campaignId: text().notNull(),
    officerId: text().notNull(),
    questionKey: text().notNull(),
    option: text().notNull(),
    count: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.officerId, t.campaignId, t.questionKey, t.option] })],
);

/**
 * The claims cross-check of a closed round, frozen (issue 20): taken once by the daily run after the round
 * closes (worker/stats/claim-snapshot.ts), one row per officer paired with an answering enterprise and the
 * enterprises' chain and region, with the claims checked and contradicted (schema/rules/claims.ts). The officer's unit is not stored: it is
 * read as it stands, as the live cross-check reads it. Frozen like the officers' own figures, so a memo
 * written or backdated after the close, or a pairing edit, never moves the figure of the people it judges.
 */
export const claimSnapshots = sqliteTable(
  'claim_snapshots',
  {
    campaignId: text().notNull(),
    officerId: text().notNull(),
    /**
     * The enterprises' chain ('' for none) and region when the claims were taken, so a leader's chain or
     * region reads its part of the frozen figure (issue 19) and the programme the sum.
     */
    chainId: text().notNull(),
    region: text().notNull(),
    checked: integer().notNull(),
    contradicted: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.officerId, t.chainId, t.region] })],
);

/**
 * The mark that a closed round's claims were taken into claim_snapshots, written in the same batch, last.
 * Apart from round_snapshots, so rounds frozen for officers before this table existed get their claims
 * taken by the next daily run. Until a round has its mark, its claims are computed live from the raw rows.
 */
export const claimsTaken = sqliteTable('claims_taken', {
  campaignId: text()
    .primaryKey()
    .references(() => campaigns.id),
  takenAt: integer().notNull(),
});

/**
 * The figures' version (issue 20): one row, its number raised by a trigger on every write to a table a
 * figure is read from (worker/stats/figure-sources.ts generates them). Kept figures carry the number they
 * were computed at; a different number means something moved since, so they are computed again.
 */
export const figureVersion = sqliteTable('figure_version', {
  id: integer().primaryKey(),
  n: integer().notNull(),
});

/**
 * Dashboard figures kept ready (issue 20): what a page's queries returned, as JSON, for one page × scope
 * (programme, period, China's day, narrowing, settings, build). Read back only while `version` is the
 * current figure_version and the instant is before `valid_until` (the next round opening or closing:
 * figures that move with the clock, not with a write). worker/stats/figure-cache.ts.
 */
export const figureCache = sqliteTable('figure_cache', {
  key: text().primaryKey(),
  version: integer().notNull(),
  validUntil: integer().notNull(),
  body: text().notNull(),
  madeAt: integer().notNull(),
});
